/**
 * One message per field, in the words of the people who read them (caseworkers, employers' clerks):
 * "is required", "must be a date such as 2026-03-01", "must be a whole number between 1 and 200".
 * Pure functions over class-validator's rule names and arguments; the validation pipe feeds them.
 */

/** A validation rule declared on a field: its class-validator name (`isInt`, `isUuid`, `isIso8601`…) and arguments. */
export interface FieldRule {
  name: string;
  constraints: readonly unknown[];
  each: boolean;
  /** The DTO's own message, when it gives one. */
  message?: string;
}

export const REQUIRED = 'is required';
export const NOT_NULL = 'cannot be null; leave the field out instead';
export const UNKNOWN_FIELD = 'is not a field of this request';
const FORMAT = 'is not in the expected format (see the example in the API documentation)';

/** Which failure is told when several rules of a field fail: the kind of value before its format, then its size. */
const PRIORITY = [
  'isObject',
  'nestedValidation',
  'isArray',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isEnum',
  'isIn',
  'isUuid',
  'isEmail',
  'isIso8601',
  'matches',
  'arrayUnique',
  'min',
  'max',
  'minLength',
  'maxLength',
  'arrayMinSize',
  'arrayMaxSize',
];

/** The failed rule to tell about: the first by PRIORITY; a rule not listed comes before the size rules. */
export function firstFailure(failed: readonly string[]): string {
  const rank = (name: string) => {
    const i = PRIORITY.indexOf(name);
    return i < 0 ? PRIORITY.indexOf('arrayUnique') : i;
  };
  return [...failed].sort((a, b) => rank(a) - rank(b))[0];
}

/** Patterns of the DTOs that carry no message of their own, by their source. */
const PATTERNS: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': 'must be a date such as 2026-03-01',
  '^[A-Z]{2}$': 'must be a two-letter country code such as UZ',
  '^[a-z]{2,3}$': 'must be a language code such as uz',
  '^\\+?\\d{7,15}$': 'must be a phone number of 7 to 15 digits such as +79131234567',
  '^\\+?[\\d ()-]{5,20}$': 'must be a phone number such as +7 3812 000000',
  '^\\d{10}(\\d{2})?$': 'must be 10 or 12 digits',
  '^\\d{4}(\\.\\d{1,3})?$': 'must be an ОКЗ occupation code such as 7112',
  "^[\\p{Script=Cyrillic}' -]+$": 'must be written in Cyrillic letters',
  "^[A-Za-z' -]+$": 'must be written in Latin letters',
};

const arg = (rules: readonly FieldRule[], name: string): number | undefined => {
  const value = rules.find((r) => r.name === name)?.constraints[0];
  return typeof value === 'number' ? value : undefined;
};

function range(noun: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `must be ${noun} between ${min} and ${max}`;
  if (min !== undefined) return `must be ${noun} of at least ${min}`;
  if (max !== undefined) return `must be ${noun} of at most ${max}`;
  return `must be ${noun}`;
}

function length(rules: readonly FieldRule[]): string {
  const min = arg(rules, 'minLength');
  const max = arg(rules, 'maxLength');
  if (min !== undefined && max !== undefined)
    return min === 1 ? `must be text of at most ${max} characters, not empty` : `must be text of ${min} to ${max} characters`;
  if (max !== undefined) return `must be text of at most ${max} characters`;
  if (min !== undefined) return min === 1 ? 'must not be empty' : `must be text of at least ${min} characters`;
  return 'must be text';
}

function choices(values: readonly unknown[]): string {
  return `must be one of ${values.map(String).join(', ')}`;
}

/** A message a DTO wrote as "<field> must …", or any message, without its field name and regular expressions. */
export function ownWords(message: string, property: string): string {
  const words = message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
  return /\/.+\//.test(words) ? FORMAT : words;
}

/** The message for the failed rule `failed` of a field with the rules `rules`. */
export function messageFor(failed: string, rules: readonly FieldRule[], property: string, fallback = ''): string {
  const rule = rules.find((r) => r.name === failed);
  if (rule?.message) return ownWords(rule.message, property);
  const each = rule?.each ? 'each item ' : '';
  const has = (name: string) => rules.some((r) => r.name === name);
  switch (failed) {
    case 'isInt':
    case 'isNumber':
    case 'min':
    case 'max':
      return range(has('isInt') ? 'a whole number' : 'a number', arg(rules, 'min'), arg(rules, 'max'));
    case 'isString':
    case 'minLength':
    case 'maxLength':
      return each + length(rules);
    case 'isBoolean':
      return 'must be true or false';
    case 'isEnum': {
      const [entity, entries] = rule?.constraints ?? [];
      return each + choices(Array.isArray(entries) ? entries : Object.values((entity as object) ?? {}));
    }
    case 'isIn':
      return each + choices((rule?.constraints[0] as unknown[]) ?? []);
    case 'isUuid':
      return `${each}must be an id (a UUID)`;
    case 'isEmail':
      return `${each}must be an e-mail address such as name@example.com`;
    case 'isIso8601':
      return `${each}must be a date such as 2026-03-01`;
    case 'matches': {
      const pattern = rule?.constraints[0];
      const source = pattern instanceof RegExp ? pattern.source : String(pattern);
      return each + (PATTERNS[source] ?? FORMAT);
    }
    case 'isArray':
      return 'must be a list';
    case 'arrayMinSize':
      return `must have at least ${arg(rules, 'arrayMinSize')} item(s)`;
    case 'arrayMaxSize':
      return `must have at most ${arg(rules, 'arrayMaxSize')} items`;
    case 'arrayUnique':
      return 'must not repeat a value';
    case 'isObject':
    case 'nestedValidation':
      return 'must be an object ({ … })';
    default:
      return ownWords(fallback, property) || FORMAT;
  }
}
