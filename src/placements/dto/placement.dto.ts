import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { ContractNotificationKind, PlacementStatus } from '../../generated/prisma/enums';
import { WorkerMinimalDto } from '../../workers/dto/worker.dto';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePlacementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() labourRequestId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() workerId: string;
  @ApiProperty({ format: 'date', example: '2026-05-04', description: 'First day of work; inside the request period' })
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  startDate: string;
  @ApiPropertyOptional({ example: 65000, description: 'Gross roubles a month; default: the agreed wage, else the request offer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  monthlyWageRub?: number;
  @ApiPropertyOptional({ example: 40, minimum: 1, maximum: 60 }) @IsOptional() @IsInt() @Min(1) @Max(60) hoursPerWeek?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() housingProvided?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() mealsProvided?: boolean;
  @ApiPropertyOptional({ example: 0, description: 'Monthly deductions (housing, meals) in roubles' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  deductionsRub?: number;
}

export class EndPlacementDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-10-30',
    description:
      'Last day of work: not before the start, not in the future; required for an ACTIVE placement. ' +
      'A PLANNED placement (not started yet) is cancelled: leave it out, or give the day of the cancellation (not in the future).',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  endDate?: string;
  @ApiProperty({ example: 'Seasonal work finished' }) @Transform(trim) @IsString() @MinLength(3) @MaxLength(1000) reason: string;
}

export class PlacementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PlacementStatus }) @IsOptional() @IsEnum(PlacementStatus) status?: PlacementStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() workerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() labourRequestId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() employerId?: string;
}

export class CreateContractNotificationDto {
  @ApiProperty({ enum: ContractNotificationKind }) @IsEnum(ContractNotificationKind) kind: ContractNotificationKind;
  @ApiProperty({ format: 'date', example: '2026-05-06', description: 'The day the MVD was notified: not before the contract date, not in the future' })
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  notifiedOn: string;
  @ApiPropertyOptional({ example: 'MVD-55-2026-001234', description: 'Receipt or registration number of the notice' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string;
}

export class CorrectContractNotificationDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-05-06',
    description: 'The corrected day the MVD was notified: not before the contract date, not in the future',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  notifiedOn?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'MVD-55-2026-001235',
    description: 'The corrected receipt or registration number; null removes a wrong one',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string | null;
  @ApiProperty({ example: 'The receipt shows 6 May, not 12 May', description: 'Why the recorded notice was wrong (kept with the correction)' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

/** One correction of a notice, with the values it replaced. */
export class ContractNotificationCorrectionDto {
  @ApiProperty({ description: '1, 2, … in the order the corrections were made' }) sequence: number;
  @ApiProperty({ format: 'date' }) previousNotifiedOn: string;
  @ApiProperty({ nullable: true, type: String }) previousReference: string | null;
  @ApiProperty() previousLate: boolean;
  @ApiProperty({ format: 'date' }) notifiedOn: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) correctedById: string;
  @ApiProperty() createdAt: string;
}

export class ContractNotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) placementId: string;
  @ApiProperty({ enum: ContractNotificationKind }) kind: ContractNotificationKind;
  @ApiProperty({ format: 'date' }) notifiedOn: string;
  @ApiProperty({ format: 'date', description: 'Contract start (CONCLUSION) or end (TERMINATION) + 3 working days' }) dueOn: string;
  @ApiProperty({ description: 'Notified after dueOn' }) late: boolean;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({
    type: [ContractNotificationCorrectionDto],
    description: 'Corrections of the notice, oldest first; Centre staff only, never shown to the employer',
  })
  corrections?: ContractNotificationCorrectionDto[];
}

/** The placed worker as every reader of a placement sees it: name and citizenship, nothing more. */
export class PlacementWorkerDto extends PickType(WorkerMinimalDto, [
  'id',
  'caseNumber',
  'lastNameCyr',
  'firstNameCyr',
  'lastNameLat',
  'firstNameLat',
  'citizenship',
] as const) {}

export class PlacementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labourRequestId: string;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty({ type: PlacementWorkerDto }) worker: PlacementWorkerDto;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why it ended; Centre staff only, never shown to the employer' })
  endReason?: string | null;
  @ApiProperty({ enum: PlacementStatus }) status: PlacementStatus;
  @ApiProperty() monthlyWageRub: number;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty() housingProvided: boolean;
  @ApiProperty() mealsProvided: boolean;
  @ApiProperty() deductionsRub: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The accepted offer whose terms were taken' }) agreedOfferId: string | null;
  @ApiProperty({ type: [ContractNotificationDto] }) contractNotifications: ContractNotificationDto[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class PlacementPageDto {
  @ApiProperty({ type: [PlacementDto] }) items: PlacementDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
