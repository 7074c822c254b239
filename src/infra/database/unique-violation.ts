/**
 * Whether a database error is a unique violation: Prisma's P2002, or PostgreSQL's 23505 passed
 * through the driver adapter (raw statements, partial unique indexes Prisma does not model).
 * Services turn it into their own 409 (duplicate INN, a second active placement, …).
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string; originalCode?: string } } | null;
  return err?.code === 'P2002' || err?.cause?.code === '23505' || err?.cause?.originalCode === '23505';
}

/**
 * Whether a database error is a unique violation of one of the named indexes (a partial unique
 * index that Prisma's schema does not model), so that a service can tell which rule was broken.
 * The index name comes from PostgreSQL through the driver adapter, as Prisma passes it on.
 */
export function violatesIndex(e: unknown, names: readonly string[]): boolean {
  if (!isUniqueViolation(e)) return false;
  const err = e as { message?: string; meta?: unknown; cause?: { constraint?: unknown } };
  const said = `${err.message ?? ''} ${safeJson(err.meta)} ${safeJson(err.cause?.constraint)}`;
  return names.some((name) => said.includes(name));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
