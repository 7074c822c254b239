import { MAX_VARIANTS, foldLatin, searchQuery, searchText, toCyrillicGuess, transliterationVariants } from './transliteration';

/** Trigrams as pg_trgm builds them: words of letters and digits, each padded with two spaces in front and one behind. */
function trigrams(s: string): Set<string> {
  const set = new Set<string>();
  for (const word of s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return set;
}

/** pg_trgm similarity(): shared trigrams over all trigrams of both strings. */
function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  const shared = [...ta].filter((t) => tb.has(t)).length;
  const all = new Set([...ta, ...tb]).size;
  return all === 0 ? 0 : shared / all;
}

// Each row: one name as it is written in Cyrillic (national and Russian letters) and in passports.
const SPELLINGS: [string, ...string[]][] = [
  ['Ахмедов', 'Akhmedov', 'Axmedov', 'Ahmedov', 'AKHMEDOV'],
  ['Жураев', 'Juraev', 'Zhuraev', 'Djuraev', 'Джураев'],
  ['Шукуров', 'Shukurov', 'Şukurov'],
  ['Чориев', 'Choriev', 'Choriyev'],
  ['Юсупов', 'Yusupov', 'Iusupov'],
  ['Яхёев', 'Yakhyoev', 'Yahyoev', 'Yaxyoev'],
  ['Ёкубов', 'Yokubov', 'Yoqubov'],
  ['Қодиров', 'Qodirov', 'Kodirov', 'Кодиров'],
  ['Ғафуров', "G'afurov", 'Gafurov', 'Ghafurov', 'Gʻafurov', 'G’afurov', 'Гафуров'],
  ['Ҷалолов', 'Jalolov', 'Джалолов'],
  ['Мамытов', 'Mamytov', 'Mamitov'],
  ['Ўроқов', "O'roqov", 'Urokov', 'Oʻroqov', 'Уроков'],
  ['Еркин', 'Erkin', 'Yerkin'],
  ['Алиев', 'Aliev', 'Aliyev'],
  ['Зияев', 'Ziyaev', 'Ziyayev', 'Ziaev'],
  ['Юрий', 'Yuriy', 'Yurii', 'Iurii', 'Yuri'],
  ['Абдуллаев', 'Abdullaev', 'Abdulaev', 'Abdullayev'],
  ['Мухаммаджон', 'Mukhammadjon', 'Muhammadjon', 'Muxammadjon', 'Mukhammadzhon'],
];

describe('searchQuery: every spelling of a name folds to the same text', () => {
  it.each(SPELLINGS)('%s', (cyrillic, ...latin) => {
    const expected = searchQuery(cyrillic);
    expect(expected).toMatch(/^[a-z]+$/);
    for (const spelling of latin) expect([spelling, searchQuery(spelling)]).toEqual([spelling, expected]);
  });
});

describe('searchText: a record stored in one script contains the query typed in the other', () => {
  it.each(SPELLINGS)('%s', (cyrillic, ...latin) => {
    const fromCyrillic = searchText({ lastNameCyr: cyrillic }).split(' ');
    const fromLatin = searchText({ lastNameLat: latin[0] }).split(' ');
    for (const spelling of [cyrillic, ...latin]) {
      expect(fromCyrillic).toContain(searchQuery(spelling));
      expect(fromLatin).toContain(searchQuery(spelling));
    }
  });

  // The Uzbek ў without its apostrophe is the one spelling the fold cannot meet (o vs u): the stored
  // text carries both readings, so the query still matches a word exactly.
  it.each([
    [{ lastNameCyr: 'Ўроқов' }, 'Orokov'],
    [{ lastNameLat: "O'ROQOV" }, 'Orokov'],
    [{ lastNameLat: "O'ROQOV" }, 'Уроков'],
    [{ lastNameCyr: 'Ёкубов' }, 'Ekubov'],
    [{ lastNameCyr: 'Үсөнов' }, 'Uesoenov'],
  ])('%j is found by %s', (names, query) => {
    expect(searchText(names).split(' ')).toContain(searchQuery(query));
  });
});

describe('near spellings stay similar by trigrams (pg_trgm similarity ≥ 0.5)', () => {
  it.each([
    ['Ахмедов', 'Akhmedova'], // the feminine form
    ['Турсунбоев', 'Tursunbaev'], // Uzbek o, Russian a
    ['Юсупов', 'Jusupov'], // German-style j for ю
    ['Рахмонов', 'Rakhmanov'],
    ['Ўроқов', 'Orokov'], // also an exact word of the stored text, see above
  ])('%s ~ %s', (a, b) => {
    expect(similarity(searchText({ lastNameCyr: a }), searchQuery(b))).toBeGreaterThanOrEqual(0.5);
  });

  it('the helper computes pg_trgm similarity', () => {
    expect(similarity('word', 'word')).toBe(1);
    expect(similarity('word', 'two words')).toBeCloseTo(4 / 11); // pg_trgm: similarity('word', 'two words') = 0.363636
    expect(similarity('', '')).toBe(0);
  });
});

describe('transliterationVariants', () => {
  it.each([
    ['Ахмедов', ['akhmedov', 'axmedov', 'ahmedov']],
    ['Жураев', ['zhuraev', 'juraev']],
    ['Шукуров', ['shukurov']],
    ['Щукин', ['shchukin']],
    ['Цой', ['tsoy', 'tsoi']],
    ['Юсупов', ['yusupov', 'iusupov']],
    ['Яхёев', ['yakhyoev', 'yaxyoev', 'yahyoev', 'iakhyoev', 'yakheev', 'yakhyoyev']],
    ['Еркин', ['erkin', 'yerkin']],
    ['Алиев', ['aliev', 'aliyev']],
    ['Петров', ['petrov']], // е after a consonant is only e
    ['Мамытов', ['mamytov', 'mamitov']],
    ['Ўроқов', ["o'roqov", 'oroqov', 'uroqov', "o'rokov", 'orokov', 'urokov']],
    ['Ғафуров', ["g'afurov", 'ghafurov', 'gafurov']],
    ['Ҳасан', ['hasan']],
    ['Ҷӯрабой', ['juraboy', 'juraboi']],
    ['Раҳимӣ', ['rahimi']],
    ['Маъруф Ильич', ['maruf ilich']],
    ['Жаңыл', ['zhangyl', 'jangyl', 'zhanyl', 'zhangil']],
    ['Өмүр', ['omur', 'oemur', 'omuer']],
  ])('%s → %j', (cyrillic, expected) => {
    const variants = transliterationVariants(cyrillic);
    expect(variants[0]).toBe(expected[0]); // the primary spelling first
    expect(variants).toEqual(expect.arrayContaining(expected));
  });

  it('spells every occurrence of a letter the same way', () => {
    const variants = transliterationVariants('Хожиходжаев');
    expect(variants).toEqual(expect.arrayContaining(['khozhikhodzhaev', 'xojixodjaev', 'hozhihodzhaev']));
    expect(variants).not.toContain('khozhixodzhaev');
  });

  it('caps the number of variants for long names, closest to the primary spelling first', () => {
    const name = 'Хўжаёрқулғиниңөүйыжюя Ҳожиахмедёвжўқғюйыхя ўғли';
    const variants = transliterationVariants(name);
    expect(variants).toHaveLength(MAX_VARIANTS);
    expect(new Set(variants).size).toBe(variants.length);
    expect(variants[0]).toBe("kho'zhayorqulg'iningouyyzhyuya hozhiakhmedyovzho'qg'yuyykhya o'g'li");
    for (const v of variants) expect(v).toBe(v.toLowerCase());
  });

  it.each(['', '   ', null, undefined])('returns nothing for %j', (input) => {
    expect(transliterationVariants(input as string)).toEqual([]);
  });

  it('keeps Latin letters, hyphens and single spaces; ignores case and decomposed letters', () => {
    expect(transliterationVariants('  Абдул-Азиз   Karimov ')).toEqual(['abdul-aziz karimov']);
    expect(transliterationVariants('ЁКУБОВ')).toEqual(transliterationVariants('ёкубов'));
    expect(transliterationVariants('Йу\u0306лдош'.normalize('NFD'))).toEqual(transliterationVariants('Йўлдош'));
  });
});

describe('foldLatin', () => {
  it.each([
    ['  Akhmedov   Rustam  ', 'ahmedov rustam'],
    ['ABDULLAYEV', 'abdulaev'],
    ["O'G'LI", 'ugli'],
    ['Maʼruf', 'maruf'],
    ['Ma`ruf', 'maruf'],
    ['Nurlan-Uulu', 'nurlan ulu'],
    ['Tölögön Ümüt', 'tologon umut'],
    ['Çoriyev Şöhrat Ğani', 'choriev shohrat gani'],
    ['Jūrabоy', 'juraboi'], // the о is a Cyrillic homoglyph
    ['АХМЕDОV', 'ahmedov'], // mostly Cyrillic homoglyphs typed into a Latin field
    ['Shchukin', 'shukin'],
    ['Tsoy', 'coi'],
    ['Sheer', 'sher'],
    ['', ''],
    ['  \t ', ''],
    ["' - ʻ", ''],
  ])('%j → %j', (input, expected) => {
    expect(foldLatin(input)).toBe(expected);
  });
});

describe('searchText', () => {
  it('holds the folded names from both scripts, each word once, last name first', () => {
    const text = searchText({
      lastNameCyr: 'Ахмедов',
      firstNameCyr: 'Еркин',
      patronymicCyr: 'Ғайрат ўғли',
      lastNameLat: 'AKHMEDOV',
      firstNameLat: 'ERKIN',
      patronymicLat: "G'AYRAT O'G'LI",
    });
    expect(text).toBe('ahmedov erkin gairat ugli ogli');
  });

  it('keeps words only one script has', () => {
    const text = searchText({ lastNameCyr: 'Ёкубов', lastNameLat: 'YAKUBOV', firstNameCyr: 'Шерзод', firstNameLat: null });
    expect(text.split(' ')).toEqual(expect.arrayContaining(['akubov', 'okubov', 'ekubov', 'sherzod']));
  });

  it.each([[{}], [{ lastNameCyr: null, firstNameLat: null }], [{ lastNameLat: '', patronymicCyr: '  ' }]])('is empty for %j', (names) => {
    expect(searchText(names)).toBe('');
  });

  it('ignores other fields of the object passed in', () => {
    const dto = { lastNameLat: 'Karimov', firstNameLat: 'Sardor', birthDate: '1990-01-01' };
    expect(searchText(dto)).toBe('karimov sardor');
  });
});

describe('searchQuery', () => {
  it.each([
    ['Ахмедов Еркин', 'ahmedov erkin'],
    ['  akhmedov  ', 'ahmedov'],
    ['Ахмедов Erkin', 'ahmedov erkin'], // scripts mixed in one query
    ['', ''],
    [null, ''],
  ])('%j → %j', (q, expected) => {
    expect(searchQuery(q as string)).toBe(expected);
  });
});

describe('toCyrillicGuess', () => {
  it.each([
    ['Akhmedov', 'Ахмедов'],
    ['AXMEDOV', 'Ахмедов'],
    ['Yakhyoev', 'Яхёев'],
    ['Yoqubov', 'Ёкубов'],
    ["O'roqov", 'Уроков'],
    ["G'afurov", 'Гафуров'],
    ['Juraev', 'Жураев'],
    ['Shukurov', 'Шукуров'],
    ['Shchukin', 'Щукин'],
    ['Tsoy', 'Цой'],
    ['Mamytov', 'Мамытов'],
    ['Yerkin', 'Еркин'],
    ['Erkin', 'Эркин'],
    ['Aybek Sergey', 'Айбек Сергей'],
    ['Yusupov', 'Юсупов'],
    ['', ''],
  ])('%s → %s', (latin, cyrillic) => {
    expect(toCyrillicGuess(latin)).toBe(cyrillic);
  });

  it('round-trips through the search fold', () => {
    for (const [cyrillic, ...latin] of SPELLINGS) {
      for (const spelling of latin) expect([spelling, searchQuery(toCyrillicGuess(spelling))]).toEqual([spelling, searchQuery(cyrillic)]);
    }
  });
});
