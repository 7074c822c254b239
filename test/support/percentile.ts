/**
 * The continuous percentile (PostgreSQL's percentile_cont): linear interpolation between the two
 * nearest ranks of the sorted values; null for no values. A test oracle: the reports compute their
 * medians and percentiles in SQL, and the e2e specs check them against this.
 */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (fraction < 0 || fraction > 1) throw new RangeError(`fraction must be within 0..1, got ${fraction}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = fraction * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
