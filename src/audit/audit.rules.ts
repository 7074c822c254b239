const SENSITIVE = /password|token|secret|documentnumber|passport|^number$|accesscode|narrative/i;

/** Changed fields for the audit log, with sensitive values masked. Pure. */
export function maskChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    out[key] = SENSITIVE.test(key) ? '***' : value;
  }
  return out;
}

/** The fields whose values differ between two versions of a record. Pure. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key], to: after[key] };
  }
  return maskChanges(out) as Record<string, { from: unknown; to: unknown }>;
}
