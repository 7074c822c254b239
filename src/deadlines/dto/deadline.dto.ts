import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { DEADLINE_KINDS, DEADLINE_TRIGGERS, type DeadlineKind } from '../deadline-rules';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES = ['OPEN', 'DONE', 'MISSED', 'WAIVED'] as const;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DeadlineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ enum: DEADLINE_KINDS }) @IsOptional() @IsIn(DEADLINE_KINDS) kind?: DeadlineKind;
  @ApiPropertyOptional({ format: 'date', description: 'Due on or before this day' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dueBefore must be a date like 2026-03-01' })
  @IsISO8601({ strict: true }, { message: 'dueBefore must be a real date like 2026-03-01' })
  dueBefore?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: open or missed, due before today' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['me'], description: 'me: the deadlines of the workers whose caseworker the caller is' })
  @IsOptional()
  @IsIn(['me'])
  assignee?: 'me';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() workerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() employerId?: string;
}

export class PatchDeadlineDto {
  @ApiProperty({ enum: ['WAIVED', 'OPEN'], description: 'WAIVED: the obligation does not apply (a reason is required); OPEN: reopen a waived one' })
  @IsIn(['WAIVED', 'OPEN'])
  status: 'WAIVED' | 'OPEN';
  @ApiPropertyOptional({ example: 'The worker left Russia on 2 March; the registration is void.' })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @MaxLength(1000)
  reason?: string;
}

class NamedRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class DeadlineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workerId: string;
  @ApiProperty({ example: 'OMS-2026-000123' }) caseNumber: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Employers’ obligations: the employer that must act' }) employerId: string | null;
  @ApiProperty({ type: NamedRef, nullable: true }) employer: NamedRef | null;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiProperty({ format: 'date', example: '2026-03-17' }) dueDate: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ description: 'The record the period runs from', example: { type: 'document', id: '…' } }) source: { type: string; id: string };
  @ApiProperty({ nullable: true, description: 'The record that fulfilled it', example: { type: 'document', id: '…' } }) doneBy: {
    type: string;
    id: string;
  } | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The worker’s caseworker' }) assigneeId: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) completedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) waiveReason: string | null;
  @ApiProperty({ example: 1 }) version: number;
}

export class DeadlinePageDto {
  @ApiProperty({ type: [DeadlineDto] }) items: DeadlineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DeadlineSummaryRowDto {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiProperty({ example: { OPEN: 3, DONE: 10, MISSED: 1, WAIVED: 0 } }) byStatus: Record<string, number>;
  @ApiProperty({ example: 1 }) overdue: number;
  @ApiProperty({ example: 2 }) dueIn7Days: number;
  @ApiProperty({ example: 3 }) dueIn30Days: number;
}

export class DeadlineSummaryTotalDto {
  @ApiProperty({ example: { OPEN: 3, DONE: 10, MISSED: 1, WAIVED: 0 } }) byStatus: Record<string, number>;
  @ApiProperty({ example: 1 }) overdue: number;
  @ApiProperty({ example: 2 }) dueIn7Days: number;
  @ApiProperty({ example: 3 }) dueIn30Days: number;
}

export class DeadlineSummaryDto {
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ type: [DeadlineSummaryRowDto] }) kinds: DeadlineSummaryRowDto[];
  @ApiProperty({ type: DeadlineSummaryTotalDto, description: 'Every kind together' }) total: DeadlineSummaryTotalDto;
}

export class DeadlineRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiProperty({ enum: DEADLINE_TRIGGERS }) trigger: string;
  @ApiProperty({ enum: ['PATENT', 'EAEU', 'VISA'], nullable: true, type: String }) regime: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'TJ' }) citizenship: string | null;
  @ApiProperty({ example: 7 }) offset: number;
  @ApiProperty({ enum: ['WORKING_DAYS', 'DAYS', 'MONTHS'] }) unit: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty() note: string;
}

export class CreateDeadlineRuleDto {
  @ApiProperty({ enum: DEADLINE_KINDS }) @IsIn(DEADLINE_KINDS) kind: DeadlineKind;
  @ApiProperty({ enum: DEADLINE_TRIGGERS }) @IsIn(DEADLINE_TRIGGERS) trigger: (typeof DEADLINE_TRIGGERS)[number];
  @ApiPropertyOptional({ enum: ['PATENT', 'EAEU', 'VISA'], nullable: true, type: String })
  @IsOptional()
  @IsIn(['PATENT', 'EAEU', 'VISA'])
  regime?: 'PATENT' | 'EAEU' | 'VISA' | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'TJ', description: 'ISO 3166 alpha-2; overrides the regime’s row for this citizenship' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'citizenship must be a two-letter country code such as TJ' })
  citizenship?: string | null;
  @ApiProperty({ example: 7, description: 'Negative: before the event' }) @IsInt() @Min(-366) @Max(366) offset: number;
  @ApiProperty({ enum: ['WORKING_DAYS', 'DAYS', 'MONTHS'] }) @IsIn(['WORKING_DAYS', 'DAYS', 'MONTHS']) unit: 'WORKING_DAYS' | 'DAYS' | 'MONTHS';
  @ApiProperty({ format: 'date', example: '2027-01-01' })
  @Matches(ISO_DATE, { message: 'effectiveFrom must be a date like 2027-01-01' })
  @IsISO8601({ strict: true }, { message: 'effectiveFrom must be a real date like 2027-01-01' })
  effectiveFrom: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveTo must be a date like 2027-12-31' })
  @IsISO8601({ strict: true }, { message: 'effectiveTo must be a real date like 2027-12-31' })
  effectiveTo?: string | null;
  @ApiProperty({ example: 'Federal law No. … of …: 10 working days' }) @IsString() @Transform(trim) @MinLength(1) @MaxLength(500) note: string;
}

export class WorkerNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) deadlineId: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: STATUSES }) deadlineStatus: string;
  @ApiProperty({ enum: ['ru', 'uz', 'tg', 'ky', 'en'], description: 'ISO 639-1: the first of the dossier’s languages that notices are written in, else ru' })
  language: string;
  @ApiProperty({ example: 'Migratsiya hisobiga turish (kelganlik haqida xabarnoma): 17-mart, 2026' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WorkerNoticeListDto {
  @ApiProperty({ type: [WorkerNoticeDto] }) items: WorkerNoticeDto[];
}

export class ReminderLeadDto {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiProperty({ type: [Number], example: [14, 7, 3, 1, 0], description: 'Days before the due date (0: on the day), largest first' }) days: number[];
}

export class PutReminderLeadDto {
  @ApiProperty({ type: [Number], example: [14, 7, 3, 1, 0], description: 'Whole days 0–365, each once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  days: number[];
}
