/**
 * The rules of the public complaint intake (DOMAIN.md "Complaints", issue #18 items 7-8), as plain
 * functions: whom a complaint from the public form is against, what the complainant sees, whether a
 * contact may be kept, and how long wrong access codes make a client wait.
 */
import type { Against } from '../dto/complaint.dto';
import type { Category } from '../complaint.rules';

/** The languages of the public form (Uzbek in Latin script, Tajik and Kyrgyz in Cyrillic). */
export const PUBLIC_LANGUAGES = ['ru', 'uz', 'tg', 'ky', 'en'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];

/**
 * Whom a complaint from the public form is against, from its category (the form does not ask: a
 * worker names what happened, not a legal role). Staff correct it with PATCH.
 */
export function againstOf(category: Category): Against {
  if (category === 'OFFICIAL_MISCONDUCT') return 'OFFICIAL';
  if (category === 'RECRUITMENT_FEE_FRAUD') return 'INTERMEDIARY';
  if (category === 'OTHER') return 'OTHER';
  return 'EMPLOYER';
}

/**
 * A contact is kept only when the complainant asked to be contacted; one given without asking is
 * refused (400), not dropped: a worker who typed a phone number would otherwise wait for a call that
 * never comes. Asking without giving one is refused too.
 */
export function contactProblem(wantsContact: boolean | undefined, contact: string | undefined): 'CONTACT_NOT_WANTED' | 'CONTACT_REQUIRED' | null {
  const given = contact !== undefined && contact.trim() !== '';
  if (given && wantsContact !== true) return 'CONTACT_NOT_WANTED';
  if (!given && wantsContact === true) return 'CONTACT_REQUIRED';
  return null;
}

export interface NoteFacts {
  kind: string;
  text: string | null;
  createdAt: Date;
}

export interface PublicMessage {
  from: 'CENTRE' | 'YOU';
  text: string;
  at: string;
}

/** What the complainant sees of the notes: the messages to them and from them, oldest first; never an internal note, never a destroyed text. */
export function publicMessages(notes: NoteFacts[]): PublicMessage[] {
  return notes
    .filter((n) => (n.kind === 'TO_COMPLAINANT' || n.kind === 'FROM_COMPLAINANT') && n.text !== null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((n) => ({ from: n.kind === 'TO_COMPLAINANT' ? 'CENTRE' : 'YOU', text: n.text!, at: n.createdAt.toISOString() }));
}

export interface FailureCount {
  failures: number;
  windowEndsAt: Date;
}

/**
 * How long (ms) a client must wait before its access code is even checked: the longest of its
 * counters (its address, the reference) that has reached `limit` failures in a window still open.
 */
export function failureWaitMs(counts: FailureCount[], limit: number, now: Date): number {
  return Math.max(0, ...counts.filter((c) => c.failures >= limit && c.windowEndsAt > now).map((c) => c.windowEndsAt.getTime() - now.getTime()));
}
