import { CommonErrors } from '../errors/app-error';

/** Strong ETag of a versioned record. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * A Fastify `preSerialization` hook: sends `ETag` with every successful answer that is one
 * versioned record (it has a numeric `version`). A hook rather than a global Nest interceptor, so
 * that routes answering anything else do not pay for an interceptor chain on every request.
 */
export function etagHook(
  _request: unknown,
  reply: { statusCode: number; header(name: string, value: string): unknown },
  payload: unknown,
  done: (err: null, payload: unknown) => void,
): void {
  const version = (payload as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && reply.statusCode < 300) reply.header('etag', etagOf(version));
  done(null, payload);
}

/**
 * Checks `If-Match` against the record's current version. A missing header is accepted
 * (last write wins, as API.md allows); a stale one answers 412.
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const current = etagOf(currentVersion);
  const given = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!given.includes(current)) throw CommonErrors.preconditionFailed(current);
}

/**
 * The version a PATCH may change: the one the client read (`If-Match`), or the current one for
 * `If-Match: *`. Records people edit are never changed blind: a missing If-Match answers 428.
 */
export function requiredVersion(ifMatch: string | undefined, currentVersion: number): number {
  if (ifMatch === undefined || !ifMatch.trim()) throw CommonErrors.preconditionRequired();
  return versionFromIfMatch(ifMatch) ?? currentVersion;
}

/** The version the client claims to have read, or undefined when it sent no If-Match. */
export function versionFromIfMatch(ifMatch: string | undefined): number | undefined {
  if (!ifMatch || ifMatch.trim() === '*') return undefined;
  const m = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!m) throw CommonErrors.preconditionFailed('unknown');
  return Number(m[1]);
}
