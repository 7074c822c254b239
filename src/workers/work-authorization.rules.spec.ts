import {
  AuthorizationDocument,
  AuthorizationOptions,
  CoverDates,
  DEFAULT_EAEU_COUNTRIES,
  DEFAULT_VISA_FREE_COUNTRIES,
  MigrationRegime,
  RegimeOverrides,
  WorkAuthorization,
  assessWorkAuthorization,
  coverDates,
  regimeOf,
  ValidUntilRange,
  validUntilRange,
  workAuthorization,
  WorkAuthorizationBranch,
  workAuthorizationFilter,
  workAuthorizationFrom,
} from './work-authorization.rules';

const patent = (expiresOn: string | null, paidUntil?: string | null, extra: Partial<AuthorizationDocument> = {}) => ({
  type: 'PATENT',
  status: 'VALID',
  expiresOn,
  paidUntil,
  ...extra,
});
const permit = (expiresOn: string | null, extra: Partial<AuthorizationDocument> = {}) => ({
  type: 'WORK_PERMIT',
  status: 'VALID',
  expiresOn,
  ...extra,
});

describe('regimeOf', () => {
  it.each<[string, MigrationRegime]>([
    ['KG', 'EAEU'],
    ['KZ', 'EAEU'],
    ['AM', 'EAEU'],
    ['BY', 'EAEU'],
    ['RU', 'EAEU'], // not a migrant: nothing required
    ['UZ', 'PATENT'],
    ['TJ', 'PATENT'],
    ['AZ', 'PATENT'],
    ['MD', 'PATENT'],
    ['UA', 'PATENT'],
    ['CN', 'VISA'],
    ['VN', 'VISA'],
    ['IN', 'VISA'],
    ['XX', 'VISA'], // unknown → the strictest regime
    ['', 'VISA'],
    [' kg ', 'EAEU'], // normalised
    ['uz', 'PATENT'],
  ])('%j → %s', (citizenship, regime) => expect(regimeOf(citizenship)).toBe(regime));

  it('exports the default lists', () => {
    expect([...DEFAULT_EAEU_COUNTRIES].sort()).toEqual(['AM', 'BY', 'KG', 'KZ']);
    expect([...DEFAULT_VISA_FREE_COUNTRIES].sort()).toEqual(['AZ', 'MD', 'TJ', 'UA', 'UZ']);
  });

  it.each<[string, RegimeOverrides, MigrationRegime]>([
    ['GE', { visaFree: ['GE', 'UZ'] }, 'PATENT'], // an admin adds a visa-free country
    ['UA', { visaFree: ['UZ', 'TJ'] }, 'VISA'], // …or removes one
    ['AM', { eaeu: ['KG'] }, 'VISA'], // the EAEU list replaced: AM no longer in it nor visa-free
    ['AM', { eaeu: ['KG'], visaFree: ['am'] }, 'PATENT'], // lists are normalised too
    ['UZ', { eaeu: ['UZ'] }, 'EAEU'], // on both lists: EAEU wins
    ['RU', { eaeu: [], visaFree: [] }, 'EAEU'], // RU whatever the lists say
    ['KG', {}, 'EAEU'], // empty overrides → defaults
  ])('%s with %j → %s', (citizenship, overrides, regime) => expect(regimeOf(citizenship, overrides)).toBe(regime));
});

describe('workAuthorization', () => {
  const TODAY = '2026-03-15';

  describe('boundary dates (patent holder, 30-day window)', () => {
    it.each<[string, string, WorkAuthorization]>([
      ['ended long ago', '2025-12-31', 'EXPIRED'],
      ['ended yesterday (today − 1)', '2026-03-14', 'EXPIRED'],
      ['ends today: still covered', '2026-03-15', 'EXPIRING'],
      ['ends tomorrow', '2026-03-16', 'EXPIRING'],
      ['ends in exactly 30 days', '2026-04-14', 'EXPIRING'],
      ['ends in 31 days', '2026-04-15', 'VALID'],
      ['ends in a year', '2027-03-15', 'VALID'],
    ])('%s (%s) → %s', (_label, expiresOn, status) =>
      expect(workAuthorization({ citizenship: 'UZ', documents: [patent(expiresOn)], today: TODAY })).toBe(status),
    );
  });

  describe('UTC day arithmetic across months, leap years and years', () => {
    it.each<[string, string, WorkAuthorization]>([
      ['2026-02-28', '2026-03-30', 'EXPIRING'], // 30 days, no 29 February in 2026
      ['2026-02-28', '2026-03-31', 'VALID'],
      ['2028-02-28', '2028-03-29', 'EXPIRING'], // 30 days through 29 February 2028
      ['2028-02-28', '2028-03-30', 'VALID'],
      ['2026-12-15', '2027-01-14', 'EXPIRING'],
      ['2026-12-15', '2027-01-15', 'VALID'],
      ['2026-03-29', '2026-04-28', 'EXPIRING'], // across the European DST change: no time zones involved
      ['2026-03-29', '2026-04-29', 'VALID'],
      ['2027-01-01', '2026-12-31', 'EXPIRED'],
    ])('today %s, end %s → %s', (today, expiresOn, status) =>
      expect(workAuthorization({ citizenship: 'CN', documents: [permit(expiresOn)], today })).toBe(status),
    );
  });

  describe('window', () => {
    it.each<[number | undefined, string, WorkAuthorization]>([
      [undefined, '2026-04-14', 'EXPIRING'],
      [30, '2026-04-15', 'VALID'],
      [60, '2026-04-15', 'EXPIRING'],
      [60, '2026-05-14', 'EXPIRING'],
      [60, '2026-05-15', 'VALID'],
      [0, '2026-03-15', 'EXPIRING'], // ends today: never VALID with no margin left
      [0, '2026-03-16', 'VALID'],
    ])('expiringWithinDays %j, end %s → %s', (expiringWithinDays, expiresOn, status) =>
      expect(workAuthorization({ citizenship: 'TJ', documents: [patent(expiresOn)], today: TODAY, expiringWithinDays })).toBe(status),
    );
  });

  describe('patent: paid period', () => {
    it.each<[string, string | null, string | null | undefined, WorkAuthorization, string | null]>([
      ['paidUntil earlier than expiry wins', '2026-12-31', '2026-03-31', 'EXPIRING', '2026-03-31'],
      ['paidUntil earlier and already past → lapsed', '2026-12-31', '2026-03-14', 'EXPIRED', '2026-03-14'],
      ['paid through today', '2026-12-31', '2026-03-15', 'EXPIRING', '2026-03-15'],
      ['paid well ahead', '2026-12-31', '2026-06-30', 'VALID', '2026-06-30'],
      ['paidUntil later than expiry: expiry wins', '2026-03-20', '2026-12-31', 'EXPIRING', '2026-03-20'],
      ['paidUntil null → expiry', '2026-12-31', null, 'VALID', '2026-12-31'],
      ['paidUntil absent → expiry', '2026-12-31', undefined, 'VALID', '2026-12-31'],
      ['no expiry recorded → paidUntil', null, '2026-04-01', 'EXPIRING', '2026-04-01'],
      ['no dates at all → cannot vouch: MISSING', null, null, 'MISSING', null],
    ])('%s', (_label, expiresOn, paidUntil, status, validUntil) =>
      expect(assessWorkAuthorization({ citizenship: 'UZ', documents: [patent(expiresOn, paidUntil)], today: TODAY })).toEqual({
        regime: 'PATENT',
        status,
        validUntil,
      }),
    );

    it('paidUntil on a work permit is not a thing and is ignored', () =>
      expect(workAuthorization({ citizenship: 'VN', documents: [{ ...permit('2026-12-31'), paidUntil: '2026-03-01' }], today: TODAY })).toBe('VALID'));
  });

  describe('which document is current', () => {
    it.each<[string, string, AuthorizationDocument[], WorkAuthorization]>([
      ['no documents', 'UZ', [], 'MISSING'],
      ['only unrelated documents', 'UZ', [{ type: 'PASSPORT', status: 'VALID', expiresOn: '2030-01-01' }], 'MISSING'],
      ['superseded patent ignored, current one expired', 'UZ', [patent('2027-01-01', null, { status: 'SUPERSEDED' }), patent('2026-03-01')], 'EXPIRED'],
      ['superseded patent ignored, current one valid', 'UZ', [patent('2026-03-01', null, { status: 'SUPERSEDED' }), patent('2027-01-01')], 'VALID'],
      ['only a superseded patent', 'UZ', [patent('2027-01-01', null, { status: 'SUPERSEDED' })], 'MISSING'],
      ['revoked patent', 'TJ', [patent('2027-01-01', null, { status: 'REVOKED' })], 'MISSING'],
      ['two valid patents (renewal not superseded): the longer one', 'UZ', [patent('2026-03-01'), patent('2026-04-01')], 'EXPIRING'],
      ['patent holder with only a work permit', 'UZ', [permit('2027-01-01')], 'MISSING'],
      ['visa-regime worker (CN) uses the work permit', 'CN', [permit('2027-01-01')], 'VALID'],
      ['visa-regime worker (VN) with an expired work permit', 'VN', [permit('2026-03-14')], 'EXPIRED'],
      ['visa-regime worker with only a patent', 'VN', [patent('2027-01-01')], 'MISSING'],
      ['visa-regime worker, superseded permit ignored', 'CN', [permit('2027-01-01', { status: 'SUPERSEDED' }), permit('2026-04-01')], 'EXPIRING'],
      ['document not yet in force today', 'UZ', [patent('2027-01-01', null, { issuedOn: '2026-03-16' })], 'MISSING'],
      ['document in force from today', 'UZ', [patent('2027-01-01', null, { issuedOn: '2026-03-15' })], 'VALID'],
    ])('%s → %s', (_label, citizenship, documents, status) => expect(workAuthorization({ citizenship, documents, today: TODAY })).toBe(status));
  });

  describe('EAEU and Russian citizens need nothing', () => {
    it.each(['KG', 'KZ', 'AM', 'BY', 'RU'])('%s with no documents → NOT_REQUIRED', (citizenship) =>
      expect(assessWorkAuthorization({ citizenship, documents: [], today: TODAY })).toEqual({
        regime: 'EAEU',
        status: 'NOT_REQUIRED',
        validUntil: null,
      }),
    );

    it('a KG worker holding an expired patent still needs nothing', () =>
      expect(workAuthorization({ citizenship: 'KG', documents: [patent('2020-01-01')], today: TODAY })).toBe('NOT_REQUIRED'));

    it('follows admin-edited lists', () => {
      const regimes = { visaFree: [...DEFAULT_VISA_FREE_COUNTRIES, 'GE'] };
      expect(workAuthorization({ citizenship: 'GE', documents: [patent('2027-01-01')], today: TODAY })).toBe('MISSING');
      expect(workAuthorization({ citizenship: 'GE', documents: [patent('2027-01-01')], today: TODAY, regimes })).toBe('VALID');
    });
  });

  describe('bad input is refused, not guessed', () => {
    it.each(['2026-02-30', '15.03.2026', '2026-3-15', '2026-03-15T00:00:00Z', '', '0050-01-01'])('today %j', (today) =>
      expect(() => workAuthorization({ citizenship: 'UZ', documents: [], today })).toThrow(RangeError),
    );

    it('a malformed document date', () =>
      expect(() => workAuthorization({ citizenship: 'UZ', documents: [patent('31/12/2026')], today: TODAY })).toThrow(RangeError));

    it.each([-1, 1.5, Number.NaN])('expiringWithinDays %p', (expiringWithinDays) =>
      expect(() => workAuthorization({ citizenship: 'UZ', documents: [], today: TODAY, expiringWithinDays })).toThrow(RangeError),
    );
  });
});

describe('coverDates: what the dossier row keeps of its papers', () => {
  const none = { PATENT: null, WORK_PERMIT: null };
  it.each<[string, AuthorizationDocument[], CoverDates]>([
    ['no papers', [], none],
    ['only unrelated documents', [{ type: 'PASSPORT', status: 'VALID', expiresOn: '2030-01-01' }], none],
    ['a patent paid up to before its expiry', [patent('2026-12-31', '2026-04-30')], { PATENT: '2026-04-30', WORK_PERMIT: null }],
    ['a patent with no payment recorded', [patent('2026-12-31')], { PATENT: '2026-12-31', WORK_PERMIT: null }],
    [
      'both kinds, whatever the regime',
      [patent('2026-12-31'), permit('2027-06-30', { paidUntil: '2026-01-01' })],
      { PATENT: '2026-12-31', WORK_PERMIT: '2027-06-30' },
    ],
    [
      'superseded and revoked ones are history',
      [patent('2028-01-01', null, { status: 'SUPERSEDED' }), permit('2028-01-01', { status: 'REVOKED' }), patent('2026-05-01')],
      { PATENT: '2026-05-01', WORK_PERMIT: null },
    ],
    ['two valid patents: the longer one', [patent('2026-03-01'), patent('2026-04-01')], { PATENT: '2026-04-01', WORK_PERMIT: null }],
    ['no end date: cannot vouch for it', [patent(null, null)], none],
    // never recorded before its issue day (documentProblems), so in force from its recording on
    ['the issue date is not looked at', [patent('2027-01-01', null, { issuedOn: '2026-03-16' })], { PATENT: '2027-01-01', WORK_PERMIT: null }],
  ])('%s', (_label, documents, cover) => expect(coverDates(documents)).toEqual(cover));
});

describe('the cover dates give the answer the documents give', () => {
  const TODAY = '2026-03-15';
  const papers: AuthorizationDocument[][] = [
    [],
    [patent('2026-03-14')],
    [patent('2026-12-31', '2026-03-31')],
    [patent('2027-01-01')],
    [permit('2026-04-14')],
    [permit('2026-04-15'), patent('2025-01-01')],
    [patent('2026-03-01', null, { status: 'SUPERSEDED' }), patent('2027-01-01', null, { issuedOn: '2026-03-15' })],
    [permit('2026-03-15', { status: 'REVOKED' }), permit(null)],
  ];
  it.each(papers.flatMap((documents) => ['KG', 'RU', 'UZ', 'TJ', 'CN', 'XX'].map((citizenship) => [citizenship, documents] as const)))(
    '%s with %j',
    (citizenship, documents) =>
      expect(workAuthorizationFrom(citizenship, coverDates(documents), TODAY)).toEqual(assessWorkAuthorization({ citizenship, documents, today: TODAY })),
  );
});

describe('validUntilRange: the last covered days of each value', () => {
  it.each<[Parameters<typeof validUntilRange>[0], number | undefined, ValidUntilRange]>([
    ['MISSING', undefined, { none: true }],
    ['EXPIRED', undefined, { to: '2026-03-14' }],
    ['EXPIRING', undefined, { from: '2026-03-15', to: '2026-04-14' }],
    ['VALID', undefined, { from: '2026-04-15' }],
    ['EXPIRING', 0, { from: '2026-03-15', to: '2026-03-15' }],
    ['VALID', 0, { from: '2026-03-16' }],
    ['EXPIRING', 60, { from: '2026-03-15', to: '2026-05-14' }],
  ])('%s (window %p)', (status, expiringWithinDays, range) => expect(validUntilRange(status, '2026-03-15', { expiringWithinDays })).toEqual(range));

  it('refuses a bad day or window', () => {
    expect(() => validUntilRange('VALID', '2026-02-30')).toThrow(RangeError);
    expect(() => validUntilRange('VALID', '2026-03-15', { expiringWithinDays: -1 })).toThrow(RangeError);
  });
});

describe('workAuthorizationFilter agrees with the classification', () => {
  const TODAY = '2026-03-15';
  const VALUES: WorkAuthorization[] = ['NOT_REQUIRED', 'VALID', 'EXPIRING', 'EXPIRED', 'MISSING'];
  const CITIZENSHIPS = ['KG', 'AM', 'RU', 'UZ', 'TJ', 'GE', 'CN', 'XX'];
  const DAYS = [
    null,
    '2020-01-01',
    '2026-03-13',
    '2026-03-14',
    '2026-03-15',
    '2026-03-16',
    '2026-04-13',
    '2026-04-14',
    '2026-04-15',
    '2026-04-16',
    '2026-05-14',
    '2026-05-15',
    '2030-01-01',
  ];

  /** What the repository's SQL does with a branch: a bound on a null date is not met, `none` is `IS NULL`. */
  const within = (day: string | null, range: ValidUntilRange) =>
    range.none ? day === null : day !== null && (range.from === undefined || day >= range.from) && (range.to === undefined || day <= range.to);
  const passes = (branches: WorkAuthorizationBranch[], citizenship: string, cover: CoverDates) =>
    branches.some(
      (b) =>
        ('in' in b.citizenship ? b.citizenship.in.includes(citizenship) : !b.citizenship.notIn.includes(citizenship)) &&
        (!b.validUntil || within(cover[b.validUntil.document], b.validUntil.range)),
    );

  it.each<[string, AuthorizationOptions]>([
    ['defaults', {}],
    ['no margin', { expiringWithinDays: 0 }],
    ['a 60-day window', { expiringWithinDays: 60 }],
    ['edited lists', { regimes: { eaeu: ['KG', 'uz'], visaFree: ['UZ', 'TJ', 'ge', 'AM'] } }],
  ])('every dossier passes the filter of exactly its own value (%s)', (_label, options) => {
    const filters = VALUES.map((value) => [value, workAuthorizationFilter(value, TODAY, options)] as const);
    const wrong: string[] = [];
    for (const citizenship of CITIZENSHIPS) {
      for (const p of DAYS) {
        for (const w of DAYS) {
          const cover = { PATENT: p, WORK_PERMIT: w };
          const expected = workAuthorizationFrom(citizenship, cover, TODAY, options).status;
          const got = filters.filter(([, branches]) => passes(branches, citizenship, cover)).map(([value]) => value);
          if (got.length !== 1 || got[0] !== expected) wrong.push(`${citizenship} patent ${p} permit ${w}: ${expected}, filters ${got.join(',')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the citizenships of each regime once, in order (a stable statement)', () =>
    expect(workAuthorizationFilter('EXPIRING', TODAY)).toEqual([
      { citizenship: { in: ['AZ', 'MD', 'TJ', 'UA', 'UZ'] }, validUntil: { document: 'PATENT', range: { from: '2026-03-15', to: '2026-04-14' } } },
      {
        citizenship: { notIn: ['AM', 'AZ', 'BY', 'KG', 'KZ', 'MD', 'RU', 'TJ', 'UA', 'UZ'] },
        validUntil: { document: 'WORK_PERMIT', range: { from: '2026-03-15', to: '2026-04-14' } },
      },
    ]));

  it('NOT_REQUIRED is the EAEU and Russia, whatever the papers', () =>
    expect(workAuthorizationFilter('NOT_REQUIRED', TODAY)).toEqual([{ citizenship: { in: ['AM', 'BY', 'KG', 'KZ', 'RU'] } }]));
});
