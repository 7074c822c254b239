import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, FieldError } from '../common/errors/app-error';
import { buildCalendar, differsFromWeek, isIsoDay, isWorkingDay, ProductionCalendar } from '../deadlines/calendar.rules';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { CalendarDayRow, CalendarRepository, CalendarYearRecord } from './calendar.repository';
import { CalendarDto, PutCalendarDto } from './dto/calendar.dto';
import { ReferenceErrors } from './reference.errors';

/** Problems of a year's list of days, each naming the field as sent (`days[3].date`). */
export function calendarDayProblems(year: number, days: { date: string; working: boolean }[]): FieldError[] {
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  days.forEach((d, i) => {
    const field = `days[${i}].date`;
    if (!isIsoDay(d.date)) problems.push({ field, message: 'must be a real date like 2026-03-01' });
    else if (!d.date.startsWith(`${year}-`)) problems.push({ field, message: `must be a day of ${year}` });
    else if (seen.has(d.date)) problems.push({ field, message: `${d.date} is listed twice` });
    else if (!differsFromWeek(d))
      problems.push({ field, message: `${d.date} is already ${d.working ? 'a working weekday' : 'a weekend day off'}: list only the days that differ` });
    seen.add(d.date);
  });
  return problems;
}

@Injectable()
export class CalendarService {
  constructor(
    private readonly repo: CalendarRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async get(year: number): Promise<CalendarDto> {
    const found = await this.repo.year(year);
    if (!found) throw ReferenceErrors.calendarMissing(year);
    return this.view(found);
  }

  put(actor: Actor, year: number, dto: PutCalendarDto): Promise<CalendarDto> {
    const problems = calendarDayProblems(year, dto.days);
    if (problems.length) throw CommonErrors.validation(problems);
    const days: CalendarDayRow[] = dto.days.map((d) => ({ date: d.date, working: d.working, note: d.note ?? '' })).sort((a, b) => a.date.localeCompare(b.date));
    return this.transactions.run(async (tx) => {
      const before = await this.repo.year(year, tx);
      await this.repo.replaceYear(tx, year, dto.source, dto.verify ?? false, days);
      await this.audit.change(tx, actor, before ? 'calendar.update' : 'calendar.create', 'calendar_year', String(year), {
        source: dto.source,
        verify: dto.verify ?? false,
        days: days.length,
        ...(before ? { previousDays: before.days.length } : {}),
      });
      return this.view((await this.repo.year(year, tx))!);
    });
  }

  /** Every calendar entered, for due-date arithmetic (calendar.rules.ts). */
  async calendar(tx?: Tx): Promise<ProductionCalendar> {
    const { years, days } = await this.repo.allDays(tx);
    return buildCalendar(years, days);
  }

  private view(y: CalendarYearRecord): CalendarDto {
    const days = y.days.map((d) => ({ date: d.date.toISOString().slice(0, 10), working: d.working, note: d.note }));
    const calendar = buildCalendar([y.year], days);
    let workingDays = 0;
    for (let d = new Date(Date.UTC(y.year, 0, 1)); d.getUTCFullYear() === y.year; d.setUTCDate(d.getUTCDate() + 1)) {
      if (isWorkingDay(calendar, d.toISOString().slice(0, 10))) workingDays += 1;
    }
    return { year: y.year, source: y.source, verify: y.verify, workingDays, version: y.version, days };
  }
}
