import { createHash } from 'node:crypto';

/** Enough for every statement text the application builds; a runaway set is dropped, not grown. */
const MAX_TEXTS = 5_000;
const digests = new Map<string, string>();

/**
 * The name of a named prepared statement: `prefix` and a digest of its text, so that the same text
 * gets the same name on every connection and a different text never shares one. Statement texts
 * carry no values (those are parameters), so there are a few hundred of them at most: the digest is
 * computed once per text, not on every query.
 */
export function statementName(prefix: string, text: string): string {
  let digest = digests.get(text);
  if (digest === undefined) {
    if (digests.size >= MAX_TEXTS) digests.clear();
    digest = createHash('sha1').update(text).digest('hex').slice(0, 20);
    digests.set(text, digest);
  }
  return `${prefix}${digest}`;
}
