import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';

export type CalendarYearRecord = Prisma.CalendarYearGetPayload<{ include: { days: true } }>;
export interface CalendarDayRow {
  date: string;
  working: boolean;
  note: string;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The only Prisma access for production calendars. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly prisma: PrismaService) {}

  year(year: number, tx: Tx = this.prisma): Promise<CalendarYearRecord | null> {
    return tx.calendarYear.findUnique({ where: { year }, include: { days: { orderBy: { date: 'asc' } } } });
  }

  /** Every year's days, for the working-day arithmetic of due dates. */
  async allDays(tx: Tx = this.prisma): Promise<{ years: number[]; days: { date: string; working: boolean }[] }> {
    // one after the other: inside a transaction both go through its one connection
    const years = await tx.calendarYear.findMany({ select: { year: true } });
    const days = await tx.calendarDay.findMany({ select: { date: true, working: true } });
    return { years: years.map((y) => y.year), days: days.map((d) => ({ date: d.date.toISOString().slice(0, 10), working: d.working })) };
  }

  /** Replaces a year's days; the year's version goes up by one. */
  async replaceYear(tx: Tx, year: number, source: string, verify: boolean, days: CalendarDayRow[]): Promise<void> {
    await tx.calendarYear.upsert({
      where: { year },
      create: { year, source, verify },
      update: { source, verify, version: { increment: 1 } },
    });
    await tx.calendarDay.deleteMany({ where: { year } });
    await tx.calendarDay.createMany({ data: days.map((d) => ({ date: day(d.date), year, working: d.working, note: d.note })) });
  }

  /** Seeds a year unless it exists (an edited year is never overwritten). */
  async createYearIfMissing(year: number, source: string, verify: boolean, days: CalendarDayRow[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const created = await tx.calendarYear.createMany({ data: [{ year, source, verify }], skipDuplicates: true });
      if (created.count) await tx.calendarDay.createMany({ data: days.map((d) => ({ date: day(d.date), year, working: d.working, note: d.note })) });
    });
  }
}
