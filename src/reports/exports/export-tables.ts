import type { DeadlineComplianceDto, QuotaFiguresDto, QuotaSummaryDto, WageSummaryDto } from '../dto/report.dto';
import type { CellValue } from './csv';

/** How a column's values are written: the XLSX number format, and a day written as a date. */
export type ColumnKind = 'text' | 'int' | 'decimal' | 'money' | 'date';

export interface Column {
  /** The header, in Russian: management opens the files in Excel in Russian. */
  header: string;
  kind: ColumnKind;
  /** XLSX width in characters. */
  width: number;
}

export type Row = CellValue[];

const text = (header: string, width = 16): Column => ({ header, kind: 'text', width });
const int = (header: string, width = 14): Column => ({ header, kind: 'int', width });
const decimal = (header: string, width = 14): Column => ({ header, kind: 'decimal', width });
const money = (header: string, width = 16): Column => ({ header, kind: 'money', width });
const date = (header: string): Column => ({ header, kind: 'date', width: 13 });

// ---------------------------------------------------------------- quota-summary

/** One column per field of QuotaSummaryRowDto, in its order. */
export const QUOTA_COLUMNS: Column[] = [
  text('ID распределения', 38),
  text('Код ОКЗ', 10),
  text('Гражданство', 12),
  text('Группа', 38),
  text('Наименование', 40),
  int('Лимит'),
  int('Запрошено'),
  int('Одобрено'),
  int('Трудоустроено'),
  int('Прекращено досрочно', 16),
  int('Остаток'),
  decimal('Использовано, %'),
];

const figures = (f: QuotaFiguresDto): Row => [f.limit, f.requested, f.approved, f.placed, f.endedEarly, f.remaining, f.usePercent];

/** The rows of the summary, then its totals and the year's overall limit, labelled in the name column. */
export function quotaRows(s: QuotaSummaryDto): Row[] {
  const o = s.overall;
  return [
    ...s.rows.map((r) => [r.allocationId, r.occupationCode, r.citizenship, r.groupKey, r.groupLabel, ...figures(r)]),
    [null, null, null, null, 'Итого по строкам', ...figures(s.totals)],
    [o.allocationId, null, null, null, 'Общий лимит года', o.limit, null, o.approved, null, null, o.remaining, o.usePercent],
  ];
}

// ---------------------------------------------------------------- wage-summary

/** One column per field of WageSummaryRowDto, in its order. */
export const wageColumns = (groupBy: string): Column[] => [
  text(groupBy === 'citizenship' ? 'Гражданство' : 'Код ОКЗ', 12),
  text('Профессия', 36),
  int('Трудоустройств'),
  money('Медиана, ₽'),
  money('10-й процентиль, ₽', 18),
  money('90-й процентиль, ₽', 18),
  decimal('Медиана к МРОТ, %', 16),
  money('Средняя по профессии в регионе, ₽', 22),
  decimal('К средней по региону, %', 18),
  int('На уровне МРОТ', 16),
  decimal('На уровне МРОТ, %', 16),
];

export function wageRows(s: WageSummaryDto): Row[] {
  return s.rows.map((r) => [
    r.key,
    r.label,
    r.count,
    r.medianRub,
    r.p10Rub,
    r.p90Rub,
    r.floorGapPercent,
    r.localWageRub,
    r.localGapPercent,
    r.atFloor,
    r.atFloorPercent,
  ]);
}

// ---------------------------------------------------------------- deadline-compliance

export const COMPLIANCE_COLUMNS: Column[] = [
  text('Раздел', 18),
  text('Вид срока', 34),
  text('ID работодателя', 38),
  text('Работодатель', 36),
  int('Всего'),
  int('В срок'),
  int('С опозданием'),
  int('Пропущено'),
  int('Снято'),
  int('Открыто'),
  decimal('В срок, %'),
];

/** Per kind, per employer, then the totals: each row names its section. */
export function complianceRows(s: DeadlineComplianceDto): Row[] {
  const counts = (c: DeadlineComplianceDto['totals']): Row => [c.due, c.onTime, c.late, c.missed, c.waived, c.open, c.onTimeRate];
  return [
    ...s.byKind.map((r) => ['По видам сроков', r.kind, null, null, ...counts(r)]),
    ...s.byEmployer.map((r) => ['По работодателям', null, r.employerId, r.employerName, ...counts(r)]),
    ['Итого', null, null, null, ...counts(s.totals)],
  ];
}

// ---------------------------------------------------------------- placements

export const PLACEMENT_COLUMNS: Column[] = [
  text('Номер дела', 14),
  text('Фамилия', 20),
  text('Имя', 16),
  text('Отчество', 20),
  text('Гражданство', 12),
  text('Работодатель', 36),
  text('ИНН', 14),
  text('Код ОКЗ', 10),
  text('Профессия', 30),
  date('Дата начала'),
  date('Дата окончания'),
  text('Статус', 14),
  money('Зарплата, ₽ в месяц', 18),
  int('Часов в неделю', 14),
  text('ID трудоустройства', 38),
];

export const PLACEMENT_STATUS_RU: Record<string, string> = { PLANNED: 'Запланировано', ACTIVE: 'Работает', ENDED: 'Завершено', CANCELLED: 'Отменено' };

// ---------------------------------------------------------------- commission-request-summary

/** The regional commission's table: one row per employer and occupation of the year's labour requests. */
export const COMMISSION_COLUMNS: Column[] = [
  text('Работодатель', 40),
  text('ИНН', 14),
  text('ОКВЭД', 10),
  text('Код ОКЗ', 10),
  text('Наименование профессии (ОКЗ)', 36),
  int('Запрошено работников', 16),
  int('Одобрено', 12),
  text('Гражданство', 20),
  date('Начало периода'),
  date('Окончание периода'),
  int('Заявок', 10),
];

/** The citizenships asked for: codes in order, and "любое" when a request named none. */
export function citizenshipsText(codes: string[], anyCitizenship: boolean): string {
  return [...codes, ...(anyCitizenship ? ['любое'] : [])].join(', ');
}
