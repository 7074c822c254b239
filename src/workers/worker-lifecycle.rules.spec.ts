import {
  INITIAL_STATUSES,
  RECRUITMENT_CHANNELS,
  RecruitmentChannel,
  WORKER_STATUSES,
  WorkerStatus,
  allowedTransitions,
  canTransition,
  initialStatus,
  isWorkerStatus,
  transitionProblem,
} from './worker-lifecycle.rules';

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
      expect(transitionProblem(from, to)).toEqual(
        legal ? null : { code: 'ILLEGAL_TRANSITION', allowed: expectedTargets(from) },
      );
    });
  });

  it.each(COLUMNS)('allowedTransitions(%s) matches the expected row, in lifecycle order', (from) =>
    expect(allowedTransitions(from)).toEqual(expectedTargets(from)));

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
