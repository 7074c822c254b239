import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DocumentType } from '../../../generated/prisma/enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateDocumentDto {
  @ApiProperty({ enum: DocumentType }) @IsEnum(DocumentType) type: DocumentType;
  @ApiPropertyOptional({ example: 'FA1234567', description: 'Stored encrypted; exact lookups through a blind index' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  number?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DATE) issuedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DATE) expiresOn?: string;
  @ApiPropertyOptional({ example: 'УВМ УМВД России по Омской области' }) @IsOptional() @IsString() @MaxLength(300) issuer?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The document this one renews; it becomes SUPERSEDED' })
  @IsOptional()
  @IsUUID()
  supersedes?: string;
  @ApiPropertyOptional({
    example: 'UZ',
    description: "PASSPORT only: the issuing country (ISO 3166 alpha-2), the worker's citizenship when left out. One current passport per country.",
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: 'issuingCountry must be a two-letter country code (ISO 3166 alpha-2)' })
  issuingCountry?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'LABOUR_CONTRACT only, and required there: the employer. One current contract per employer.' })
  @IsOptional()
  @IsUUID()
  employerId?: string;
}

export class UpdateDocumentDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(64) number?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DATE) issuedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DATE) expiresOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) issuer?: string;
  @ApiPropertyOptional({ enum: ['REVOKED'], description: 'Revoke a document issued in error' }) @IsOptional() @IsIn(['REVOKED']) status?: 'REVOKED';
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workerId: string;
  @ApiProperty({ enum: DocumentType }) type: DocumentType;
  @ApiProperty({ nullable: true, type: String }) number: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) issuedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) expiresOn: string | null;
  @ApiProperty({ nullable: true, type: String }) issuer: string | null;
  @ApiProperty({ enum: ['VALID', 'SUPERSEDED', 'REVOKED'] }) status: string;
  @ApiProperty({ enum: ['CURRENT', 'EXPIRING', 'EXPIRED', 'NO_EXPIRY'], description: 'Derived from the dates' }) validity: string;
  @ApiProperty({ nullable: true, type: String }) supersedesId: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededById: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Patents: last day covered by payments' }) paidUntil: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'The scan, when one is uploaded' })
  file: { contentType: string; size: number; sha256: string; uploadedAt: string } | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Passports: the issuing country' }) issuingCountry: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Labour contracts: the employer' }) employerId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Who recorded it (null for documents recorded before this was kept)' })
  createdById: string | null;
}

export class DocumentListDto {
  @ApiProperty({ type: [DocumentDto], description: 'Current and historical documents, newest first' }) items: DocumentDto[];
}

export class CreatePatentPaymentDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The patent; defaults to the worker's current one" }) @IsOptional() @IsUUID() documentId?: string;
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) @Matches(ISO_DATE) paidOn: string;
  @ApiProperty({ minimum: 1, maximum: 12, description: 'Months of the fixed advance paid' }) @IsInt() @Min(1) @Max(12) months: number;
  @ApiProperty({ example: 11540, description: 'Whole roubles' }) @IsInt() @Min(1) @Max(1_000_000) amountRub: number;
  @ApiPropertyOptional({ description: 'Counted once per worker: a number already on a payment in force is 409 PAYMENT_DUPLICATE' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsString()
  @MaxLength(64)
  receiptNumber?: string;
}

export class PatentPaymentReversalDto {
  @ApiProperty({ example: 'entered twice by mistake', description: 'Why the payment is reversed; kept in the ledger and the audit trail' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class PatentPaymentDto {
  @ApiProperty() id: string;
  @ApiProperty() documentId: string;
  @ApiProperty({ format: 'date' }) paidOn: string;
  @ApiProperty() months: number;
  @ApiProperty() amountRub: number;
  @ApiProperty({ nullable: true, type: String }) receiptNumber: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Set when the payment was reversed: it no longer counts toward paidUntil' }) reversedAt:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reversedById: string | null;
  @ApiProperty({ nullable: true, type: String }) reversalReason: string | null;
}

export class PatentPaymentResultDto extends PatentPaymentDto {
  @ApiProperty({ nullable: true, type: String, format: 'date', description: "The patent's paid-up date after this change" }) paidUntil: string | null;
}

export class PatentLedgerDto {
  @ApiProperty({ type: [PatentPaymentDto] }) items: PatentPaymentDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) paidUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) documentId: string | null;
}
