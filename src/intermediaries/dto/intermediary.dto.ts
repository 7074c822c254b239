import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IntermediaryStatus } from '../../generated/prisma/enums';

export class CreateIntermediaryDto {
  @ApiProperty({ example: 'Бахтиёр (brigadir, Kirovsky market)' }) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiPropertyOptional({ example: 'UZ' }) @IsOptional() @Matches(/^[A-Z]{2}$/) country?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\+?\d{7,15}$/) phone?: string;
  @ApiPropertyOptional({ enum: IntermediaryStatus, default: 'UNVERIFIED' }) @IsOptional() @IsEnum(IntermediaryStatus) status?: IntermediaryStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class UpdateIntermediaryDto extends PartialType(CreateIntermediaryDto) {}

export class IntermediaryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IntermediaryStatus }) @IsOptional() @IsEnum(IntermediaryStatus) status?: IntermediaryStatus;
}

export class IntermediaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: IntermediaryStatus }) status: IntermediaryStatus;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ description: 'Changes with every update; send it back as If-Match' }) version: number;
  @ApiProperty() createdAt: string;
}

export class IntermediaryPageDto {
  @ApiProperty({ type: [IntermediaryDto] }) items: IntermediaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
