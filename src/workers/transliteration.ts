/**
 * Name spellings for worker search.
 *
 * The same person turns up as Ахмедов, Akhmedov, Axmedov and Ahmedov: Russian documents use Russian
 * letters, Uzbek/Tajik/Kyrgyz passports use their own Cyrillic letters or national Latin alphabets,
 * and Russian passports use ICAO 9303. Search works on a folded Latin form: every name is written in
 * Latin (all plausible spellings for Cyrillic names), then folded so that the spellings meet, and the
 * database compares the folded forms by trigram similarity (pg_trgm).
 *
 * Everything here is pure: no I/O, no clock.
 */

/** The most Latin spellings `transliterationVariants` returns for one name, so long names cannot explode. */
export const MAX_VARIANTS = 32;

/** Cyrillic letters with one Latin spelling. Letters not listed here or in AMBIGUOUS pass through unchanged. */
const SINGLE: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ь: '',
  э: 'e',
  ҳ: 'h',
  ӣ: 'i',
  ӯ: 'u',
  ҷ: 'j',
};

/**
 * Cyrillic letters with several Latin spellings in passports. The first is the primary one (ICAO/GOST
 * style for Russian letters, the national Latin alphabet for Uzbek, Tajik and Kyrgyz letters); it is
 * what `searchQuery` uses. 'е^' is е at the start of a word or after a vowel, ъ or ь (Еркин → Erkin or
 * Yerkin, Алиев → Aliev or Aliyev); elsewhere е is always e.
 */
const AMBIGUOUS: Readonly<Record<string, readonly string[]>> = {
  х: ['kh', 'x', 'h'],
  ж: ['zh', 'j'],
  ю: ['yu', 'iu'],
  я: ['ya', 'ia'],
  ё: ['yo', 'e'],
  ы: ['y', 'i'],
  й: ['y', 'i'],
  'е^': ['e', 'ye'],
  ў: ["o'", 'o', 'u'],
  қ: ['q', 'k'],
  ғ: ["g'", 'gh', 'g'],
  ң: ['ng', 'n'],
  ө: ['o', 'oe'],
  ү: ['u', 'ue'],
};

/** After these, е is iotated (pronounced and often written "ye"). */
const IOTATING = new Set('аеёиоуыэюяўӣӯөүъь');

/**
 * A Cyrillic string as literal Latin pieces and slots. A slot is the index of an ambiguous letter
 * class; every occurrence of the same letter takes the same spelling, because a passport office writes
 * one name in one system (Хожиходжаев is Khojikhodjaev or Xojixodjaev, not Khojixodjaev). That also keeps
 * the number of combinations down to the number of distinct ambiguous letters, not their occurrences.
 */
interface Plan {
  parts: (string | number)[];
  classes: (readonly string[])[];
}

function normalise(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function planOf(text: string): Plan {
  const parts: (string | number)[] = [];
  const classes: (readonly string[])[] = [];
  const slotOf = new Map<string, number>();
  let literal = '';
  let prev = '';
  for (const ch of text) {
    const key = ch === 'е' && (prev === '' || IOTATING.has(prev) || !/\p{L}/u.test(prev)) ? 'е^' : ch;
    const options = AMBIGUOUS[key];
    if (options) {
      let slot = slotOf.get(key);
      if (slot === undefined) {
        slot = classes.push(options) - 1;
        slotOf.set(key, slot);
      }
      if (literal) parts.push(literal);
      parts.push(slot);
      literal = '';
    } else {
      literal += SINGLE[ch] ?? ch;
    }
    prev = ch;
  }
  if (literal) parts.push(literal);
  return { parts, classes };
}

function render(plan: Plan, choice: readonly number[]): string {
  return plan.parts.map((p) => (typeof p === 'number' ? plan.classes[p][choice[p]] : p)).join('');
}

/**
 * Choices ordered by how many letters deviate from the primary spelling: the primary first, then every
 * single deviation, then pairs, and so on. Lazy, so taking the first MAX_VARIANTS never builds the full
 * cartesian product, and when the cap cuts in, what is kept is the variants closest to the primary.
 */
function* choicesByDeviation(sizes: readonly number[]): Generator<number[]> {
  const choice = sizes.map(() => 0);
  function* deviate(remaining: number, from: number): Generator<number[]> {
    if (remaining === 0) {
      yield [...choice];
      return;
    }
    for (let slot = from; slot <= sizes.length - remaining; slot++) {
      for (let option = 1; option < sizes[slot]; option++) {
        choice[slot] = option;
        yield* deviate(remaining - 1, slot + 1);
      }
      choice[slot] = 0;
    }
  }
  for (let deviations = 0; deviations <= sizes.length; deviations++) yield* deviate(deviations, 0);
}

/**
 * Plausible Latin spellings of a Cyrillic name, lower-case, the primary spelling first, at most
 * MAX_VARIANTS. Covers Russian (GOST 7.79 / ICAO 9303) and the Uzbek, Tajik and Kyrgyz letters.
 * Characters that are not Cyrillic letters (Latin, spaces, hyphens) are kept as they are.
 */
export function transliterationVariants(cyrillic: string): string[] {
  const text = normalise(cyrillic ?? '');
  if (!text) return [];
  const plan = planOf(text);
  const variants = new Set<string>();
  // Different choices almost always give different strings; the attempt limit only guards the loop.
  let attempts = 0;
  for (const choice of choicesByDeviation(plan.classes.map((c) => c.length))) {
    variants.add(render(plan, choice));
    if (variants.size >= MAX_VARIANTS || ++attempts >= MAX_VARIANTS * 8) break;
  }
  return [...variants];
}

/** The primary Latin spelling (lower-case); Latin and other characters are kept. */
function transliterate(s: string): string {
  const plan = planOf(normalise(s));
  return render(
    plan,
    plan.classes.map(() => 0),
  );
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Apostrophe-like marks: ASCII ', `, ´, the Uzbek ʻ and ʼ, typographic quotes, primes. */
const APOSTROPHE = "'`´ʹʻʼʽ‘’′";
const O_APOSTROPHE = new RegExp(`o[${APOSTROPHE}]`, 'g');
const APOSTROPHES = new RegExp(`[${APOSTROPHE}]`, 'g');

/** Letters of the 1993 Uzbek and the Tajik Latin alphabets that stand for digraphs elsewhere. */
const SPECIAL_LATIN: Readonly<Record<string, string>> = {
  ş: 'sh',
  š: 'sh',
  ç: 'ch',
  č: 'ch',
  ž: 'zh',
  ğ: 'g',
  ǧ: 'g',
  ñ: 'ng',
  ı: 'i',
  ß: 'ss',
};

/** Spellings of one sound, written as one. Longest first, so shch is not read as s + hch. */
const DIGRAPHS: Readonly<Record<string, string>> = {
  shch: 'sh',
  sch: 'sh',
  dzh: 'j',
  dj: 'j',
  zh: 'j',
  kh: 'h',
  x: 'h',
  gh: 'g',
  ts: 'c',
  q: 'k',
};
const DIGRAPH = new RegExp(Object.keys(DIGRAPHS).join('|'), 'g');

/**
 * A name or query folded for matching: lower-case Latin letters, digits and single spaces, with the
 * common spelling differences removed. LOSSY ON PURPOSE: different names may fold alike (that only
 * costs precision, which the trigram ranking recovers); never display or store it as a name.
 *
 * - Cyrillic letters (including Cyrillic homoglyphs typed into a Latin field, АХМЕДОВ) take their primary spelling.
 * - Diacritics go (ö → o, ü → u); ş/š → sh, ç/č → ch, ž → zh, ğ/ǧ → g, ñ → ng.
 * - o' (Uzbek ў) → u, the way Russian documents and older passports write it (Ўроқов, Уроков, O'roqov,
 *   Urokov); then all apostrophes go (g' → g, Ma'ruf → maruf).
 * - shch/sch → sh, zh/j/dj/dzh → j, kh/x/h → h, ts → c, gh → g, q → k.
 * - y before a vowel is only iotation and goes (Yusupov, Yakhyoev, Yerkin, Aliyev → usupov, ahoev, erkin,
 *   aliev); every other y is i (Mamytov → mamitov, Aybek → aibek); then i before a, o, u goes (ICAO
 *   Iusupov, Ialolov → usupov, alolov); i before e stays (Choriev).
 * - Double letters are single (Abdulla → abdula, Iurii → uri).
 */
export function foldLatin(s: string): string {
  if (!s) return '';
  let t = CYRILLIC.test(s) ? transliterate(s) : s.toLowerCase();
  t = t.replace(O_APOSTROPHE, 'u').replace(APOSTROPHES, '');
  t = t.replace(/[şšçčžğǧñıß]/g, (c) => SPECIAL_LATIN[c]);
  t = t.normalize('NFKD').replace(/\p{M}/gu, '');
  // Letters outside a-z that are left (Greek, Arabic…) are dropped; anything else separates words.
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/[^a-z0-9 ]/g, '');
  t = t.replace(DIGRAPH, (d) => DIGRAPHS[d]);
  t = t.replace(/y(?=[aeou])/g, '').replace(/y/g, 'i');
  t = t.replace(/([a-z])\1+/g, '$1');
  t = t.replace(/i(?=[aou])/g, '');
  t = t.replace(/([a-z])\1+/g, '$1'); // again: dropping i can bring two letters together (aia → aa)
  return t.replace(/ +/g, ' ').trim();
}

/** A worker's names; either script may be missing. */
export interface WorkerNames {
  lastNameCyr?: string | null;
  firstNameCyr?: string | null;
  patronymicCyr?: string | null;
  lastNameLat?: string | null;
  firstNameLat?: string | null;
  patronymicLat?: string | null;
}

/**
 * The text stored in the indexed search column: the folded passport Latin names and the folded forms of
 * every transliteration variant of the Cyrillic names, as distinct words in a stable order (last, first,
 * patronymic; Latin before Cyrillic). Folding collapses most variants, so this stays short; the variants
 * that survive folding (Ўроқов → urokov and orokov, Ёкубов → okubov and ekubov) are what let a spelling
 * the fold cannot unify still match a word exactly. Passport Latin with an apostrophe is added both ways,
 * o' read as u and as o, for the same reason.
 */
export function searchText(names: WorkerNames): string {
  const words = new Set<string>();
  const add = (folded: string) => folded.split(' ').forEach((w) => w && words.add(w));
  const fields: [string | null | undefined, string | null | undefined][] = [
    [names.lastNameLat, names.lastNameCyr],
    [names.firstNameLat, names.firstNameCyr],
    [names.patronymicLat, names.patronymicCyr],
  ];
  for (const [lat, cyr] of fields) {
    if (lat) {
      add(foldLatin(lat));
      // O'roqov is also typed Orokov; foldLatin reads o' as u, so keep the o reading too.
      add(foldLatin(lat.replace(APOSTROPHES, '')));
    }
    if (cyr) transliterationVariants(cyr).forEach((v) => add(foldLatin(v)));
  }
  return [...words].join(' ');
}

/**
 * A query typed in either script, folded for trigram comparison with `searchText`. Cyrillic is
 * written with the primary spelling first (foldLatin does that letter by letter, so a query mixing
 * scripts works too), then folded.
 */
export function searchQuery(q: string): string {
  return foldLatin(q ?? '');
}

/** Latin → Russian Cyrillic, longest match first. */
const TO_CYRILLIC: readonly [string, string][] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['dzh', 'дж'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ["o'", 'у'],
  ["g'", 'г'],
  ['gh', 'г'],
  ['yu', 'ю'],
  ['iu', 'ю'],
  ['ya', 'я'],
  ['yo', 'ё'],
  ['ye', 'е'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'ц'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'ж'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'х'],
  ['y', 'й'],
  ['z', 'з'],
];

/**
 * A best guess at the Russian Cyrillic spelling of a Latin name, as Russian migration documents write
 * Central Asian names (Russian letters only: O'roqov → Уроков, G'afurov → Гафуров). For suggesting a
 * spelling to an operator, never authoritative. A capital at the start of a word is kept.
 */
export function toCyrillicGuess(latin: string): string {
  const text = (latin ?? '').normalize('NFC').replace(APOSTROPHES, "'").replace(/\s+/g, ' ').trim();
  let out = '';
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i).toLowerCase();
    const prev = out.slice(-1).toLowerCase();
    const wordStart = !/\p{L}/u.test(prev);
    const upper = text[i] !== text[i].toLowerCase();
    let cyr: string;
    let len = 1;
    if (wordStart && rest[0] === 'e') {
      cyr = 'э'; // Erkin → Эркин, while Yerkin → Еркин
    } else if (rest[0] === 'y' && !/[aeiouy]/.test(rest[1] ?? '')) {
      cyr = /[аеёиоуыэюя]/.test(prev) ? 'й' : 'ы'; // Aybek → Айбек, Mamytov → Мамытов
    } else {
      const match = TO_CYRILLIC.find(([lat]) => rest.startsWith(lat));
      cyr = match ? match[1] : text[i] === "'" ? '' : text[i];
      len = match ? match[0].length : 1;
    }
    out += upper && wordStart ? cyr.charAt(0).toUpperCase() + cyr.slice(1) : cyr;
    i += len;
  }
  return out;
}
