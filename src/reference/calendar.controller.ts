import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { CalendarService } from './calendar.service';
import { CalendarDto, PutCalendarDto } from './dto/calendar.dto';
import { YearParam } from './reference.params';

@ApiTags('reference')
@Controller('reference/calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get(':year')
  @RequirePermission(Permission.AuthSelf)
  @Operation(
    'getCalendar',
    'The production calendar of a year',
    'The days that differ from Monday–Friday work: holidays, moved days off, working Saturdays. 404 CALENDAR_NOT_FOUND for a year not entered.',
  )
  @ApiParam({ name: 'year', type: Number, example: 2026, description: '2000–2100' })
  @ApiOkResponse({ type: CalendarDto })
  @ApiProblems(400, 404)
  get(@YearParam() year: number) {
    return this.calendars.get(year);
  }

  @Put(':year')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation(
    'putCalendar',
    'Enter or replace the production calendar of a year',
    'Replaces every day of the year. Each date once, inside the year, and only days that differ from the week (400 naming the day otherwise). Audited.',
  )
  @ApiParam({ name: 'year', type: Number, example: 2027, description: '2000–2100' })
  @ApiOkResponse({ type: CalendarDto })
  @ApiProblems(400)
  put(@CurrentActor() actor: Actor, @YearParam() year: number, @Body() dto: PutCalendarDto) {
    return this.calendars.put(actor, year, dto);
  }
}
