import { addMonths, patentPaidUntil } from './patent.rules';

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-01', 12, '2027-03-01'],
    ['2026-05-10', 0, '2026-05-10'],
  ])('%s + %i months = %s', (from, n, expected) => expect(addMonths(from, n)).toBe(expected));
});

describe('patentPaidUntil', () => {
  it.each([
    ['nothing paid', '2026-03-10', '2027-03-09', [], null],
    ['one month', '2026-03-10', '2027-03-09', [{ months: 1 }], '2026-04-09'],
    ['three payments add up', '2026-03-10', '2027-03-09', [{ months: 1 }, { months: 2 }, { months: 3 }], '2026-09-09'],
    ['capped at the expiry', '2026-03-10', '2026-12-31', [{ months: 12 }], '2026-12-31'],
    ['month ends', '2026-01-31', null, [{ months: 1 }], '2026-02-27'],
    ['a full year', '2026-01-01', '2026-12-31', [{ months: 12 }], '2026-12-31'],
    ['a reversed payment counts for nothing', '2026-03-10', '2027-03-09', [{ months: 1 }, { months: 1, reversedAt: '2026-04-01T10:00:00Z' }], '2026-04-09'],
    ['only reversed payments: nothing paid', '2026-03-10', '2027-03-09', [{ months: 2, reversedAt: new Date('2026-04-01T10:00:00Z') }], null],
    ['a payment not reversed (null)', '2026-03-10', '2027-03-09', [{ months: 2, reversedAt: null }], '2026-05-09'],
  ])('%s', (_name, issued, expires, payments, expected) => expect(patentPaidUntil(issued, expires, payments as { months: number }[])).toBe(expected));
});
