import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { LabourRequestStatus } from '../../generated/prisma/enums';
import { REQUEST_DECISIONS, type RequestDecision } from '../labour-request.rules';
import { OfferTermsDto } from '../../negotiations/dto/negotiation.dto';
import { LabourRequestReviewDto } from './labour-request-review.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const OKZ = /^\d{4}(\.\d{1,3})?$/;

export class CreateLabourRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: the employer the request is for. Employer users never send it (it is their own).' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiProperty({ example: '7112', description: 'Occupation code (ОКЗ) from the occupation reference list' })
  @Transform(trim)
  @Matches(OKZ, { message: 'occupationCode must be an ОКЗ code such as 7112' })
  occupationCode: string;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 5 }) @IsInt() @Min(1) @Max(10000) workersRequested: number;

  @ApiProperty({
    type: [String],
    example: ['UZ', 'KG'],
    description: 'ISO 3166 alpha-2 codes of GET /reference/countries (another, or RU, → 422 naming the field); empty: any citizenship',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each preferred citizenship must be an ISO 3166 alpha-2 code' })
  preferredCitizenships: string[];

  @ApiProperty({ example: '2026-04-01' }) @IsISO8601({ strict: true }) @Matches(DAY) periodStart: string;
  @ApiProperty({ example: '2026-11-30', description: 'On or after periodStart' }) @IsISO8601({ strict: true }) @Matches(DAY) periodEnd: string;
  @ApiProperty({ example: 'Omsk, ul. 10 let Oktyabrya 195' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(500) workPlace: string;
  @ApiProperty({ minimum: 1, example: 60000, description: 'Gross roubles a month' }) @IsInt() @Min(1) @Max(10_000_000) monthlyWageRub: number;
  @ApiProperty({ minimum: 1, maximum: 60, example: 40 }) @IsInt() @Min(1) @Max(60) hoursPerWeek: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() housingProvided?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() mealsProvided?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) notes?: string | null;
}

export class UpdateLabourRequestDto extends PartialType(OmitType(CreateLabourRequestDto, ['employerId'] as const)) {}

export class LabourRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LabourRequestStatus }) @IsOptional() @IsEnum(LabourRequestStatus) status?: LabourRequestStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() employerId?: string;
  @ApiPropertyOptional({ example: '7112' }) @IsOptional() @Matches(OKZ) occupationCode?: string;
  @ApiPropertyOptional({ example: 2026, description: 'Year of periodStart' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class DecisionDto {
  @ApiProperty({ enum: REQUEST_DECISIONS }) @IsIn(REQUEST_DECISIONS) decision: RequestDecision;
  @ApiPropertyOptional({ minimum: 0, description: 'PARTIALLY_APPROVED: 1 … workersRequested − 1; APPROVED: omitted or workersRequested' })
  @IsOptional()
  @IsInt()
  @Min(0)
  approvedCount?: number;
  @ApiPropertyOptional({ description: 'Required for PARTIALLY_APPROVED and REJECTED' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

/** The terms of the accepted offer of the request's wage negotiation: what its placements take. */
export class LabourRequestAgreedTermsDto extends OfferTermsDto {
  @ApiProperty({ example: '2026-03-20T10:15:00.000Z', description: 'When the offer was accepted' }) agreedAt: string;
}

export class LabourRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty() occupationCode: string;
  @ApiProperty() workersRequested: number;
  @ApiProperty({ type: [String] }) preferredCitizenships: string[];
  @ApiProperty({ example: '2026-04-01' }) periodStart: string;
  @ApiProperty({ example: '2026-11-30' }) periodEnd: string;
  @ApiProperty() workPlace: string;
  @ApiProperty({ description: 'The wage the employer offered, gross roubles a month (the agreed one, after a negotiation, is agreedTerms)' })
  monthlyWageRub: number;
  @ApiProperty({ description: 'As offered by the employer' }) hoursPerWeek: number;
  @ApiProperty({ description: 'As offered by the employer' }) housingProvided: boolean;
  @ApiProperty({ description: 'As offered by the employer' }) mealsProvided: boolean;
  @ApiProperty({
    type: LabourRequestAgreedTermsDto,
    nullable: true,
    description:
      'The terms agreed in the wage negotiation (wage, hours, housing, meals, ' +
      'deductions, when agreed), shown beside the offered ones; null while none is agreed',
  })
  agreedTerms: LabourRequestAgreedTermsDto | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ enum: LabourRequestStatus }) status: LabourRequestStatus;
  @ApiProperty({ description: 'Places approved by the decision' }) approvedCount: number;
  @ApiProperty({ description: 'Placements made under the request' }) placedCount: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) quotaAllocationId: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: LabourRequestReviewDto, description: 'Staff and administrators only (never shown to employer users)' })
  review?: LabourRequestReviewDto;
}

export class LabourRequestPageDto {
  @ApiProperty({ type: [LabourRequestDto] }) items: LabourRequestDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
