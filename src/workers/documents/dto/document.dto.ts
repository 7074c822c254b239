import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
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
}

export class DocumentListDto {
  @ApiProperty({ type: [DocumentDto], description: 'Current and historical documents, newest first' }) items: DocumentDto[];
}

export class CreatePatentPaymentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The patent; defaults to the worker\'s current one' }) @IsOptional() @IsUUID() documentId?: string;
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) @Matches(ISO_DATE) paidOn: string;
  @ApiProperty({ minimum: 1, maximum: 12, description: 'Months of the fixed advance paid' }) @IsInt() @Min(1) @Max(12) months: number;
  @ApiProperty({ example: 11540, description: 'Whole roubles' }) @IsInt() @Min(1) @Max(1_000_000) amountRub: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) receiptNumber?: string;
}

export class PatentPaymentDto {
  @ApiProperty() id: string;
  @ApiProperty() documentId: string;
  @ApiProperty({ format: 'date' }) paidOn: string;
  @ApiProperty() months: number;
  @ApiProperty() amountRub: number;
  @ApiProperty({ nullable: true, type: String }) receiptNumber: string | null;
  @ApiProperty() createdAt: string;
}

export class PatentLedgerDto {
  @ApiProperty({ type: [PatentPaymentDto] }) items: PatentPaymentDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) paidUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) documentId: string | null;
}
