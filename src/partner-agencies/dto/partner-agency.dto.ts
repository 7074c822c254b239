import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreatePartnerAgencyDto {
  @ApiProperty({ example: 'Agency for External Labour Migration (Tashkent)' }) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiProperty({ example: 'UZ' }) @Matches(/^[A-Z]{2}$/, { message: 'country must be ISO 3166 alpha-2' }) country: string;
  @ApiPropertyOptional({ example: 'Samarkand region' }) @IsOptional() @IsString() @MaxLength(200) region?: string;
  @ApiPropertyOptional({ example: 'Licence No 0123, valid to 2028-12-31' }) @IsOptional() @IsString() @MaxLength(300) licence?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdatePartnerAgencyDto extends PartialType(CreatePartnerAgencyDto) {}

export class PartnerAgencyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'TJ' }) @IsOptional() @Matches(/^[A-Z]{2}$/) country?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() active?: boolean;
}

export class PartnerAgencyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) licence: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Changes with every update; send it back as If-Match' }) version: number;
  @ApiProperty() createdAt: string;
}

export class PartnerAgencyPageDto {
  @ApiProperty({ type: [PartnerAgencyDto] }) items: PartnerAgencyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
