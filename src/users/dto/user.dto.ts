import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../access/permissions';
import { PageQueryDto } from '../../common/pagination/pagination';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'caseworker@centre.example' }) @Transform(lower) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ example: 'Ирина Петрова' }) @IsString() @MinLength(1) @MaxLength(200) fullName: string;
  @ApiProperty({ enum: Role }) @IsEnum(Role) role: Role;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for EMPLOYER, forbidden otherwise' })
  @IsOptional()
  @IsUUID()
  employerId?: string;
  @ApiPropertyOptional({ type: [String], description: 'LIAISON only: partner agencies' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  agencyIds?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) fullName?: string;
  @ApiPropertyOptional({ enum: Role }) @IsOptional() @IsEnum(Role) role?: Role;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() employerId?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  agencyIds?: string[];
  @ApiPropertyOptional({ description: 'false deactivates: every token stops working at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role }) @IsOptional() @IsEnum(Role) role?: Role;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() employerId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) employerId: string | null;
  @ApiProperty({ type: [String] }) agencyIds: string[];
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class PasswordSetupDto {
  @ApiProperty({ description: 'One-time token for POST /auth/password-reset; shown once, hand it over in person' })
  token: string;
  @ApiProperty() expiresAt: string;
}

export class CreatedUserDto extends UserDto {
  @ApiProperty({ type: PasswordSetupDto }) passwordSetup: PasswordSetupDto;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
