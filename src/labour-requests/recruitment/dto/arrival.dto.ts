import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { ArrivalStatus } from '../../../generated/prisma/enums';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A list of 1–200 distinct worker ids. */
const WorkerIds = (description: string) =>
  applyDecorators(
    ApiProperty({ type: [String], format: 'uuid', description }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(200),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );

export class CreateArrivalDto {
  @ApiProperty({ format: 'date', example: '2026-05-12' }) @IsISO8601({ strict: true }) @Matches(ISO_DATE) expectedOn: string;
  @ApiProperty({ example: 'train 092Ы Tashkent–Omsk, car 7' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  transport: string;
  @WorkerIds('Workers SELECTED on this order; they move to IN_TRANSIT') workerIds: string[];
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) note?: string;
}

export class CheckInDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-05-12', description: 'Default today; never in the future' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ISO_DATE)
  arrivedOn?: string;
  @WorkerIds(
    "The workers who are there. Someone not expected on this arrival (a worker of the order's agency, " +
      'awaited on no other arrival) is checked in too and flagged unannounced.',
  )
  workerIds: string[];
}

export class ArrivalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Expected on or after' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DATE) from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Expected on or before' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(ISO_DATE) to?: string;
  @ApiPropertyOptional({ enum: ArrivalStatus }) @IsOptional() @IsEnum(ArrivalStatus) status?: ArrivalStatus;
}

/** Who a worker is, in lists of an order or an arrival. */
export class WorkerBriefDto {
  @ApiProperty({ format: 'uuid' }) workerId: string;
  @ApiProperty({ example: 'OMS-2026-000123' }) caseNumber: string;
  @ApiProperty({ example: 'KARIMOV' }) lastNameLat: string;
  @ApiProperty({ example: 'FARRUKH' }) firstNameLat: string;
}

export class ArrivalWorkerDto extends WorkerBriefDto {
  @ApiProperty({ description: 'false: turned up without being expected on this arrival (unannounced)' }) expected: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) checkedInOn: string | null;
}

export class ArrivalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) partnerAgencyId: string;
  @ApiProperty({ format: 'date' }) expectedOn: string;
  @ApiProperty({ example: 'train 092Ы Tashkent–Omsk' }) transport: string;
  @ApiProperty({
    enum: ArrivalStatus,
    description:
      'EXPECTED until every expected worker is checked in (check-ins may come in several goes), then CHECKED_IN; CANCELLED when ' +
      'recruitment for the labour request ended before anyone was checked in (an arrival with someone checked in is then CHECKED_IN)',
  })
  status: ArrivalStatus;
  @ApiProperty({ nullable: true, type: String, description: 'When the last expected worker was checked in (the arrival became CHECKED_IN)' }) checkedInAt:
    string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [ArrivalWorkerDto], description: "The workers on the arrival the caller may see (a liaison officer: its agencies' workers)" })
  workers: ArrivalWorkerDto[];
}

export class ArrivalPageDto {
  @ApiProperty({ type: [ArrivalDto] }) items: ArrivalDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
