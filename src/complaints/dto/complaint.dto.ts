import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { CATEGORIES, FINDINGS, RECIPIENTS, SEVERITIES, SHARES, STATUSES, TRANSITION_TARGETS } from '../complaint.rules';
import type { Category, Finding, Recipient, Severity, Share, Status, TransitionTarget } from '../complaint.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const AGAINST = ['EMPLOYER', 'INTERMEDIARY', 'OFFICIAL', 'OTHER'] as const;
export type Against = (typeof AGAINST)[number];
export const CHANNELS = ['IN_PERSON', 'PHONE', 'PUBLIC_FORM', 'REFERRED_BY_PARTNER'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CONSENT_METHODS = ['SIGNED_FORM', 'IN_PERSON_VERBAL', 'PHONE_VERBAL', 'ELECTRONIC'] as const;

/** A complaint entered by staff (or a partner agency's liaison officer) on a worker's behalf. */
export class CreateComplaintDto {
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category: Category;
  @ApiPropertyOptional({
    enum: SEVERITIES,
    description:
      'Raises the severity the category proposes; never lowers it (VIOLENCE_OR_THREATS, FORCED_LABOUR and DOCUMENT_CONFISCATION are always CRITICAL)',
  })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;
  @ApiProperty({ enum: AGAINST }) @IsIn(AGAINST) against: Against;
  @ApiPropertyOptional({ format: 'uuid', description: "The worker who complains (in the caller's scope); omit for an anonymous complaint" })
  @IsOptional()
  @IsUUID()
  workerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() employerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() intermediaryId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The partner agency complained about: its liaison officers never see the complaint' })
  @IsOptional()
  @IsUUID()
  partnerAgencyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The placement the complaint is about (of the worker; sets the employer)' })
  @IsOptional()
  @IsUUID()
  placementId?: string;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel: Channel;
  @ApiProperty({ minLength: 10, maxLength: 20000, description: 'Stored encrypted' })
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(20000)
  narrative: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The caseworker (STAFF or ADMIN) who handles it; a confidential complaint entered by staff defaults to its author',
  })
  @IsOptional()
  @IsUUID()
  assignedToId?: string;
  @ApiPropertyOptional({ default: false, description: 'Seen only by the assigned caseworker and the administrators' })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;
  @ApiPropertyOptional({ description: 'When the Centre received it (defaults to now), ISO 8601 timestamp' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;
}

export class PatchComplaintDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() assignedToId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() confidential?: boolean;
  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Never below what the category proposes' }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ enum: AGAINST }) @IsOptional() @IsIn(AGAINST) against?: Against;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() employerId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() intermediaryId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() partnerAgencyId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() workerId?: string | null;
}

export class ComplaintQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: Status;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() workerId?: string;
  @ApiPropertyOptional({ description: '`me` or a user id' }) @IsOptional() @ValidateIf((_, v) => v !== 'me') @IsUUID() assignedTo?: string;
  @ApiPropertyOptional({ description: 'Only untriaged complaints past their triage deadline' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export class TransitionDto {
  @ApiProperty({ enum: TRANSITION_TARGETS, description: 'REFERRED is reached by the first referral, not by a transition' })
  @IsIn(TRANSITION_TARGETS)
  to: TransitionTarget;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required to close (RESOLVED, DISMISSED) and to reopen' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
  @ApiPropertyOptional({ enum: FINDINGS, description: 'Required for RESOLVED, refused otherwise' }) @IsOptional() @IsIn(FINDINGS) finding?: Finding;
}

export class NoteDto {
  @ApiProperty({ minLength: 1, maxLength: 10000, description: 'Stored encrypted' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(10000) text: string;
  @ApiPropertyOptional({ default: false, description: 'A message to the complainant, shown on the public status page; otherwise an internal note' })
  @IsOptional()
  @IsBoolean()
  toComplainant?: boolean;
}

export class CreateConsentDto {
  @ApiProperty({ enum: RECIPIENTS }) @IsIn(RECIPIENTS) recipientKind: Recipient;
  @ApiProperty({ example: 'Inspection of unpaid wages', minLength: 3, maxLength: 500 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  purpose: string;
  @ApiProperty({ enum: SHARES, isArray: true, description: 'What may be shared with that recipient' })
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARES.length)
  @ArrayUnique()
  @IsIn(SHARES, { each: true })
  scope: Share[];
  @ApiProperty({ example: 'the worker in person', minLength: 2, maxLength: 200, description: 'Who gave it (the worker, or their representative)' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  givenBy: string;
  @ApiProperty({ description: 'When it was given, ISO 8601 timestamp (not in the future)' }) @IsISO8601({ strict: true }) givenAt: string;
  @ApiProperty({ enum: CONSENT_METHODS, description: 'How it was recorded' }) @IsIn(CONSENT_METHODS) method: (typeof CONSENT_METHODS)[number];
}

export class WithdrawConsentDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) reason?: string;
}

export class CreateReferralDto {
  @ApiProperty({ enum: RECIPIENTS }) @IsIn(RECIPIENTS) recipientKind: Recipient;
  @ApiPropertyOptional({ maxLength: 300, description: 'The authority or organisation (required unless PARTNER_AGENCY)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  recipientName?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For PARTNER_AGENCY: its liaison officers then see what is shared' })
  @IsOptional()
  @IsUUID()
  partnerAgencyId?: string;
  @ApiProperty({ enum: SHARES, isArray: true, description: 'What the referral shares; the consent must cover all of it' })
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARES.length)
  @ArrayUnique()
  @IsIn(SHARES, { each: true })
  shares: Share[];
  @ApiPropertyOptional({ format: 'uuid', description: 'The consent it goes under (default: a live consent for that recipient kind covering the shares)' })
  @IsOptional()
  @IsUUID()
  consentId?: string;
}

export class ComplaintPolicyDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) triageHoursCritical: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) triageHoursHigh: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) triageHoursNormal: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) triageHoursLow: number;
  @ApiProperty({ description: 'Days after a complaint during which a dismissal or departure of the complainant alerts the caseworker' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  retaliationDays: number;
  @ApiProperty({ description: 'Days a closed complaint keeps its narrative, notes and evidence' })
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(36500)
  retentionDays: number;
}

export class ComplaintPolicyViewDto extends ComplaintPolicyDto {
  @ApiProperty() version: number;
}

// ---- views ----

export class ComplaintNoteViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['INTERNAL', 'TO_COMPLAINANT', 'FROM_COMPLAINANT'] }) kind: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once destroyed by retention' }) text: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty() createdAt: string;
}

export class ComplaintTransitionViewDto {
  @ApiProperty({ enum: STATUSES, nullable: true }) from: Status | null;
  @ApiProperty({ enum: STATUSES }) to: Status;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ enum: FINDINGS, nullable: true }) finding: Finding | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty() at: string;
}

export class ConsentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECIPIENTS }) recipientKind: Recipient;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: SHARES, isArray: true }) scope: Share[];
  @ApiProperty() givenBy: string;
  @ApiProperty() givenAt: string;
  @ApiProperty({ enum: CONSENT_METHODS }) method: string;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawReason: string | null;
}

export class ReferralViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECIPIENTS }) recipientKind: Recipient;
  @ApiProperty({ type: String, nullable: true }) recipientName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) partnerAgencyId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: an anonymous complaint without identity, referred without consent' })
  consentId: string | null;
  @ApiProperty({ enum: SHARES, isArray: true }) shares: Share[];
  @ApiProperty({ type: String, nullable: true, description: 'The referral letter: only what the consent covers' }) letter: string | null;
  @ApiProperty() createdAt: string;
}

export class EvidenceViewDto {
  @ApiProperty() name: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() fromComplainant: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) destroyedAt: string | null;
}

/**
 * A complaint as its reader may see it. A liaison officer (`view: SHARED`) gets only what the
 * referral to their agency shares: the other fields are null and the lists empty.
 */
export class ComplaintDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'C-2026-7KQ3MX' }) reference: string;
  @ApiProperty({ enum: ['FULL', 'SHARED'] }) view: 'FULL' | 'SHARED';
  @ApiProperty({ enum: CATEGORIES, nullable: true }) category: Category | null;
  @ApiProperty({ enum: SEVERITIES, nullable: true }) severity: Severity | null;
  @ApiProperty({ enum: AGAINST, nullable: true }) against: Against | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) employerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) intermediaryId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) partnerAgencyId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) placementId: string | null;
  @ApiProperty({ enum: CHANNELS, nullable: true }) channel: Channel | null;
  @ApiProperty({ type: String, nullable: true, description: 'Decrypted for the reader; null when not shared or destroyed by retention' }) narrative:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Public intake: the employer as the complainant named it' }) subjectName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Public intake: where it happened' }) place: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Public intake: how to reach the complainant, only when they asked to be contacted' }) contact:
    string | null;
  @ApiProperty({ type: String, nullable: true }) language: string | null;
  @ApiProperty() anonymous: boolean;
  @ApiProperty() confidential: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedToId: string | null;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @ApiProperty({ enum: FINDINGS, nullable: true }) finding: Finding | null;
  @ApiProperty({ type: String, nullable: true }) closeReason: string | null;
  @ApiProperty() receivedAt: string;
  @ApiProperty() triageDueAt: string;
  @ApiProperty({ type: String, nullable: true }) triagedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Retention destroyed the content; the record remains as statistics' }) destroyedAt: string | null;
  @ApiProperty({ enum: TRANSITION_TARGETS, isArray: true, description: 'The moves the status allows now' }) allowedTransitions: TransitionTarget[];
  @ApiProperty() version: number;
  @ApiProperty({ type: [ComplaintNoteViewDto] }) notes: ComplaintNoteViewDto[];
  @ApiProperty({ type: [ComplaintTransitionViewDto] }) transitions: ComplaintTransitionViewDto[];
  @ApiProperty({ type: [ConsentViewDto] }) consents: ConsentViewDto[];
  @ApiProperty({ type: [ReferralViewDto] }) referrals: ReferralViewDto[];
  @ApiProperty({ type: [EvidenceViewDto] }) evidence: EvidenceViewDto[];
}

/** A row of the complaints list: no narrative, no notes (those are read one complaint at a time, logged). */
export class ComplaintSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: CATEGORIES, nullable: true }) category: Category | null;
  @ApiProperty({ enum: SEVERITIES, nullable: true }) severity: Severity | null;
  @ApiProperty({ enum: AGAINST, nullable: true }) against: Against | null;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedToId: string | null;
  @ApiProperty() confidential: boolean;
  @ApiProperty() receivedAt: string;
  @ApiProperty() triageDueAt: string;
  @ApiProperty({ description: 'Untriaged past its triage deadline' }) triageOverdue: boolean;
  @ApiProperty() version: number;
}

export class ComplaintPageDto {
  @ApiProperty({ type: [ComplaintSummaryDto] }) items: ComplaintSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
