import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class CalendarDayDto {
  @ApiProperty({ example: '2026-01-09', description: 'A day of the year (YYYY-MM-DD)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date like 2026-03-01' })
  date: string;
  @ApiProperty({ example: false, description: 'false: a holiday or moved day off on a weekday; true: a Saturday or Sunday made a working day' })
  @IsBoolean()
  working: boolean;
  @ApiProperty({ example: 'moved from Saturday 3 January', required: false, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class PutCalendarDto {
  @ApiProperty({ type: [CalendarDayDto], description: 'Only the days that differ from Monday–Friday work; each date once, inside the year' })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days: CalendarDayDto[];
  @ApiProperty({ example: 'Government decree No. 1466 of 24.09.2025', description: 'Where the days come from' })
  @IsString()
  @MaxLength(300)
  source: string;
  @ApiProperty({ example: false, required: false, default: false, description: 'true while the days must still be checked against the decree' })
  @IsOptional()
  @IsBoolean()
  verify?: boolean;
}

export class CalendarDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 'Government decree No. 1466 of 24.09.2025' }) source: string;
  @ApiProperty({ example: false }) verify: boolean;
  @ApiProperty({ example: 247, description: 'Working days in the year' }) workingDays: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: [CalendarDayDto] }) days: CalendarDayDto[];
}
