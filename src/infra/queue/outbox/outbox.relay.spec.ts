import { backoffMs } from './outbox.relay';

const CAP = 5 * 60_000;

describe('backoffMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [9, 256_000],
    [10, CAP],
    [1000, CAP],
  ])('after %d attempts waits %d ms', (attempts, ms) => {
    expect(backoffMs(attempts)).toBe(ms);
  });

  it('never decreases and never exceeds 5 minutes', () => {
    let previous = 0;
    for (let attempts = 1; attempts <= 100; attempts++) {
      const ms = backoffMs(attempts);
      expect(ms).toBeGreaterThanOrEqual(previous);
      expect(ms).toBeLessThanOrEqual(CAP);
      expect(ms).toBeGreaterThan(0);
      previous = ms;
    }
    expect(previous).toBe(CAP);
  });

  it('stays finite for huge attempt counts', () => {
    expect(backoffMs(Number.MAX_SAFE_INTEGER)).toBe(CAP);
  });
});
