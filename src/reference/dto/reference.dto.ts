import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { OKVED_PREFIX } from '../reference.rules';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// ── wage floors ────────────────────────────────────────────────────────────────────────────
export class PutWageFloorDto {
  @ApiProperty({ example: 27093, description: 'Federal minimum wage (МРОТ) for the year, whole roubles per month' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  mrotRub: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Federal law of 2025 (verify)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class WageFloorDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 27093 }) mrotRub: number;
  @ApiProperty({ nullable: true, type: Number, example: 1.15, description: "Omsk oblast's coefficient; null when none is entered" })
  regionalCoefficient: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 31157, description: 'ceil(mrotRub × regionalCoefficient), full time' })
  floorRub: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

// ── regional coefficients ──────────────────────────────────────────────────────────────────
export class PutRegionalCoefficientDto {
  @ApiProperty({ example: 1.15, minimum: 0.001, maximum: 9.999 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(9.999)
  coefficient: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

export class RegionalCoefficientDto {
  @ApiProperty({ example: 'OMSK' }) region: string;
  @ApiProperty({ example: 1.15 }) coefficient: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

// ── bans ───────────────────────────────────────────────────────────────────────────────────
export class CreateBanDto {
  @ApiProperty({ example: 'Указ Губернатора Омской области (verify)' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  title: string;
  @ApiProperty({ type: [String], example: ['49.32', '47.25'], description: 'ОКВЭД codes or prefixes: 47, 47.1, 47.11, 47.11.1' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(OKVED_PREFIX, { each: true, message: 'each activity code must be an ОКВЭД prefix such as 47, 47.2 or 47.25' })
  activityCodes: string[];
  @ApiProperty({ format: 'date', example: '2026-03-01' }) @IsISO8601({ strict: true }) @Matches(ISO_DATE) effectiveFrom: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'Last day in force (inclusive); null = open-ended' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  effectiveTo?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

/** Only the fields sent change; title, codes and effectiveFrom may be left out but never null. */
export class UpdateBanDto {
  @ApiPropertyOptional() @ValidateIf((_, v) => v !== undefined) @Transform(trim) @IsString() @MinLength(3) @MaxLength(500) title?: string;
  @ApiPropertyOptional({ type: [String], description: 'Replaces the whole list' })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(OKVED_PREFIX, { each: true, message: 'each activity code must be an ОКВЭД prefix such as 47, 47.2 or 47.25' })
  activityCodes?: string[];
  @ApiPropertyOptional({ format: 'date' }) @ValidateIf((_, v) => v !== undefined) @IsISO8601({ strict: true }) @Matches(ISO_DATE) effectiveFrom?: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'null removes the end date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  effectiveTo?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class BanQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Only bans in force on this day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  on?: string;
}

export class BanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) activityCodes: string[];
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

// ── occupations ────────────────────────────────────────────────────────────────────────────
export class PutOccupationDto {
  @ApiProperty({ example: 'Bricklayer' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) title: string;
  @ApiProperty({ example: 'Каменщик' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) titleRu: string;
}

export class OccupationQueryDto {
  @ApiPropertyOptional({ description: 'Title (either language) or code contains, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OccupationDto {
  @ApiProperty({ example: '7112', description: 'ОКЗ code' }) code: string;
  @ApiProperty({ example: 'Bricklayer' }) title: string;
  @ApiProperty({ example: 'Каменщик' }) titleRu: string;
}

// ── local wages ────────────────────────────────────────────────────────────────────────────
export class PutLocalWageDto {
  @ApiProperty({ example: 78000, description: 'What local workers earn in this occupation, gross roubles a month' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  amountRub: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

export class LocalWageQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Transform(({ value }) => (/^\d{4}$/.test(String(value)) ? Number(value) : value))
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
  @ApiPropertyOptional({ example: '7112' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'occupationCode must be a four-digit ОКЗ code' })
  occupationCode?: string;
}

export class LocalWageDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: '7112' }) occupationCode: string;
  @ApiProperty({ example: 78000 }) amountRub: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

// ── labour parameters ──────────────────────────────────────────────────────────────────────
export class PutParameterDto {
  @ApiProperty({ example: 0.2 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  value: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

export class ParameterDto {
  @ApiProperty({ example: 'MAX_DEDUCTION_SHARE' }) key: string;
  @ApiProperty({ example: 0.2 }) value: number;
  @ApiProperty({ example: 'largest share of gross pay deductions may take (0.2 = 20 %)' }) description: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

// ── activity codes (ОКВЭД) ─────────────────────────────────────────────────────────────────
export class PutActivityCodeDto {
  @ApiProperty({ example: 'Строительство жилых и нежилых зданий' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) title: string;
}

export class ActivityCodeDto {
  @ApiProperty({ example: '41.20', description: 'ОКВЭД 2 code' }) code: string;
  @ApiProperty({ example: 'Строительство жилых и нежилых зданий' }) title: string;
}
