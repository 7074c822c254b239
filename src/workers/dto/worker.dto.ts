import { ApiProperty, ApiPropertyOptional, getSchemaPath, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { PlacementStatus, RecruitmentChannel, Sex, WorkerStatus } from '../../generated/prisma/enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);
const CYRILLIC = /^[\p{Script=Cyrillic}' -]+$/u;
const LATIN = /^[A-Za-z' -]+$/;

export class PassportInputDto {
  @ApiProperty({ example: 'FA1234567' }) @Transform(trim) @IsString() @MinLength(5) @MaxLength(20) number: string;
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) issuedOn: string;
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) expiresOn: string;
  @ApiPropertyOptional({ example: 'IIV 26283' }) @IsOptional() @IsString() @MaxLength(300) issuer?: string;
}

export class CreateWorkerDto {
  @ApiProperty({ example: 'Ахмедов' }) @Transform(trim) @Matches(CYRILLIC, { message: 'lastNameCyr must be in Cyrillic' }) @MaxLength(100) lastNameCyr: string;
  @ApiProperty({ example: 'Акмал' }) @Transform(trim) @Matches(CYRILLIC, { message: 'firstNameCyr must be in Cyrillic' }) @MaxLength(100) firstNameCyr: string;
  @ApiPropertyOptional({ example: 'Рустамович' }) @IsOptional() @Transform(trim) @Matches(CYRILLIC) @MaxLength(100) patronymicCyr?: string;
  @ApiProperty({ example: 'AKHMEDOV', description: 'As in the passport' })
  @Transform(trim)
  @Matches(LATIN, { message: 'lastNameLat must be in Latin letters' })
  @MaxLength(100)
  lastNameLat: string;
  @ApiProperty({ example: 'AKMAL' })
  @Transform(trim)
  @Matches(LATIN, { message: 'firstNameLat must be in Latin letters' })
  @MaxLength(100)
  firstNameLat: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @Matches(LATIN) @MaxLength(100) patronymicLat?: string;
  @ApiProperty({ example: '1994-03-17', format: 'date' }) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) birthDate: string;
  @ApiProperty({ enum: Sex }) @IsEnum(Sex) sex: Sex;
  @ApiProperty({
    example: 'UZ',
    description:
      'ISO 3166 alpha-2, a code of GET /reference/countries (another → 422 WORKER_CITIZENSHIP_INVALID); not RU: a citizen of Russia is not a labour migrant',
  })
  @Matches(/^[A-Z]{2}$/, { message: 'citizenship must be ISO 3166 alpha-2, e.g. UZ' })
  citizenship: string;
  @ApiPropertyOptional({ example: ['uz', 'ru'] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(/^[a-z]{2,3}$/, { each: true }) languages?: string[];
  @ApiPropertyOptional({ example: '+79131234567' }) @IsOptional() @Matches(/^\+?\d{7,15}$/) phone?: string;
  @ApiPropertyOptional({ example: ['bricklayer'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  occupations?: string[];
  @ApiProperty({ enum: RecruitmentChannel }) @IsEnum(RecruitmentChannel) recruitmentChannel: RecruitmentChannel;
  @ApiPropertyOptional({ format: 'uuid', description: 'Liaison officers: one of their own agencies (422 otherwise), their only one when omitted' })
  @IsOptional()
  @IsUUID()
  partnerAgencyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() intermediaryId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseworkerId?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) consentGivenOn?: string;
  @ApiPropertyOptional({ example: 'case management, referral to authorities' }) @IsOptional() @IsString() @MaxLength(500) consentScope?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) arrivalDate?: string;
  @ApiPropertyOptional({
    type: PassportInputDto,
    description:
      'Recorded as the first document, issued by the country of citizenship. A number already on ' +
      'file (a VALID passport of that country) answers 409 DOCUMENT_NUMBER_TAKEN, ' +
      'or WORKER_POSSIBLY_REGISTERED when the dossier holding it is outside your scope; force never overrides it',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PassportInputDto)
  passport?: PassportInputDto;
}

export class UpdateWorkerDto extends PartialType(OmitType(CreateWorkerDto, ['recruitmentChannel', 'passport'] as const)) {
  @ApiPropertyOptional({ description: 'Archive (true) or restore (false) the dossier; nothing is ever deleted' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class CreateWorkerQueryDto {
  @ApiPropertyOptional({
    description: 'Create even when a worker with a similar name and the same birth date exists; never overrides a passport number on file',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  force?: boolean;
}

export class TransitionDto {
  @ApiProperty({ enum: WorkerStatus }) @IsEnum(WorkerStatus) to: WorkerStatus;
  @ApiProperty({ example: 'Arrived on train 092 from Tashkent' }) @IsString() @MinLength(3) @MaxLength(1000) reason: string;
}

export class WorkerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Fuzzy name search in either script, ranked by similarity' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: WorkerStatus }) @IsOptional() @IsEnum(WorkerStatus) status?: WorkerStatus;
  @ApiPropertyOptional({ example: 'UZ' }) @IsOptional() @Matches(/^[A-Z]{2}$/) citizenship?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnerAgencyId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Workers with a placement (any status) with this employer; employer users: their own id (another answers an empty list)',
  })
  @IsOptional()
  @IsUUID()
  employerId?: string;
  @ApiPropertyOptional({ enum: ['NOT_REQUIRED', 'VALID', 'EXPIRING', 'EXPIRED', 'MISSING'] })
  @IsOptional()
  @IsEnum(['NOT_REQUIRED', 'VALID', 'EXPIRING', 'EXPIRED', 'MISSING'])
  workAuthorization?: string;
  @ApiPropertyOptional({ description: 'Exact document number (any document type), matched through a blind index' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  documentNumber?: string;
  @ApiPropertyOptional({ description: 'Include archived dossiers' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeArchived?: boolean;
}

/** What an employer may see of a worker placed with it. */
export class WorkerPlacementDto {
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ enum: PlacementStatus }) status: PlacementStatus;
}

export class WorkerMinimalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() lastNameCyr: string;
  @ApiProperty() firstNameCyr: string;
  @ApiProperty() lastNameLat: string;
  @ApiProperty() firstNameLat: string;
  @ApiProperty() citizenship: string;
  @ApiProperty({ type: [String] }) occupations: string[];
  @ApiProperty({ type: [WorkerPlacementDto], description: 'Placements (for an employer user: only its own)' }) placements: WorkerPlacementDto[];
}

export class WorkerDto extends WorkerMinimalDto {
  @ApiProperty({ nullable: true, type: String }) patronymicCyr: string | null;
  @ApiProperty({ nullable: true, type: String }) patronymicLat: string | null;
  @ApiProperty({ format: 'date' }) birthDate: string;
  @ApiProperty({ enum: Sex }) sex: Sex;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: RecruitmentChannel }) recruitmentChannel: RecruitmentChannel;
  @ApiProperty({ nullable: true, type: String }) partnerAgencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) intermediaryId: string | null;
  @ApiProperty({ description: 'Recruited through a blacklisted intermediary' }) intermediaryBlacklisted: boolean;
  @ApiProperty({ nullable: true, type: String }) caseworkerId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) consentGivenOn: string | null;
  @ApiProperty({ nullable: true, type: String }) consentScope: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) arrivalDate: string | null;
  @ApiProperty({ enum: WorkerStatus }) status: WorkerStatus;
  @ApiProperty({ enum: ['NOT_REQUIRED', 'VALID', 'EXPIRING', 'EXPIRED', 'MISSING'], description: 'Derived from citizenship and documents' })
  workAuthorization: string;
  @ApiProperty({ description: 'Turned up without an expected arrival' }) unannounced: boolean;
  @ApiProperty({ nullable: true, type: String }) archivedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

/**
 * A list row for staff and liaison officers: who the person is, where the case stands and whether
 * they may work. Not the contact details, consent, links or history of the dossier: those are read
 * with GET /workers/:id, and every such read is in the access log, which a list is not.
 */
export class WorkerSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() lastNameCyr: string;
  @ApiProperty() firstNameCyr: string;
  @ApiProperty({ nullable: true, type: String }) patronymicCyr: string | null;
  @ApiProperty() lastNameLat: string;
  @ApiProperty() firstNameLat: string;
  @ApiProperty({ nullable: true, type: String }) patronymicLat: string | null;
  @ApiProperty({ format: 'date' }) birthDate: string;
  @ApiProperty() citizenship: string;
  @ApiProperty({ type: [String] }) occupations: string[];
  @ApiProperty({ enum: WorkerStatus }) status: WorkerStatus;
  @ApiProperty({ enum: ['NOT_REQUIRED', 'VALID', 'EXPIRING', 'EXPIRED', 'MISSING'], description: 'Derived from citizenship and documents' })
  workAuthorization: string;
  @ApiProperty({ description: 'Recruited through a blacklisted intermediary' }) intermediaryBlacklisted: boolean;
  @ApiProperty({ description: 'Turned up without an expected arrival' }) unannounced: boolean;
  @ApiProperty({ nullable: true, type: String }) archivedAt: string | null;
}

export class WorkerListItemDto extends WorkerSummaryDto {
  @ApiPropertyOptional({ description: 'Similarity to q (0–1), when searching' }) score?: number;
}

export class WorkerMinimalListItemDto extends WorkerMinimalDto {
  @ApiPropertyOptional({ description: 'Similarity to q (0–1), when searching' }) score?: number;
}

export class WorkerPageDto {
  @ApiProperty({
    type: 'array',
    items: { anyOf: [{ $ref: getSchemaPath(WorkerListItemDto) }, { $ref: getSchemaPath(WorkerMinimalListItemDto) }] },
    description: 'Summaries (WorkerListItemDto); employers receive the minimal view (WorkerMinimalListItemDto). The whole dossier is GET /workers/{id}.',
  })
  items: (WorkerListItemDto | WorkerMinimalListItemDto)[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TimelinePersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, description: 'Full name; null when the caller may not know it (a liaison officer learns only their own)' })
  name: string | null;
}

export class TimelineEmployerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TimelineLabourRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '7122' }) occupationCode: string;
  @ApiProperty({ example: 'Bricklayer' }) occupationTitle: string;
}

export class WorkerEventDto {
  @ApiProperty({ description: 'The record the entry comes from (an event, document, payment or placement); a payment and its reversal share it' }) id: string;
  @ApiProperty({
    description:
      'CREATED, TRANSITION, NOTE, UPDATED, DOCUMENT_UPDATED, DOCUMENT_FILE_UPLOADED (events); ' +
      'DOCUMENT_RECORDED, DOCUMENT_RENEWED, PATENT_PAYMENT, PATENT_PAYMENT_REVERSED, ' +
      'PLACEMENT, DEADLINE (at its due date) (from the records)',
  })
  kind: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who did it (null for records kept before this was recorded)' }) actorId: string | null;
  @ApiProperty({ nullable: true, type: TimelinePersonDto }) actor: TimelinePersonDto | null;
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) toStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The document the entry is about' }) documentId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The placement the entry is about' }) placementId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) employerId: string | null;
  @ApiProperty({ nullable: true, type: TimelineEmployerDto }) employer: TimelineEmployerDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Shown to callers who read labour requests' }) labourRequestId: string | null;
  @ApiProperty({ nullable: true, type: TimelineLabourRequestDto }) labourRequest: TimelineLabourRequestDto | null;
}

export class TimelineDto {
  @ApiProperty({ type: [WorkerEventDto] }) items: WorkerEventDto[];
}

export class ErasureDto {
  @ApiProperty({ example: 'OMS-2026-000123', description: 'The case number, repeated to confirm' })
  @IsString()
  @MaxLength(20)
  confirmCaseNumber: string;
}

export class ErasureResultDto {
  @ApiProperty() caseNumber: string;
  @ApiProperty() erasedAt: string;
  @ApiProperty() filesDeleted: number;
}
