import { downloadState, expiryOf, exportFileName, ExportStatus, progressDue, progressOf } from './report-exports.rules';

describe('progressOf', () => {
  it.each([
    [0, 100, 0],
    [1, 100, 1],
    [50, 100, 50],
    [99, 100, 99],
    [100, 100, 99],
    [1, 3, 33],
    [2, 3, 66],
    [999_999, 1_000_000, 99],
    [10, 0, 0],
    [0, 0, 0],
    [-1, 10, 0],
    [12, 10, 99],
  ])('%d of %d rows → %d', (done, total, expected) => {
    expect(progressOf(done, total)).toBe(expected);
  });
});

describe('progressDue', () => {
  it.each([
    [0, 0, false],
    [0, 4, false],
    [0, 5, true],
    [5, 9, false],
    [5, 10, true],
    [10, 99, true],
    [99, 99, false],
  ])('after %d, %d is due: %s', (last, next, expected) => {
    expect(progressDue(last, next)).toBe(expected);
  });

  it('bounds the writes of an export to 100 / step', () => {
    let last = 0;
    let writes = 0;
    for (let done = 1; done <= 1_000_000; done += 997) {
      const next = progressOf(done, 1_000_000);
      if (progressDue(last, next)) {
        writes++;
        last = next;
      }
    }
    expect(writes).toBeLessThanOrEqual(20);
    expect(writes).toBeGreaterThanOrEqual(19);
  });
});

describe('expiryOf', () => {
  it.each([
    ['2026-12-07T10:00:00.000Z', 168, '2026-12-14T10:00:00.000Z'],
    ['2026-12-07T10:00:00.000Z', 1, '2026-12-07T11:00:00.000Z'],
    ['2026-12-31T23:30:00.000Z', 24, '2027-01-01T23:30:00.000Z'],
  ])('%s + %d h → %s', (from, hours, expected) => {
    expect(expiryOf(new Date(from), hours).toISOString()).toBe(expected);
  });
});

describe('downloadState', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const later = new Date('2026-12-08T12:00:00Z');
  it.each<[ExportStatus, Date, string]>([
    ['DONE', later, 'ready'],
    ['DONE', now, 'expired'],
    ['DONE', new Date('2026-12-01T00:00:00Z'), 'expired'],
    ['EXPIRED', later, 'expired'],
    ['FAILED', later, 'failed'],
    ['FAILED', now, 'expired'],
    ['QUEUED', later, 'not-ready'],
    ['RUNNING', later, 'not-ready'],
    ['RUNNING', now, 'expired'],
  ])('%s, expiring %s → %s', (status, expiresAt, expected) => {
    expect(downloadState({ status, expiresAt }, now)).toBe(expected);
  });
});

describe('exportFileName', () => {
  const id = '1f2e3d4c-0000-4000-8000-000000000000';
  it.each<[Parameters<typeof exportFileName>, string]>([
    [['quota-summary', { year: 2026 }, 'xlsx', id], 'quota-summary-2026-1f2e3d4c.xlsx'],
    [['quota-summary', { year: 2026, groupBy: 'partnerAgency' }, 'csv', id], 'quota-summary-2026-partnerAgency-1f2e3d4c.csv'],
    [['placements', { year: 2025 }, 'csv', id], 'placements-2025-1f2e3d4c.csv'],
    [['wage-summary', { year: 2026, groupBy: '"; x=y' }, 'xlsx', id], 'wage-summary-2026-xy-1f2e3d4c.xlsx'],
  ])('%j → %s', (args, expected) => {
    expect(exportFileName(...args)).toBe(expected);
  });
});
