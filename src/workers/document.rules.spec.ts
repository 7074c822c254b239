import {
  DOCUMENT_RULES,
  DOCUMENT_TYPES,
  DocumentInput,
  DocumentProblem,
  DocumentType,
  addMonths,
  documentProblems,
  isDocumentType,
  isIsoDate,
  supersedeProblem,
  validateSnils,
} from './document.rules';

const TODAY = '2026-03-15';

/** A complete, valid document of each type for a worker of the matching regime. */
const VALID: Record<DocumentType, Omit<DocumentInput, 'today'>> = {
  PASSPORT: { type: 'PASSPORT', number: 'FA1234567', issuedOn: '2020-05-01', expiresOn: '2030-04-30', citizenship: 'UZ' },
  MIGRATION_CARD: { type: 'MIGRATION_CARD', number: '4619 1234567', issuedOn: '2026-01-10', expiresOn: '2026-04-09', citizenship: 'UZ' },
  REGISTRATION_NOTICE: { type: 'REGISTRATION_NOTICE', issuedOn: '2026-01-14', expiresOn: '2026-04-09', citizenship: 'TJ' },
  PATENT: {
    type: 'PATENT',
    number: '55 2400123456',
    issuedOn: '2026-02-01',
    expiresOn: '2027-02-01',
    issuer: 'УВМ УМВД России по Омской области',
    citizenship: 'UZ',
  },
  WORK_PERMIT: {
    type: 'WORK_PERMIT',
    number: '5524 000123',
    issuedOn: '2026-02-01',
    expiresOn: '2027-01-31',
    issuer: 'УВМ УМВД России по Омской области',
    citizenship: 'CN',
  },
  MEDICAL_CERTIFICATE: { type: 'MEDICAL_CERTIFICATE', issuedOn: '2026-01-20', expiresOn: '2027-01-20', issuer: 'БУЗОО КПТД', citizenship: 'KG' },
  FINGERPRINT_RECORD: { type: 'FINGERPRINT_RECORD', issuedOn: '2026-01-20', citizenship: 'KG' },
  LANGUAGE_CERTIFICATE: {
    type: 'LANGUAGE_CERTIFICATE',
    number: 'ТР-55-000123',
    issuedOn: '2025-12-01',
    expiresOn: '2028-12-01',
    issuer: 'ОмГУ',
    citizenship: 'TJ',
  },
  VMI_POLICY: { type: 'VMI_POLICY', number: 'ДМС-001234', issuedOn: '2026-02-01', expiresOn: '2027-01-31', issuer: 'АО «СОГАЗ»', citizenship: 'UZ' },
  LABOUR_CONTRACT: { type: 'LABOUR_CONTRACT', issuedOn: '2026-02-10', citizenship: 'KZ' },
  INN: { type: 'INN', number: '500100732259', citizenship: 'UZ' },
  SNILS: { type: 'SNILS', number: '112-233-445 95', citizenship: 'KG' },
};

const check = (type: DocumentType, patch: Partial<DocumentInput> = {}) => documentProblems({ ...VALID[type], today: TODAY, ...patch });
const fields = (problems: DocumentProblem[]) => problems.map((p) => p.field);

describe('DOCUMENT_TYPES and DOCUMENT_RULES', () => {
  it('has a rule for every type and nothing else', () => {
    expect(Object.keys(DOCUMENT_RULES).sort()).toEqual([...DOCUMENT_TYPES].sort());
    expect(DOCUMENT_TYPES).toHaveLength(12);
  });

  it.each<[DocumentType, Partial<(typeof DOCUMENT_RULES)[DocumentType]>]>([
    ['PASSPORT', { numberRequired: true, expiryRequired: true }],
    ['MIGRATION_CARD', { numberRequired: true, expiryRequired: true }],
    ['REGISTRATION_NOTICE', { expiryRequired: true }],
    ['PATENT', { numberRequired: true, expiryRequired: true, maxValidityMonths: 12, regimes: ['PATENT'] }],
    ['WORK_PERMIT', { expiryRequired: true, regimes: ['VISA'] }],
    ['MEDICAL_CERTIFICATE', { health: true, expiryRequired: true, maxValidityMonths: 12 }],
    ['FINGERPRINT_RECORD', { expiryRequired: false }],
    ['LANGUAGE_CERTIFICATE', { expiryRequired: true, maxValidityMonths: 36, regimes: ['PATENT', 'VISA'] }],
    ['VMI_POLICY', { expiryRequired: true }],
    ['LABOUR_CONTRACT', { expiryRequired: false }],
    ['INN', { numberRequired: true, expiryRequired: false }],
    ['SNILS', { numberRequired: true, expiryRequired: false }],
  ])('%s has %j', (type, expected) => expect(DOCUMENT_RULES[type]).toMatchObject(expected));

  it.each<[string, boolean]>([
    ['PATENT', true],
    ['SNILS', true],
    ['patent', false], // exact enum values only
    ['VISA', false],
    ['', false],
  ])('isDocumentType(%j) → %s', (type, expected) => expect(isDocumentType(type)).toBe(expected));
});

describe('isIsoDate and addMonths', () => {
  it.each<[unknown, boolean]>([
    ['2026-03-15', true],
    ['2024-02-29', true], // leap year
    ['2000-02-29', true], // divisible by 400
    ['2026-02-29', false],
    ['1900-02-29', false], // divisible by 100, not 400
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-3-15', false],
    ['15.03.2026', false],
    ['2026-03-15T00:00:00Z', false],
    ['', false],
    [null, false],
    [20260315, false],
  ])('isIsoDate(%j) → %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));

  it.each<[string, number, string]>([
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-01-31', 1, '2026-02-28'], // end of month: the last day of the shorter month
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-02-28', 12, '2024-02-28'], // the same day, not the end of the month
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-31', 36, '2029-05-31'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', 0, '2026-01-15'],
  ])('addMonths(%s, %d) → %s', (iso, months, expected) => expect(addMonths(iso, months)).toBe(expected));

  it.each<[string, number]>([
    ['2026-02-30', 1],
    ['nope', 1],
    ['2026-01-15', 1.5],
  ])('addMonths(%j, %d) throws', (iso, months) => expect(() => addMonths(iso, months)).toThrow(RangeError));
});

describe('validateSnils', () => {
  it.each<[string, boolean, string]>([
    ['112-233-445 95', true, 'sum 95 < 100: the check number is the sum'],
    ['11223344595', true, 'without separators'],
    ['112-233-445-95', true, 'hyphen before the check number'],
    ['112233445 95', true, 'space only'],
    [' 112-233-445 95 ', true, 'surrounding blanks ignored'],
    ['112-233-445 96', false, 'wrong check number'],
    ['112-233-454 95', false, 'two digits swapped'],
    ['087-654-303 00', true, 'sum 202 > 101: 202 mod 101 = 0 → 00'],
    ['087-654-303 02', false, 'the unreduced remainder is not accepted'],
    ['026-002-389 00', true, 'sum 100 → 00'],
    ['026-002-389 99', false, 'sum 100 is not 99'],
    ['030-214-884 00', true, 'sum 101 → 00'],
    ['030-214-884 01', false, 'sum 101 is not 01'],
    ['543-546-368 00', true, 'sum 201: 201 mod 101 = 100 → 00'],
    ['110-767-574 49', true, 'sum 150: 150 mod 101 = 49'],
    ['222-333-444 16', true, 'sum 117: 117 mod 101 = 16'],
    ['123-456-789 64', true, 'sum 165: 165 mod 101 = 64'],
    ['123-456-789 65', false, 'off by one'],
    ['001-001-998 12', true, 'at the limit 001-001-998: not checked'],
    ['000-000-001 99', true, 'below the limit: not checked'],
    ['001-001-999 12', false, 'just above the limit: checked (sum 65)'],
    ['001-001-999 65', true, 'just above the limit, correct'],
    ['112-233-445', false, 'no check number'],
    ['112-233-445 9', false, 'one-digit check number'],
    ['112-233-4455 95', false, 'too many digits'],
    ['112.233.445 95', false, 'dots are not separators'],
    ['abc-def-ghi jk', false, 'not digits'],
    ['', false, 'empty'],
  ])('%j → %s (%s)', (snils, expected) => expect(validateSnils(snils)).toBe(expected));
});

describe('documentProblems', () => {
  it.each(DOCUMENT_TYPES)('a complete %s has no problems', (type) => expect(check(type)).toEqual([]));

  describe('type', () => {
    it.each<[string]>([['VISA'], ['patent'], [''], ['DRIVING_LICENCE']])('unknown type %j → a problem on type', (type) => {
      const problems = documentProblems({ type, citizenship: 'UZ', today: TODAY });
      expect(problems).toEqual([{ field: 'type', message: expect.stringContaining('must be one of PASSPORT') }]);
    });

    it('an unknown type still gets its dates checked', () => {
      const problems = documentProblems({ type: 'X', issuedOn: '2026-04-01', expiresOn: '2026-02-30', citizenship: 'UZ', today: TODAY });
      expect(fields(problems)).toEqual(['type', 'expiresOn', 'issuedOn']);
    });

    it.each<[DocumentType, string, boolean, string]>([
      ['PATENT', 'UZ', true, ''],
      ['PATENT', 'TJ', true, ''],
      ['PATENT', 'KG', false, 'EAEU'],
      ['PATENT', 'KZ', false, 'EAEU'],
      ['PATENT', 'BY', false, 'EAEU'],
      ['PATENT', 'RU', false, 'EAEU'],
      ['PATENT', 'CN', false, 'VISA'],
      ['WORK_PERMIT', 'CN', true, ''],
      ['WORK_PERMIT', 'VN', true, ''],
      ['WORK_PERMIT', 'XX', true, ''], // unknown citizenship → visa regime
      ['WORK_PERMIT', 'UZ', false, 'PATENT'],
      ['WORK_PERMIT', 'KG', false, 'EAEU'],
      ['LANGUAGE_CERTIFICATE', 'UZ', true, ''],
      ['LANGUAGE_CERTIFICATE', 'CN', true, ''], // also needed for a work permit
      ['LANGUAGE_CERTIFICATE', 'AM', false, 'EAEU'],
      ['PASSPORT', 'KG', true, ''],
      ['PASSPORT', 'CN', true, ''],
      ['MEDICAL_CERTIFICATE', 'UZ', true, ''],
      ['VMI_POLICY', 'CN', true, ''],
      ['SNILS', 'UZ', true, ''],
    ])('%s for a citizen of %s: fits = %s', (type, citizenship, fits, regime) => {
      const typeProblems = check(type, { citizenship }).filter((p) => p.field === 'type');
      if (fits) {
        expect(typeProblems).toEqual([]);
      } else {
        expect(typeProblems).toHaveLength(1);
        expect(typeProblems[0].message).toContain(`${regime} regime`);
        expect(typeProblems[0].message).toContain(`citizenship ${citizenship}`);
      }
    });

    it.each<[DocumentType, string, string]>([
      ['PATENT', 'KG', 'a PATENT does not apply under the EAEU regime (citizenship KG); it is for the PATENT regime; EAEU citizens need no work authorisation'],
      ['PATENT', 'CN', 'a PATENT does not apply under the VISA regime (citizenship CN); it is for the PATENT regime; this worker needs a WORK_PERMIT'],
      ['WORK_PERMIT', 'UZ', 'a WORK_PERMIT does not apply under the PATENT regime (citizenship UZ); it is for the VISA regime; this worker needs a PATENT'],
      [
        'LANGUAGE_CERTIFICATE',
        'kz',
        'a LANGUAGE_CERTIFICATE does not apply under the EAEU regime (citizenship KZ); ' +
          'it is for the PATENT/VISA regime; EAEU citizens need no work authorisation',
      ],
    ])('%s for %s: the message names the regime', (type, citizenship, message) => {
      expect(check(type, { citizenship })).toEqual([{ field: 'type', message }]);
    });

    it('uses the country lists passed in (reference data)', () => {
      expect(check('PATENT', { citizenship: 'GE', regimes: { visaFree: ['GE', 'UZ'] } })).toEqual([]);
      expect(fields(check('PATENT', { citizenship: 'UZ', regimes: { visaFree: ['TJ'] } }))).toEqual(['type']);
    });
  });

  describe('number', () => {
    it.each<[DocumentType, string | null | undefined]>([
      ['PASSPORT', null],
      ['PASSPORT', undefined],
      ['PASSPORT', ''],
      ['PASSPORT', '   '],
      ['MIGRATION_CARD', null],
      ['PATENT', null],
      ['WORK_PERMIT', null],
      ['LANGUAGE_CERTIFICATE', null],
      ['VMI_POLICY', null],
      ['INN', null],
      ['SNILS', ''],
    ])('%s with number %j → required', (type, number) => {
      expect(check(type, { number })).toEqual([{ field: 'number', message: `is required for ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}` }]);
    });

    it.each<[DocumentType]>([['REGISTRATION_NOTICE'], ['MEDICAL_CERTIFICATE'], ['FINGERPRINT_RECORD'], ['LABOUR_CONTRACT']])('%s needs no number', (type) =>
      expect(check(type, { number: null })).toEqual([]),
    );

    it.each<[DocumentType, string, boolean]>([
      ['PATENT', '55 2400123456', true],
      ['PATENT', '552400123456', true],
      ['PATENT', '55-2400123456', true],
      ['PATENT', '55 № 2400123456', true],
      ['PATENT', 'ПР 1234567', true], // letter series on older forms
      ['PATENT', 'пр 1234567', true], // case-insensitive
      ['PATENT', ' 55 123456 ', true], // trimmed; 6 digits is the lower bound
      ['PATENT', '55 12345', false], // too short
      ['PATENT', '55 12345678901', false], // too long
      ['PATENT', '5 2400123456', false],
      ['PATENT', '55 24001X3456', false],
      ['INN', '500100732259', true],
      ['INN', '773370857141', true],
      ['INN', '7707083893', false], // an organisation's 10-digit INN
      ['INN', '5001007322590', false],
      ['INN', '50010073225a', false],
      ['SNILS', '112-233-445 95', true],
      ['SNILS', '11223344595', true],
      ['SNILS', '112 233 445 95', false], // spaces only before the check number
      ['SNILS', '112-233-445', false],
    ])('%s number %j matches its pattern: %s', (type, number, ok) => {
      const problems = check(type, { number });
      if (ok) expect(problems).toEqual([]);
      else expect(problems).toEqual([{ field: 'number', message: expect.stringMatching(/^does not look like an? \w+ number$/) }]);
    });

    it.each<[DocumentType, string, string]>([
      ['INN', '500100732258', 'is not a valid INN: the check digits do not match'],
      ['INN', '500100732269', 'is not a valid INN: the check digits do not match'],
      ['SNILS', '112-233-445 96', 'is not a valid SNILS: the check number does not match'],
      ['SNILS', '123-456-789 65', 'is not a valid SNILS: the check number does not match'],
    ])('%s %s fails its check digits', (type, number, message) => {
      expect(check(type, { number })).toEqual([{ field: 'number', message }]);
    });

    it.each<[string]>([['087-654-303 00'], ['001-001-998 12'], ['222-333-444 16']])('SNILS %s is accepted', (number) =>
      expect(check('SNILS', { number })).toEqual([]),
    );
  });

  describe('issuer', () => {
    it.each<[DocumentType, boolean]>([
      ['PATENT', true],
      ['WORK_PERMIT', true],
      ['MEDICAL_CERTIFICATE', true],
      ['LANGUAGE_CERTIFICATE', true],
      ['VMI_POLICY', true],
      ['PASSPORT', false],
      ['LABOUR_CONTRACT', false],
      ['SNILS', false],
    ])('%s without an issuer → problem: %s', (type, required) => {
      for (const issuer of [null, undefined, '', '  ']) {
        expect(check(type, { issuer })).toEqual(required ? [{ field: 'issuer', message: expect.stringContaining('is required') }] : []);
      }
    });
  });

  describe('dates', () => {
    it.each<[string, Partial<DocumentInput>, string[]]>([
      ['issued today', { issuedOn: TODAY }, []],
      ['issued yesterday', { issuedOn: '2026-03-14' }, []],
      ['issued tomorrow', { issuedOn: '2026-03-16' }, ['issuedOn']],
      ['issued next year', { issuedOn: '2027-03-15', expiresOn: '2027-06-01' }, ['issuedOn']],
      ['no issue date', { issuedOn: null }, []],
      ['blank issue date', { issuedOn: '' }, []],
      ['expires the day after issue', { issuedOn: '2026-03-01', expiresOn: '2026-03-02' }, []],
      ['expires the same day as issued', { issuedOn: '2026-03-01', expiresOn: '2026-03-01' }, ['expiresOn']],
      ['expires before issue', { issuedOn: '2026-03-01', expiresOn: '2026-02-28' }, ['expiresOn']],
      ['already expired (history is fine)', { issuedOn: '2020-01-01', expiresOn: '2025-01-01' }, []],
      ['expiry missing', { expiresOn: null }, ['expiresOn']],
      ['expiry blank', { expiresOn: '  ' }, ['expiresOn']],
      ['malformed issue date', { issuedOn: '01.02.2026' }, ['issuedOn']],
      ['impossible issue date', { issuedOn: '2026-02-29' }, ['issuedOn']],
      ['malformed expiry', { expiresOn: '2030-13-01' }, ['expiresOn']],
      ['date-time instead of a date', { expiresOn: '2030-04-30T00:00:00Z' }, ['expiresOn']],
      ['both malformed', { issuedOn: 'yesterday', expiresOn: 'never' }, ['issuedOn', 'expiresOn']],
    ])('PASSPORT %s → %j', (_label, patch, expected) => expect(fields(check('PASSPORT', patch))).toEqual(expected));

    it('a malformed date is reported, never thrown', () => {
      expect(() => check('PATENT', { issuedOn: 'garbage', expiresOn: '2026-02-30' })).not.toThrow();
      expect(check('PATENT', { issuedOn: 'garbage' })).toEqual([{ field: 'issuedOn', message: 'must be an ISO date (YYYY-MM-DD) that exists, got "garbage"' }]);
    });

    it.each<[DocumentType]>([['FINGERPRINT_RECORD'], ['LABOUR_CONTRACT'], ['INN'], ['SNILS']])('%s needs no expiry', (type) =>
      expect(check(type, { expiresOn: null })).toEqual([]),
    );

    it.each(DOCUMENT_TYPES.filter((t) => DOCUMENT_RULES[t].expiryRequired))('%s requires an expiry', (type) =>
      expect(check(type, { expiresOn: null })).toEqual([{ field: 'expiresOn', message: expect.stringContaining('is required') }]),
    );

    it('a malformed today is a programming error and throws', () => {
      expect(() => check('PASSPORT', { today: '15.03.2026' })).toThrow(RangeError);
    });
  });

  describe('maximum validity', () => {
    it.each<[DocumentType, string, string | null, string, boolean]>([
      ['PATENT', TODAY, TODAY, '2027-03-15', true], // issued today, exactly 12 months
      ['PATENT', TODAY, TODAY, '2027-03-16', false], // 12 months + 1 day
      ['PATENT', TODAY, '2026-01-15', '2027-01-15', true],
      ['PATENT', TODAY, '2026-01-15', '2027-01-16', false],
      ['PATENT', TODAY, '2026-01-15', '2026-02-15', true], // one month
      ['PATENT', '2024-03-01', '2024-02-29', '2025-02-28', true], // leap day: end of the shorter month
      ['PATENT', '2024-03-01', '2024-02-29', '2025-03-01', false],
      ['PATENT', '2025-09-01', '2025-08-31', '2026-08-31', true],
      ['PATENT', '2025-09-01', '2025-08-31', '2026-09-01', false],
      ['MEDICAL_CERTIFICATE', TODAY, '2026-01-20', '2027-01-20', true],
      ['MEDICAL_CERTIFICATE', TODAY, '2026-01-20', '2027-01-21', false],
      ['LANGUAGE_CERTIFICATE', TODAY, '2025-12-01', '2028-12-01', true], // 36 months
      ['LANGUAGE_CERTIFICATE', TODAY, '2025-12-01', '2028-12-02', false],
      ['LANGUAGE_CERTIFICATE', TODAY, '2021-05-31', '2024-05-31', true], // expired long ago: still fine as history
      ['PASSPORT', TODAY, '2020-05-01', '2040-04-30', true], // no limit
      ['VMI_POLICY', TODAY, '2026-02-01', '2028-01-31', true], // no limit
      // Without an issue date the document was issued on or before today: today + max bounds it.
      ['PATENT', TODAY, null, '2027-03-15', true],
      ['PATENT', TODAY, null, '2027-03-16', false],
      ['LANGUAGE_CERTIFICATE', TODAY, null, '2029-03-15', true],
      ['LANGUAGE_CERTIFICATE', TODAY, null, '2029-03-16', false],
    ])('%s (today %s) issued %s, expiring %s: ok = %s', (type, today, issuedOn, expiresOn, ok) => {
      const problems = check(type, { today, issuedOn, expiresOn });
      expect(problems).toEqual(ok ? [] : [{ field: 'expiresOn', message: expect.stringContaining('is valid for at most') }]);
    });

    it('names the limit and the last allowed day', () => {
      expect(check('PATENT', { issuedOn: '2026-01-31', expiresOn: '2027-02-01' })).toEqual([
        { field: 'expiresOn', message: 'a PATENT is valid for at most 12 months: issued on 2026-01-31, it must expire on or before 2027-01-31' },
      ]);
      expect(check('MEDICAL_CERTIFICATE', { issuedOn: null, expiresOn: '2028-01-01' })).toEqual([
        {
          field: 'expiresOn',
          message: 'a MEDICAL_CERTIFICATE is valid for at most 12 months: issued on or before today, it must expire on or before 2027-03-15',
        },
      ]);
    });

    it('an expiry before the issue date is one problem, not two', () => {
      expect(check('PATENT', { issuedOn: '2026-03-01', expiresOn: '2026-03-01' })).toEqual([
        { field: 'expiresOn', message: 'must be after issuedOn (2026-03-01)' },
      ]);
    });

    it('an issue date in the future: the limit counts from today', () => {
      expect(check('PATENT', { issuedOn: '2026-04-01', expiresOn: '2027-03-20' })).toEqual([
        { field: 'issuedOn', message: 'is in the future (today is 2026-03-15)' },
        { field: 'expiresOn', message: expect.stringContaining('on or before 2027-03-15') },
      ]);
    });
  });

  describe('all problems at once', () => {
    it('a patent for a Kyrgyz citizen, without number nor issuer, issued tomorrow, too long', () => {
      expect(
        documentProblems({
          type: 'PATENT',
          number: '',
          issuer: null,
          issuedOn: '2026-03-16',
          expiresOn: '2027-03-17',
          citizenship: 'KG',
          today: TODAY,
        }),
      ).toEqual([
        { field: 'type', message: expect.stringContaining('EAEU regime') },
        { field: 'number', message: 'is required for a PATENT' },
        { field: 'issuer', message: 'is required for a PATENT' },
        { field: 'issuedOn', message: 'is in the future (today is 2026-03-15)' },
        { field: 'expiresOn', message: expect.stringContaining('at most 12 months') },
      ]);
    });

    it('a work permit for an Uzbek citizen with a blank issuer and an impossible issue date', () => {
      expect(fields(check('WORK_PERMIT', { citizenship: 'UZ', issuer: ' ', issuedOn: '2026-02-30', expiresOn: '2026-01-01' }))).toEqual([
        'type',
        'issuer',
        'issuedOn',
      ]);
    });

    it('an INN with a bad checksum and a malformed issue date', () => {
      expect(check('INN', { number: '500100732258', issuedOn: '2026/01/01' })).toEqual([
        { field: 'number', message: 'is not a valid INN: the check digits do not match' },
        { field: 'issuedOn', message: expect.stringContaining('must be an ISO date') },
      ]);
    });

    it('a medical certificate missing everything', () => {
      expect(fields(check('MEDICAL_CERTIFICATE', { issuer: null, expiresOn: null, issuedOn: '2026-12-01' }))).toEqual(['issuer', 'issuedOn', 'expiresOn']);
    });
  });
});

describe('supersedeProblem', () => {
  const W1 = '11111111-1111-4111-8111-111111111111';
  const W2 = '22222222-2222-4222-8222-222222222222';

  it.each<[string, { type: string; status: string; workerId: string }, { type: string; workerId: string }, string | null]>([
    ['a valid patent renewed by a patent', { type: 'PATENT', status: 'VALID', workerId: W1 }, { type: 'PATENT', workerId: W1 }, null],
    ['a valid passport renewed by a passport', { type: 'PASSPORT', status: 'VALID', workerId: W1 }, { type: 'PASSPORT', workerId: W1 }, null],
    ['another type', { type: 'PATENT', status: 'VALID', workerId: W1 }, { type: 'WORK_PERMIT', workerId: W1 }, 'is a PATENT; a WORK_PERMIT cannot renew it'],
    [
      'another type (article)',
      { type: 'INN', status: 'VALID', workerId: W1 },
      { type: 'MEDICAL_CERTIFICATE', workerId: W1 },
      'is an INN; a MEDICAL_CERTIFICATE cannot renew it',
    ],
    ['another worker', { type: 'PATENT', status: 'VALID', workerId: W2 }, { type: 'PATENT', workerId: W1 }, "is not one of this worker's documents"],
    [
      'another worker, revealing nothing about it',
      { type: 'PASSPORT', status: 'REVOKED', workerId: W2 },
      { type: 'PATENT', workerId: W1 },
      "is not one of this worker's documents",
    ],
    [
      'already superseded',
      { type: 'PATENT', status: 'SUPERSEDED', workerId: W1 },
      { type: 'PATENT', workerId: W1 },
      'has already been renewed; only a VALID document can be renewed',
    ],
    [
      'revoked',
      { type: 'PATENT', status: 'REVOKED', workerId: W1 },
      { type: 'PATENT', workerId: W1 },
      'has been revoked; only a VALID document can be renewed',
    ],
    [
      'an unknown status',
      { type: 'PATENT', status: 'DRAFT', workerId: W1 },
      { type: 'PATENT', workerId: W1 },
      'is DRAFT; only a VALID document can be renewed',
    ],
  ])('%s', (_label, old, next, message) => {
    expect(supersedeProblem(old, next)).toEqual(message === null ? null : { field: 'supersedes', message });
  });
});
