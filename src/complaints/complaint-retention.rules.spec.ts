import { dueForDestruction, retentionCutoff, type RetentionFacts } from './complaint-retention.rules';

const NOW = new Date('2031-06-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('retentionCutoff', () => {
  it.each([
    [1825, '2026-06-02T00:00:00.000Z'],
    [0, '2031-06-01T00:00:00.000Z'],
    [1, '2031-05-31T00:00:00.000Z'],
  ])('%i days before 2031-06-01 is %s', (days, cutoff) => {
    expect(retentionCutoff(NOW, days).toISOString()).toBe(cutoff);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p days', (days) => {
    expect(() => retentionCutoff(NOW, days)).toThrow(RangeError);
  });
});

describe('dueForDestruction', () => {
  const closed: RetentionFacts = { status: 'RESOLVED', closedAt: at('2026-01-01T00:00:00Z'), destroyedAt: null };
  it.each<[string, RetentionFacts, number, boolean]>([
    ['resolved, closed before the period', closed, 1825, true],
    ['dismissed, closed before the period', { ...closed, status: 'DISMISSED' }, 1825, true],
    ['closed exactly at the cutoff is not due yet', { ...closed, closedAt: at('2026-06-02T00:00:00Z') }, 1825, false],
    ['closed a millisecond before the cutoff', { ...closed, closedAt: at('2026-06-01T23:59:59.999Z') }, 1825, true],
    ['closed inside the period', { ...closed, closedAt: at('2027-01-01T00:00:00Z') }, 1825, false],
    ['reopened (open again, no closure date)', { status: 'INVESTIGATING', closedAt: null, destroyedAt: null }, 1825, false],
    ['open with a stray closure date', { ...closed, status: 'REFERRED' }, 1825, false],
    ['already destroyed', { ...closed, destroyedAt: at('2031-01-01T00:00:00Z') }, 1825, false],
    ['a period of 0 days: due as soon as closed', { ...closed, closedAt: at('2031-05-31T23:59:59Z') }, 0, true],
  ])('%s → %s', (_, facts, days, due) => {
    expect(dueForDestruction(facts, NOW, days)).toBe(due);
  });
});
