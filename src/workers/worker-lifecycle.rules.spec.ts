import {
  INITIAL_STATUSES,
  RECRUITMENT_CHANNELS,
  RecruitmentChannel,
  WORKER_STATUSES,
  WorkerStatus,
  allowedTransitions,
  canTransition,
  heldByPlannedPlacement,
  initialStatus,
  isWorkerStatus,
  missingPapers,
  transitionProblem,
} from './worker-lifecycle.rules';
import { AuthorizationDocument, assessWorkAuthorization } from './work-authorization.rules';

// The expected graph, written out independently of the implementation.
// Columns, in this order:
const COLUMNS: WorkerStatus[] = [
  'CANDIDATE',
  'SELECTED',
  'IN_TRANSIT',
  'ARRIVED',
  'DOCUMENTS_IN_PROGRESS',
  'READY_TO_WORK',
  'EMPLOYED',
  'BETWEEN_JOBS',
  'DEPARTED',
  'CLOSED',
];
// prettier-ignore
const EXPECTED: Record<WorkerStatus, (0 | 1)[]> = {
  //                      CAN SEL TRN ARR DOC RDY EMP BTW DEP CLO
  CANDIDATE:             [ 0,  1,  0,  0,  0,  0,  0,  0,  0,  1 ],
  SELECTED:              [ 1,  0,  1,  0,  0,  0,  0,  0,  0,  1 ],
  IN_TRANSIT:            [ 0,  0,  0,  1,  0,  0,  0,  0,  0,  1 ],
  ARRIVED:               [ 0,  0,  0,  0,  1,  0,  0,  0,  1,  1 ],
  DOCUMENTS_IN_PROGRESS: [ 0,  0,  0,  0,  0,  1,  0,  0,  1,  1 ],
  READY_TO_WORK:         [ 0,  0,  0,  0,  1,  0,  1,  0,  1,  1 ],
  EMPLOYED:              [ 0,  0,  0,  0,  0,  0,  0,  1,  1,  1 ],
  BETWEEN_JOBS:          [ 0,  0,  0,  0,  1,  0,  1,  0,  1,  1 ],
  DEPARTED:              [ 0,  0,  0,  0,  0,  0,  0,  0,  0,  1 ],
  CLOSED:                [ 0,  0,  0,  0,  0,  0,  0,  0,  0,  0 ],
};

const expectedTargets = (from: WorkerStatus) => COLUMNS.filter((_, i) => EXPECTED[from][i] === 1);

const PAIRS: [WorkerStatus, WorkerStatus, boolean][] = COLUMNS.flatMap((from) =>
  COLUMNS.map((to, i): [WorkerStatus, WorkerStatus, boolean] => [from, to, EXPECTED[from][i] === 1]),
);

describe('worker lifecycle', () => {
  it('lists the ten statuses in lifecycle order', () => {
    expect([...WORKER_STATUSES]).toEqual(COLUMNS);
    expect(Object.keys(EXPECTED)).toEqual(COLUMNS);
  });

  it('covers all 100 pairs', () => expect(PAIRS).toHaveLength(100));

  describe.each(PAIRS)('%s → %s', (from, to, legal) => {
    it(`canTransition is ${legal}`, () => expect(canTransition(from, to)).toBe(legal));

    it(`transitionProblem is ${legal ? 'null' : 'ILLEGAL_TRANSITION'}`, () => {
      expect(transitionProblem(from, to)).toEqual(legal ? null : { code: 'ILLEGAL_TRANSITION', allowed: expectedTargets(from) });
    });
  });

  it.each(COLUMNS)('allowedTransitions(%s) matches the expected row, in lifecycle order', (from) =>
    expect(allowedTransitions(from)).toEqual(expectedTargets(from)),
  );

  it('never allows staying in the same status', () => {
    for (const s of COLUMNS) expect(transitionProblem(s, s)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('CLOSED is terminal', () => {
    expect(allowedTransitions('CLOSED')).toEqual([]);
    expect(transitionProblem('CLOSED', 'CANDIDATE')).toEqual({ code: 'ILLEGAL_TRANSITION', allowed: [] });
  });

  it('returns a copy the caller cannot use to change the graph', () => {
    allowedTransitions('CANDIDATE').push('EMPLOYED');
    expect(canTransition('CANDIDATE', 'EMPLOYED')).toBe(false);
  });

  it('every status is reachable from an initial status, and every one can reach CLOSED', () => {
    const reach = (start: WorkerStatus) => {
      const seen = new Set<WorkerStatus>([start]);
      const queue = [start];
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        for (const t of allowedTransitions(s)) {
          if (!seen.has(t)) {
            seen.add(t);
            queue.push(t);
          }
        }
      }
      return seen;
    };
    const fromInitial = new Set(INITIAL_STATUSES.flatMap((s) => [...reach(s)]));
    expect([...fromInitial].sort()).toEqual([...COLUMNS].sort());
    for (const s of COLUMNS) expect(reach(s).has('CLOSED')).toBe(true);
  });

  it('treats unknown values as having no way out', () => {
    expect(isWorkerStatus('EMPLOYED')).toBe(true);
    expect(isWorkerStatus('employed')).toBe(false);
    expect(isWorkerStatus('constructor')).toBe(false);
    expect(isWorkerStatus(undefined)).toBe(false);
    expect(allowedTransitions('REOPENED' as WorkerStatus)).toEqual([]);
    expect(canTransition('REOPENED' as WorkerStatus, 'CANDIDATE')).toBe(false);
    expect(canTransition('CANDIDATE', 'REOPENED' as WorkerStatus)).toBe(false);
  });
});

describe('initial status by recruitment channel', () => {
  it.each<[RecruitmentChannel, WorkerStatus]>([
    ['PARTNER_AGENCY', 'CANDIDATE'],
    ['DIRECT', 'ARRIVED'],
    ['FAMILY', 'ARRIVED'],
    ['INTERMEDIARY', 'ARRIVED'],
    ['WALK_IN', 'ARRIVED'],
  ])('%s → %s', (channel, status) => expect(initialStatus(channel)).toBe(status));

  it('every channel maps to one of INITIAL_STATUSES', () => {
    expect([...INITIAL_STATUSES]).toEqual(['CANDIDATE', 'ARRIVED']);
    for (const c of RECRUITMENT_CHANNELS) expect(INITIAL_STATUSES).toContain(initialStatus(c));
  });

  it('refuses an unknown channel', () => {
    expect(() => initialStatus('BRIGADIR' as RecruitmentChannel)).toThrow(RangeError);
    expect(() => initialStatus('toString' as RecruitmentChannel)).toThrow(RangeError);
  });
});

describe('papers a status needs (missingPapers, from the work authorisation rule)', () => {
  const TODAY = '2026-06-01';
  const patent = (expiresOn: string, paidUntil: string | null = null, status = 'VALID'): AuthorizationDocument => ({
    type: 'PATENT',
    status,
    issuedOn: '2026-01-10',
    expiresOn,
    paidUntil,
  });
  const permit = (expiresOn: string): AuthorizationDocument => ({ type: 'WORK_PERMIT', status: 'VALID', issuedOn: '2026-01-10', expiresOn });
  const missing = (to: WorkerStatus, citizenship: string, documents: AuthorizationDocument[] = []) =>
    missingPapers(to, assessWorkAuthorization({ citizenship, documents, today: TODAY })).map((p) => [p.code, p.document, p.workAuthorization, p.validUntil]);

  it.each<[string, WorkerStatus, string, AuthorizationDocument[], unknown[][]]>([
    ['an EAEU citizen needs nothing', 'READY_TO_WORK', 'KG', [], []],
    ['a patent holder with a valid patent', 'READY_TO_WORK', 'UZ', [patent('2026-12-31')], []],
    ['a patent expiring within 30 days still authorises', 'READY_TO_WORK', 'TJ', [patent('2026-06-20')], []],
    ['a patent holder without a patent', 'READY_TO_WORK', 'UZ', [], [['WORK_AUTHORIZATION_MISSING', 'PATENT', 'MISSING', null]]],
    [
      'a superseded patent is no patent',
      'READY_TO_WORK',
      'UZ',
      [patent('2026-12-31', null, 'SUPERSEDED')],
      [['WORK_AUTHORIZATION_MISSING', 'PATENT', 'MISSING', null]],
    ],
    ['an expired patent', 'READY_TO_WORK', 'UZ', [patent('2026-05-31')], [['WORK_AUTHORIZATION_EXPIRED', 'PATENT', 'EXPIRED', '2026-05-31']]],
    [
      'a patent not paid up lapses the day after the last paid day',
      'READY_TO_WORK',
      'UZ',
      [patent('2026-12-31', '2026-04-09')],
      [['WORK_AUTHORIZATION_EXPIRED', 'PATENT', 'EXPIRED', '2026-04-09']],
    ],
    ['a visa-regime worker needs a work permit', 'READY_TO_WORK', 'IN', [], [['WORK_AUTHORIZATION_MISSING', 'WORK_PERMIT', 'MISSING', null]]],
    ['a visa-regime worker with a permit', 'READY_TO_WORK', 'IN', [permit('2026-12-31')], []],
    ['other statuses need no papers', 'DOCUMENTS_IN_PROGRESS', 'UZ', [], []],
    ['EMPLOYED is checked by the placement on its start date', 'EMPLOYED', 'UZ', [], []],
    ['leaving the country needs no papers', 'DEPARTED', 'UZ', [patent('2026-01-31')], []],
  ])('%s', (_name, to, citizenship, documents, expected) => expect(missing(to, citizenship, documents)).toEqual(expected));

  it('names the field, the document and the target in the message', () => {
    const [p] = missingPapers('READY_TO_WORK', assessWorkAuthorization({ citizenship: 'UZ', documents: [], today: TODAY }));
    expect(p).toMatchObject({ field: 'to', document: 'PATENT' });
    expect(p.message).toContain('PATENT');
    expect(p.message).toContain('READY_TO_WORK');
  });
});

describe('a planned placement holds the worker (heldByPlannedPlacement)', () => {
  it.each<[string, { status: string }[], boolean]>([
    ['no placements', [], false],
    ['an ended and a cancelled one', [{ status: 'ENDED' }, { status: 'CANCELLED' }], false],
    ['an active one (the placement end moves the worker)', [{ status: 'ACTIVE' }], false],
    ['a planned one', [{ status: 'ENDED' }, { status: 'PLANNED' }], true],
  ])('%s → %s', (_name, placements, held) => expect(heldByPlannedPlacement(placements)).toBe(held));
});
