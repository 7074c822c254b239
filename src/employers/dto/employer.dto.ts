import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { Sector } from '../../generated/prisma/enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateEmployerDto {
  @ApiProperty({ example: 'ООО «СибСтрой»' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiProperty({ example: '7707083893', description: '10 digits (organisation) or 12 (entrepreneur), check digits verified' })
  @Transform(trim)
  @Matches(/^\d{10}(\d{2})?$/, { message: 'inn must be 10 or 12 digits' })
  inn: string;
  @ApiPropertyOptional({ example: '1027700132195', description: 'OGRN (13 digits) or OGRNIP (15)' })
  @IsOptional()
  @Transform(trim)
  @Matches(/^\d{13}(\d{2})?$/, { message: 'ogrn must be 13 or 15 digits' })
  ogrn?: string;
  @ApiPropertyOptional({ example: '41.20', description: 'Main activity code (ОКВЭД)' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{1,2}){0,2}$/, { message: 'okved must look like 41 or 41.20 or 41.20.1' })
  okved?: string;
  @ApiPropertyOptional({ enum: Sector }) @IsOptional() @IsEnum(Sector) sector?: Sector;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional({ example: '+7 3812 000000' }) @IsOptional() @Matches(/^\+?[\d ()-]{5,20}$/) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ description: 'Checked by the Centre' }) @IsOptional() @IsBoolean() verified?: boolean;
}

export class UpdateEmployerDto extends PartialType(CreateEmployerDto) {}

export class EmployerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Sector }) @IsOptional() @IsEnum(Sector) sector?: Sector;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{10}(\d{2})?$/) inn?: string;
  @ApiPropertyOptional({ description: 'Name contains (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class EmployerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() inn: string;
  @ApiProperty({ nullable: true, type: String }) ogrn: string | null;
  @ApiProperty({ nullable: true, type: String }) okved: string | null;
  @ApiProperty({ enum: Sector }) sector: Sector;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() verified: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class EmployerPageDto {
  @ApiProperty({ type: [EmployerDto] }) items: EmployerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** An account for one of the employer's staff, created by the Centre's staff (role EMPLOYER, linked to this employer). */
export class CreateEmployerUserDto {
  @ApiProperty({ example: 'hr@sibstroy.example' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;
  @ApiProperty({ example: 'Анна Смирнова' }) @IsString() @MinLength(1) @MaxLength(200) fullName: string;
}
