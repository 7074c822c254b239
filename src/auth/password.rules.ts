import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's score (0–4) a new password must reach: 3 resists an online attack and a slow-hash offline one. */
export const MIN_PASSWORD_SCORE = 3;
/** Words of the owner's name and e-mail this long or longer must not appear in the password. */
const MIN_PERSONAL_WORD = 4;

// The estimator with its dictionaries (common passwords, English words and names, keyboard layouts),
// built once when this module loads: indexing them costs about a second and tens of megabytes.
// Its cost per check grows steeply with the length of the password and with the l33t substitutions
// it tries (seconds for 256 characters of symbols), and the route that sets a password is public:
// only the first 64 characters are estimated (a password whose first 64 are strong is strong) and
// the substitutions are bounded.
const estimator = new ZxcvbnFactory({
  dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
  graphs: zxcvbnCommon.adjacencyGraphs,
  translations: zxcvbnEn.translations,
  maxLength: 64,
  l33tMaxSubstitutions: 20,
});

/** Whose password it is: what it must not be built from. */
export interface PasswordOwner {
  email: string;
  fullName?: string | null;
}

/**
 * The words of the owner's e-mail local part and name that a password must not contain, lower-case:
 * the local part itself and every run of 4 or more letters (any script) in it and in the name.
 */
export function personalWords(owner: PasswordOwner): string[] {
  const local = owner.email.split('@')[0].toLowerCase();
  const words = [local, ...`${local} ${owner.fullName ?? ''}`.toLowerCase().matchAll(/\p{L}+/gu)].map((w) => (typeof w === 'string' ? w : w[0]));
  return [...new Set(words.filter((w) => [...w].length >= MIN_PERSONAL_WORD))];
}

/** Why a password is refused, one phrase per reason ("must …", "is …"); empty when it is acceptable. Pure. */
export function passwordProblems(password: string, owner: PasswordOwner): string[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [`must be at least ${MIN_PASSWORD_LENGTH} characters long`];
  if (password.length > MAX_PASSWORD_LENGTH) return [`must be at most ${MAX_PASSWORD_LENGTH} characters long`];
  const problems: string[] = [];
  const words = personalWords(owner);
  const lower = password.toLowerCase();
  if (words.some((w) => lower.includes(w))) problems.push('must not contain your name or e-mail address');
  const inputs = [owner.email.toLowerCase(), ...words, ...(owner.fullName ? [owner.fullName.toLowerCase()] : [])];
  const { score, feedback } = estimator.check(password, inputs);
  if (score < MIN_PASSWORD_SCORE) {
    const advice = [feedback.warning, ...feedback.suggestions].filter((s): s is string => !!s);
    problems.push(advice.length ? `is too easy to guess: ${advice.join(' ')}` : 'is too easy to guess');
  }
  return problems;
}
