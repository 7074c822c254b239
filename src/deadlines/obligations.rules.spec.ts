import { SEED_CALENDARS } from '../reference/calendar.data';
import { regimeOf } from '../workers/work-authorization.rules';
import { buildCalendar } from './calendar.rules';
import { DeadlineRule, overlaps, ruleInForce, SEED_DEADLINE_RULES } from './deadline-rules';
import { FactDocument, Obligation, obligationsOf, WorkerFacts } from './obligations.rules';
import { reconcile, StoredDeadline } from './reconcile.rules';

const calendar = buildCalendar(
  SEED_CALENDARS.map((c) => c.year),
  SEED_CALENDARS.flatMap((c) => c.days),
);

const facts = (citizenship: string, more: Partial<WorkerFacts> = {}): WorkerFacts => ({
  workerId: 'w1',
  citizenship,
  regime: regimeOf(citizenship),
  arrivalDate: '2026-03-05',
  documents: [],
  placements: [],
  notifications: [],
  payments: [],
  ...more,
});

const dueByKind = (os: Obligation[]) => Object.fromEntries(os.map((o) => [o.kind, o.dueDate]));

describe('obligations after an arrival on Thursday 5 March 2026, by citizenship', () => {
  it.each([
    // registration: 7 working days skips the weekend and Monday 9 March (moved 8 March)
    ['UZ', { MIGRATION_REGISTRATION: '2026-03-17', MEDICAL_EXAM: '2026-04-04', PATENT_APPLICATION: '2026-04-04' }],
    ['TJ', { MIGRATION_REGISTRATION: '2026-03-20', MEDICAL_EXAM: '2026-04-04', PATENT_APPLICATION: '2026-04-04' }],
    ['KG', { MIGRATION_REGISTRATION: '2026-04-04', MEDICAL_EXAM: '2026-04-04' }],
    ['KZ', { MIGRATION_REGISTRATION: '2026-04-04', MEDICAL_EXAM: '2026-04-04' }],
    ['AM', { MIGRATION_REGISTRATION: '2026-04-04', MEDICAL_EXAM: '2026-04-04' }],
    ['BY', { MIGRATION_REGISTRATION: '2026-04-04', MEDICAL_EXAM: '2026-04-04' }],
    ['CN', { MIGRATION_REGISTRATION: '2026-03-17' }],
  ])('%s', (citizenship, expected) => {
    expect(dueByKind(obligationsOf(facts(citizenship), SEED_DEADLINE_RULES, calendar))).toEqual(expected);
  });

  it('no arrival date, no arrival obligations', () => {
    expect(obligationsOf(facts('UZ', { arrivalDate: null }), SEED_DEADLINE_RULES, calendar)).toEqual([]);
  });

  it('a registration notice, a medical certificate and a patent issued since arrival fulfil them', () => {
    const doc = (id: string, type: string, issuedOn: string): FactDocument => ({
      id,
      type,
      status: 'VALID',
      issuedOn,
      expiresOn: null,
      paidUntil: null,
      supersedesId: null,
    });
    const os = obligationsOf(
      facts('UZ', {
        documents: [doc('r', 'REGISTRATION_NOTICE', '2026-03-10'), doc('m', 'MEDICAL_CERTIFICATE', '2026-03-20'), doc('old', 'PATENT', '2025-01-01')],
      }),
      SEED_DEADLINE_RULES,
      calendar,
    );
    const done = Object.fromEntries(os.filter((o) => o.source.type === 'worker').map((o) => [o.kind, o.done?.id ?? null]));
    expect(done).toEqual({ MIGRATION_REGISTRATION: 'r', MEDICAL_EXAM: 'm', PATENT_APPLICATION: null });
  });
});

describe('obligations from documents and placements', () => {
  const patent: FactDocument = {
    id: 'p',
    type: 'PATENT',
    status: 'VALID',
    issuedOn: '2026-03-20',
    expiresOn: '2027-03-19',
    paidUntil: '2026-04-19',
    supersedesId: null,
  };
  const os = obligationsOf(
    facts('UZ', {
      arrivalDate: null,
      documents: [
        patent,
        { id: 'reg', type: 'REGISTRATION_NOTICE', status: 'VALID', issuedOn: '2026-03-10', expiresOn: '2026-06-30', paidUntil: null, supersedesId: null },
      ],
      placements: [
        { id: 'a', employerId: 'e1', startDate: '2026-06-10', endDate: '2026-11-30', status: 'ENDED' },
        { id: 'b', employerId: 'e2', startDate: '2026-12-01', endDate: null, status: 'ACTIVE' },
      ],
      notifications: [{ id: 'n1', placementId: 'a', kind: 'CONCLUSION', notifiedOn: '2026-06-11' }],
    }),
    SEED_DEADLINE_RULES,
    calendar,
  );
  const byKey = Object.fromEntries(os.map((o) => [o.key, o]));

  it.each([
    ['PATENT_PAYMENT:p:2026-04-19', '2026-04-19', null],
    ['STATUS_CLIFF:patent:p:2026-04-19', '2026-04-09', null],
    ['CONTRACT_COPY:p', '2026-05-20', null],
    ['DOCUMENT_EXPIRY:p:2027-03-19', '2027-03-19', null],
    ['DOCUMENT_EXPIRY:reg:2026-06-30', '2026-06-30', null],
    ['STATUS_CLIFF:registration:reg:2026-06-30', '2026-06-20', null],
    // 10 June + 3 working days: 11, (12–14 June off), 15, 16
    ['CONTRACT_NOTIFICATION:a', '2026-06-16', 'e1'],
    ['CONTRACT_TERMINATION_NOTIFICATION:a', '2026-12-03', 'e1'],
    ['CONTRACT_NOTIFICATION:b', '2026-12-04', 'e2'],
    ['STATUS_CLIFF:placement:a:2026-11-30', '2026-11-20', null],
  ])('%s is due %s (employer %s)', (key, due, employer) => {
    expect(byKey[key]).toMatchObject({ dueDate: due, employerId: employer });
  });

  it('a recorded notice fulfils its notification; the next placement removes the status cliff', () => {
    expect(byKey['CONTRACT_NOTIFICATION:a'].done).toEqual({ type: 'contract_notification', id: 'n1', on: '2026-06-11' });
    expect(byKey['CONTRACT_TERMINATION_NOTIFICATION:a'].done).toBeNull();
    expect(byKey['STATUS_CLIFF:placement:a:2026-11-30'].done).toMatchObject({ type: 'placement', id: 'b' });
  });

  it('has no more obligations than those', () => {
    expect(os).toHaveLength(10);
  });
});

describe('a renewal fulfils what the renewed document owed', () => {
  it('the expiry and the registration cliff of a superseded notice are done by its renewal; a superseded patent owes no payment', () => {
    const old: FactDocument = {
      id: 'r1',
      type: 'REGISTRATION_NOTICE',
      status: 'SUPERSEDED',
      issuedOn: '2026-03-10',
      expiresOn: '2026-06-30',
      paidUntil: null,
      supersedesId: null,
    };
    const renewed: FactDocument = {
      id: 'r2',
      type: 'REGISTRATION_NOTICE',
      status: 'VALID',
      issuedOn: '2026-06-20',
      expiresOn: '2026-12-31',
      paidUntil: null,
      supersedesId: 'r1',
    };
    const oldPatent: FactDocument = {
      id: 'p1',
      type: 'PATENT',
      status: 'SUPERSEDED',
      issuedOn: '2025-03-01',
      expiresOn: '2026-02-28',
      paidUntil: '2026-02-28',
      supersedesId: null,
    };
    const patent: FactDocument = {
      id: 'p2',
      type: 'PATENT',
      status: 'VALID',
      issuedOn: '2026-03-01',
      expiresOn: '2027-02-28',
      paidUntil: '2026-05-31',
      supersedesId: 'p1',
    };
    const os = obligationsOf(facts('UZ', { arrivalDate: null, documents: [old, renewed, oldPatent, patent] }), SEED_DEADLINE_RULES, calendar);
    const byKey = Object.fromEntries(os.map((o) => [o.key, o]));
    expect(byKey['DOCUMENT_EXPIRY:r1:2026-06-30'].done).toEqual({ type: 'document', id: 'r2', on: '2026-06-20' });
    expect(byKey['STATUS_CLIFF:registration:r1:2026-06-30'].done).toEqual({ type: 'document', id: 'r2', on: '2026-06-20' });
    expect(byKey['DOCUMENT_EXPIRY:p1:2026-02-28'].done).toMatchObject({ id: 'p2' });
    expect(os.filter((o) => o.source.id === 'p1' && ['PATENT_PAYMENT', 'STATUS_CLIFF', 'CONTRACT_COPY'].includes(o.kind))).toEqual([]);
    expect(byKey['PATENT_PAYMENT:p2:2026-05-31'].done).toBeNull();
  });
});

describe('rules with effective dates', () => {
  const tighter: DeadlineRule = { ...SEED_DEADLINE_RULES[0], offset: 3, effectiveFrom: '2026-06-01', note: 'a new law' };
  const rules = [{ ...SEED_DEADLINE_RULES[0], effectiveTo: '2026-05-31' }, ...SEED_DEADLINE_RULES.slice(1), tighter];

  it.each([
    ['2026-05-29', '2026-06-09'], // the old 7 working days (12 June is later)
    ['2026-06-01', '2026-06-04'], // the new 3
  ])('an arrival on %s is dated by the row in force that day: due %s', (arrival, due) => {
    const reg = obligationsOf(facts('UZ', { arrivalDate: arrival }), rules, calendar).find((o) => o.kind === 'MIGRATION_REGISTRATION');
    expect(reg?.dueDate).toBe(due);
  });

  it('a citizenship row beats its regime row; none applies outside the dates', () => {
    const w = { citizenship: 'TJ', regime: 'PATENT' as const };
    expect(ruleInForce(SEED_DEADLINE_RULES, 'MIGRATION_REGISTRATION', 'ARRIVAL', w, '2026-01-01')?.unit).toBe('DAYS');
    expect(ruleInForce([tighter], 'MIGRATION_REGISTRATION', 'ARRIVAL', w, '2026-05-31')).toBeNull();
  });

  it.each([
    [{ effectiveFrom: '2026-06-01', effectiveTo: null }, { effectiveFrom: '2027-01-01', effectiveTo: null }, true],
    [{ effectiveFrom: '2026-01-01', effectiveTo: '2026-05-31' }, { effectiveFrom: '2026-06-01', effectiveTo: null }, false],
    [{ effectiveFrom: '2026-01-01', effectiveTo: '2026-06-01' }, { effectiveFrom: '2026-06-01', effectiveTo: null }, true],
  ])('overlap of %j and %j: %s', (a, b, expected) => {
    expect(overlaps({ ...tighter, ...a }, { ...tighter, ...b })).toBe(expected);
    expect(overlaps({ ...tighter, ...a }, { ...tighter, ...b, citizenship: 'TJ' })).toBe(false);
  });

  it('rows of one citizenship overlap whatever regime they name (both would apply to its citizens)', () => {
    const tj = { ...tighter, citizenship: 'TJ' };
    expect(overlaps({ ...tj, regime: 'PATENT' }, { ...tj, regime: null })).toBe(true);
    expect(overlaps({ ...tighter, regime: 'PATENT' }, { ...tighter, regime: 'EAEU' })).toBe(false);
  });
});

describe('reconcile', () => {
  const patent: FactDocument = {
    id: 'p',
    type: 'PATENT',
    status: 'VALID',
    issuedOn: '2026-03-20',
    expiresOn: null,
    paidUntil: '2026-04-19',
    supersedesId: null,
  };
  const base = facts('UZ', { documents: [patent] });
  let n = 0;
  const store = (stored: StoredDeadline[], r: ReturnType<typeof reconcile>): StoredDeadline[] => {
    const removed = new Set(r.remove);
    const updated = stored.filter((s) => !removed.has(s.id)).map((s) => ({ ...s, ...(r.update.find((u) => u.id === s.id)?.set ?? {}) }) as StoredDeadline);
    return [...updated, ...r.create.map((c) => ({ ...c, id: `d${++n}` }) as StoredDeadline)];
  };

  it('is idempotent: reconciling its own result changes nothing', () => {
    const desired = obligationsOf(base, SEED_DEADLINE_RULES, calendar);
    const first = reconcile([], desired, [], '2026-03-06');
    expect(first.create.length).toBe(desired.length);
    expect(reconcile(store([], first), desired, [], '2026-03-06')).toEqual({ create: [], update: [], remove: [] });
  });

  it('marks missed after the due date, and a payment that moves the paid-up date fulfils the old one', () => {
    let stored = store([], reconcile([], obligationsOf(base, SEED_DEADLINE_RULES, calendar), [], '2026-04-01'));
    const missed = reconcile(stored, obligationsOf(base, SEED_DEADLINE_RULES, calendar), [], '2026-04-20');
    expect(missed.update.map((u) => u.set.status)).toContain('MISSED');
    stored = store(stored, missed);
    const paid = facts('UZ', { documents: [{ ...patent, paidUntil: '2026-05-19' }] });
    const payments = [{ id: 'pay1', documentId: 'p', paidOn: '2026-04-22' }];
    const r = reconcile(stored, obligationsOf(paid, SEED_DEADLINE_RULES, calendar), payments, '2026-04-22', new Map([['p', '2026-05-19']]));
    // without the patent paid past the old date (revoked, or its date corrected down), no payment closes it
    const revoked = reconcile(stored, obligationsOf({ ...paid, documents: [] }, SEED_DEADLINE_RULES, calendar), payments, '2026-04-22', new Map());
    expect(revoked.update.filter((u) => u.set.status === 'DONE')).toEqual([]);
    const old = stored.find((s) => s.key === 'PATENT_PAYMENT:p:2026-04-19')!;
    expect(r.update).toContainEqual({ id: old.id, set: { status: 'DONE', doneType: 'patent_payment', doneId: 'pay1', completedOn: '2026-04-22' } });
    expect(r.create.map((c) => c.key)).toContain('PATENT_PAYMENT:p:2026-05-19');
  });

  it('keeps a waived deadline waived and removes an open one whose obligation is gone', () => {
    const stored = store([], reconcile([], obligationsOf(base, SEED_DEADLINE_RULES, calendar), [], '2026-03-06')).map((s) =>
      s.kind === 'MEDICAL_EXAM' ? { ...s, status: 'WAIVED' as const } : s,
    );
    expect(reconcile(stored, obligationsOf(base, SEED_DEADLINE_RULES, calendar), [], '2026-03-06').update).toEqual([]);
    const corrected = reconcile(stored, obligationsOf({ ...base, arrivalDate: null }, SEED_DEADLINE_RULES, calendar), [], '2026-03-06');
    // the registration was open: removed; the patent application was fulfilled (the patent came after): kept
    const registration = stored.find((s) => s.kind === 'MIGRATION_REGISTRATION')!;
    expect(stored.find((s) => s.kind === 'PATENT_APPLICATION')?.status).toBe('DONE');
    expect(corrected.remove).toEqual([registration.id]);
  });
});
