/**
 * Whether a database error is a unique violation: Prisma's P2002, or PostgreSQL's 23505 passed
 * through the driver adapter (raw statements, partial unique indexes Prisma does not model).
 * Services turn it into their own 409 (duplicate INN, a second active placement, …).
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string; originalCode?: string } } | null;
  return err?.code === 'P2002' || err?.cause?.code === '23505' || err?.cause?.originalCode === '23505';
}
