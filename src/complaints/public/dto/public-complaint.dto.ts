import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CATEGORIES } from '../../complaint.rules';
import type { Category } from '../../complaint.rules';
import { PUBLIC_LANGUAGES } from '../public-complaint.rules';
import type { PublicLanguage } from '../public-complaint.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const NARRATIVE_MAX = 20_000;
export const MESSAGE_MAX = 5_000;

/** A complaint from the public form: anonymous, no account. */
export class CreatePublicComplaintDto {
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category: Category;
  @ApiProperty({ minLength: 1, maxLength: NARRATIVE_MAX, description: 'What happened, in any language (trimmed). Stored encrypted.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(NARRATIVE_MAX)
  narrative: string;
  @ApiPropertyOptional({ maxLength: 300, description: 'The employer (or whoever the complaint is about), as the worker names them. Stored encrypted.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  employerName?: string;
  @ApiPropertyOptional({ maxLength: 300, description: 'Where it happened (a town, a site, an address). Stored encrypted.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  place?: string;
  @ApiPropertyOptional({ enum: PUBLIC_LANGUAGES, description: 'The language the worker wrote in and wishes to be answered in' })
  @IsOptional()
  @IsIn(PUBLIC_LANGUAGES)
  language?: PublicLanguage;
  @ApiPropertyOptional({ default: false, description: 'The worker asks to be contacted; only then is `contact` accepted' })
  @IsOptional()
  @IsBoolean()
  wantsContact?: boolean;
  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 200,
    description: 'How to reach the worker (phone, messenger). Required with wantsContact: true, refused (400) without it. Stored encrypted.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  contact?: string;
}

export class PublicComplaintReceiptDto {
  @ApiProperty({ example: 'C-2026-7KQ3MX', description: 'Quote it to the Centre' }) reference: string;
  @ApiProperty({
    example: '7KQ3M-X9TWB-2RHDA-0PZEC',
    description: 'Shown once and never again (only its hash is stored): with the reference it opens the status. 100 bits.',
  })
  accessCode: string;
}

export class PublicMessageDto {
  @ApiProperty({ minLength: 1, maxLength: MESSAGE_MAX, description: 'Stored encrypted' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(MESSAGE_MAX)
  text: string;
}

export class PublicMessageViewDto {
  @ApiProperty({ enum: ['CENTRE', 'YOU'] }) from: 'CENTRE' | 'YOU';
  @ApiProperty() text: string;
  @ApiProperty({ description: 'ISO 8601 timestamp' }) at: string;
}

/** All the complainant sees: a coarse status and the messages. */
export class PublicComplaintStatusDto {
  @ApiProperty({ example: 'C-2026-7KQ3MX' }) reference: string;
  @ApiProperty({ enum: ['RECEIVED', 'IN_PROGRESS', 'CLOSED'] }) status: 'RECEIVED' | 'IN_PROGRESS' | 'CLOSED';
  @ApiProperty({ format: 'date', example: '2026-04-01', description: 'The day it was received (no time)' }) receivedAt: string;
  @ApiProperty({ type: [PublicMessageViewDto] }) messages: PublicMessageViewDto[];
}
