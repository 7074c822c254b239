/**
 * The rules of a complaint's files: what an evidence file may be called, how a download names
 * itself, and which form of a referral letter a client asked for.
 */

export const EVIDENCE_NAME_MAX = 80;
const EVIDENCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Why an evidence file name is refused, or null. Latin letters, digits, `.`, `_` and `-`, starting
 * with a letter or digit, at most 80 characters, no `..`: the name travels in a URL path and a
 * Content-Disposition header unchanged, and names nothing on disk (the storage key is random).
 */
export function evidenceNameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.length > EVIDENCE_NAME_MAX) return `at most ${EVIDENCE_NAME_MAX} characters`;
  if (!EVIDENCE_NAME.test(name)) return 'only Latin letters, digits, ".", "_" and "-", starting with a letter or digit';
  if (name.includes('..')) return 'must not contain ".."';
  return null;
}

export type LetterFormat = 'application/pdf' | 'text/plain';

/**
 * The form of a referral letter an `Accept` header asks for: the PDF unless plain text is preferred
 * (a higher q, or listed first at the same q); null when it accepts neither (406).
 */
export function letterFormat(accept: string | undefined): LetterFormat | null {
  if (!accept?.trim()) return 'application/pdf';
  const ranges = accept.split(',').map((part, index) => {
    const [range, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    return { range, q: Number.isFinite(weight) ? weight : 0, index };
  });
  const score = (type: LetterFormat) => {
    const [major] = type.split('/');
    const exact = ranges.find((r) => r.range === type) ?? ranges.find((r) => r.range === `${major}/*`) ?? ranges.find((r) => r.range === '*/*');
    return exact && exact.q > 0 ? exact : null;
  };
  const pdf = score('application/pdf');
  const text = score('text/plain');
  if (!pdf && !text) return null;
  if (!text) return 'application/pdf';
  if (!pdf) return 'text/plain';
  if (text.q !== pdf.q) return text.q > pdf.q ? 'text/plain' : 'application/pdf';
  // the same weight: the more specific range, then the one listed first
  const specific = (r: { range: string }) => (r.range === '*/*' ? 0 : r.range.endsWith('/*') ? 1 : 2);
  if (specific(text) !== specific(pdf)) return specific(text) > specific(pdf) ? 'text/plain' : 'application/pdf';
  return text.index < pdf.index ? 'text/plain' : 'application/pdf';
}

/** `attachment; filename="…"` for a name the rules above already restrict to safe characters. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}
