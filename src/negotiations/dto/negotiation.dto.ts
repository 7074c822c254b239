import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NegotiationParty, NegotiationStatus } from '../../generated/prisma/enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOfferDto {
  @ApiProperty({ example: 62_000, description: 'Gross wage, whole roubles a month' }) @IsInt() @Min(1) @Max(10_000_000) monthlyWageRub: number;
  @ApiProperty({ example: 40, description: 'At most FULL_TIME_HOURS_PER_WEEK (40) unless includesOvertime' }) @IsInt() @Min(1) @Max(80) hoursPerWeek: number;
  @ApiPropertyOptional({ default: false, description: 'The hours include overtime beyond the normal week' })
  @IsOptional()
  @IsBoolean()
  includesOvertime?: boolean;
  @ApiProperty() @IsBoolean() housingProvided: boolean;
  @ApiProperty() @IsBoolean() mealsProvided: boolean;
  @ApiProperty({ example: 6_000, description: 'Monthly deductions for housing and meals, at most MAX_DEDUCTION_SHARE (20 %) of gross' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  deductionsRub: number;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) note?: string;
}

export class AcceptOfferDto {
  @ApiProperty({ format: 'uuid', description: 'The latest offer, made by the other party' }) @IsUUID() offerId: string;
}

export class BreakOffDto {
  @ApiProperty({ example: 'The employer will not pay above the floor', minLength: 3, maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class ReopenDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the Centre resumes the negotiation (kept in the audit log)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** The terms of an offer, as negotiated. */
export class TermsDto {
  @ApiProperty() monthlyWageRub: number;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty() includesOvertime: boolean;
  @ApiProperty() housingProvided: boolean;
  @ApiProperty() mealsProvided: boolean;
  @ApiProperty() deductionsRub: number;
}

export class OfferTermsDto extends TermsDto {
  @ApiProperty({ format: 'uuid' }) offerId: string;
}

export class OfferDto extends TermsDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '1 for the first offer, then in order' }) seq: number;
  @ApiProperty({ enum: NegotiationParty }) party: NegotiationParty;
  @ApiPropertyOptional({ format: 'uuid', description: "The user who made the offer; not in an employer user's view" }) madeById?: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: "The regional wage floor for the offer's hours when it was made" }) floorRub: number;
  @ApiProperty({ description: 'Gross − income tax (INCOME_TAX_RATE) − deductions, as computed when made' }) netEstimateRub: number;
  @ApiProperty({ nullable: true, type: Number, description: "Reference local wage of the request's occupation and year; null if none entered" })
  localWageRub: number | null;
  @ApiProperty({ nullable: true, type: Number, example: -20.5, description: 'Gross vs the local wage in percent, one decimal; negative = below local rates' })
  localWageGapPct: number | null;
  @ApiProperty({ description: 'A later offer replaced this one' }) superseded: boolean;
  @ApiProperty() createdAt: string;
}

export class NegotiationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labourRequestId: string;
  @ApiProperty({ enum: NegotiationStatus }) status: NegotiationStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The offer on the table' }) latestOfferId: string | null;
  @ApiProperty({ nullable: true, type: OfferTermsDto, description: 'The accepted terms when AGREED; immutable' }) agreedTerms: OfferTermsDto | null;
  @ApiProperty({ nullable: true, type: String }) agreedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Reason of the last break-off (kept after a reopening)' }) brokenOffReason: string | null;
  @ApiProperty({ nullable: true, type: String }) brokenOffAt: string | null;
  @ApiProperty({ type: [OfferDto], description: 'Every offer in order; history is never rewritten' }) offers: OfferDto[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}
