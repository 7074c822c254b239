import { canTransition, WORKER_STATUSES, WorkerStatus } from '../../workers/worker-lifecycle.rules';
import {
  arrivalProblems,
  ArrivalCandidate,
  ArrivalRow,
  checkInPlan,
  closingStatus,
  orderProblems,
  orderStatusAfterSelection,
  pathToArrived,
  proposalProblems,
  selectionProblems,
} from './recruitment.rules';

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);
const A = 'agency-a';
const B = 'agency-b';

describe('orderProblems', () => {
  it.each([
    ['active agency, staff', { id: A, active: true }, undefined, 3, 5, 0, []],
    ['own agency, liaison', { id: A, active: true }, [A], 5, 5, 0, []],
    ['unknown agency', null, undefined, 1, 5, 0, ['partnerAgencyId']],
    ['inactive agency', { id: A, active: false }, undefined, 1, 5, 0, ['partnerAgencyId']],
    ['another agency, liaison', { id: B, active: true }, [A], 1, 5, 0, ['partnerAgencyId']],
    ['more than the open places', { id: A, active: true }, undefined, 6, 5, 0, ['candidatesRequested']],
    ['both at once', null, [A], 2, 1, 0, ['partnerAgencyId', 'candidatesRequested']],
    ['the rest of the places after other open orders', { id: A, active: true }, undefined, 2, 5, 3, []],
    ['more than the places other open orders left', { id: A, active: true }, undefined, 3, 5, 3, ['candidatesRequested']],
    ['other open orders took every place', { id: A, active: true }, undefined, 1, 5, 6, ['candidatesRequested']],
  ])('%s → %j', (_, agency, actorAgencyIds, candidatesRequested, openPlaces, requestedOnOpenOrders, expected) =>
    expect(fields(orderProblems({ agency, actorAgencyIds, candidatesRequested, openPlaces, requestedOnOpenOrders }))).toEqual(expected),
  );

  it('names the places other open orders hold', () =>
    expect(orderProblems({ agency: { id: A, active: true }, candidatesRequested: 3, openPlaces: 5, requestedOnOpenOrders: 3 })[0].message).toBe(
      'must not exceed the 2 place(s) of the labour request still free (5 open, 3 already asked of its other open orders)',
    ));
});

describe('proposalProblems', () => {
  it.each<[WorkerStatus, string | null, number]>([
    ['CANDIDATE', A, 0],
    ['CANDIDATE', B, 1],
    ['CANDIDATE', null, 1],
    ['SELECTED', A, 1],
    ['ARRIVED', B, 2],
  ])('%s of %s → %d problem(s)', (status, partnerAgencyId, n) => {
    const problems = proposalProblems({ status, partnerAgencyId }, A);
    expect(problems).toHaveLength(n);
    expect(problems.every((p) => p.field === 'workerId')).toBe(true);
  });
});

describe('selectionProblems and the order status after a selection', () => {
  it.each<[WorkerStatus, number, number, number]>([
    ['CANDIDATE', 0, 2, 0],
    ['CANDIDATE', 1, 2, 0],
    ['CANDIDATE', 2, 2, 1], // more than the order asked for
    ['SELECTED', 0, 2, 1], // selected on another order meanwhile
    ['CLOSED', 3, 2, 2],
  ])('%s with %d of %d selected → %d problem(s)', (workerStatus, selectedCount, candidatesRequested, n) =>
    expect(selectionProblems({ workerStatus, selectedCount, candidatesRequested })).toHaveLength(n),
  );

  it.each([
    [0, 2, 'OPEN'],
    [1, 2, 'OPEN'],
    [2, 2, 'FULFILLED'],
    [1, 1, 'FULFILLED'],
    [3, 2, 'FULFILLED'],
  ])('%d selected of %d → %s', (selected, requested, status) => expect(orderStatusAfterSelection(selected, requested)).toBe(status));
});

describe('arrivalProblems', () => {
  const w = (candidateStatus: ArrivalCandidate['candidateStatus'], workerStatus: WorkerStatus | null): ArrivalCandidate => ({
    workerId: 'w',
    candidateStatus,
    workerStatus,
  });
  it.each<[string, ArrivalCandidate[], string[]]>([
    ['selected, waiting', [w('SELECTED', 'SELECTED')], []],
    ['two fine', [w('SELECTED', 'SELECTED'), w('SELECTED', 'SELECTED')], []],
    ['not on the order', [w(null, 'CANDIDATE')], ['workerIds[0]']],
    ['only proposed', [w('SELECTED', 'SELECTED'), w('PROPOSED', 'CANDIDATE')], ['workerIds[1]']],
    ['declined', [w('DECLINED', 'CANDIDATE')], ['workerIds[0]']],
    ['already travelling', [w('SELECTED', 'IN_TRANSIT'), w(null, null)], ['workerIds[0]', 'workerIds[1]']],
  ])('%s → %j', (_, workers, expected) => expect(fields(arrivalProblems(workers))).toEqual(expected));
});

describe('pathToArrived', () => {
  it.each<[WorkerStatus, WorkerStatus[] | null]>([
    ['CANDIDATE', ['SELECTED', 'IN_TRANSIT', 'ARRIVED']],
    ['SELECTED', ['IN_TRANSIT', 'ARRIVED']],
    ['IN_TRANSIT', ['ARRIVED']],
    ['ARRIVED', null],
    ['EMPLOYED', null],
    ['CLOSED', null],
  ])('%s → %j', (status, path) => expect(pathToArrived(status)).toEqual(path));

  it.each(WORKER_STATUSES.map((s) => [s]))('every step from %s is an allowed lifecycle transition', (status) => {
    const path = pathToArrived(status) ?? [];
    path.forEach((to, i) => expect(canTransition(i === 0 ? status : path[i - 1], to)).toBe(true));
  });
});

describe('checkInPlan', () => {
  const HERE = 'arrival';
  const row = (workerId: string, over: Partial<ArrivalRow> = {}): ArrivalRow => ({
    arrivalId: HERE,
    workerId,
    expected: true,
    checkedInOn: null,
    arrivalStatus: 'EXPECTED',
    ...over,
  });
  // e1, e2 expected here; u1, u2 workers of the agency still abroad; b1 of another agency; done, lost in the country
  const roster = [row('e1'), row('e2')];
  const w = (status: WorkerStatus, partnerAgencyId: string | null = A) => ({ status, partnerAgencyId });
  const workers = {
    e1: w('IN_TRANSIT'),
    e2: w('IN_TRANSIT'),
    u1: w('CANDIDATE'),
    u2: w('IN_TRANSIT'),
    b1: w('CANDIDATE', B),
    nobody: w('SELECTED', null),
    done: w('ARRIVED'),
    lost: w('CLOSED'),
  };
  const base = { arrivalId: HERE, agencyId: A, arrivedOn: '2026-05-10', today: '2026-05-10', workers, rows: roster };
  type Case = [string, Partial<typeof base> & { presentIds: string[] }, string[], string[], string[], string[], boolean];
  it.each<Case>([
    ['all expected there', { presentIds: ['e1', 'e2'] }, ['e1', 'e2'], [], [], [], true],
    ['one no-show: the arrival stays EXPECTED', { presentIds: ['e2'] }, ['e2'], [], [], [], false],
    ['the no-show comes later', { presentIds: ['e1'], rows: [row('e1'), row('e2', { checkedInOn: '2026-05-09' })] }, ['e1'], [], [], [], true],
    ['an unannounced candidate', { presentIds: ['e1', 'u1'] }, ['e1'], ['u1'], [], [], false],
    ['unannounced from no other batch', { presentIds: ['u2'] }, [], ['u2'], [], [], false],
    ['a worker of another agency', { presentIds: ['e1', 'b1', 'nobody'] }, ['e1'], [], ['workerIds[1]', 'workerIds[2]'], [], false],
    [
      'expected on another arrival still awaited',
      { presentIds: ['u2'], rows: [...roster, row('u2', { arrivalId: 'other' })] },
      [],
      [],
      ['workerIds[0]'],
      [],
      false,
    ],
    [
      'expected on an arrival since cancelled',
      { presentIds: ['u2'], rows: [...roster, row('u2', { arrivalId: 'other', arrivalStatus: 'CANCELLED' })] },
      [],
      ['u2'],
      [],
      [],
      false,
    ],
    [
      'checked in here before',
      { presentIds: ['e1', 'e2'], rows: [row('e1', { checkedInOn: '2026-05-09' }), row('e2')] },
      ['e2'],
      [],
      [],
      ['workerIds[0]'],
      true,
    ],
    [
      'checked in on another arrival before',
      { presentIds: ['u1'], rows: [...roster, row('u1', { arrivalId: 'other', expected: false, checkedInOn: '2026-05-01' })] },
      [],
      [],
      [],
      ['workerIds[0]'],
      false,
    ],
    ['unknown worker', { presentIds: ['e1', 'ghost'] }, ['e1'], [], ['workerIds[1]'], [], false],
    ['already in the country', { presentIds: ['done', 'lost'] }, [], [], ['workerIds[0]', 'workerIds[1]'], [], false],
    ['expected but no longer in transit', { presentIds: ['e1'], workers: { ...workers, e1: w('CLOSED') } }, [], [], ['workerIds[0]'], [], false],
    ['arrived in the future', { presentIds: ['e1'], arrivedOn: '2026-05-11' }, ['e1'], [], ['arrivedOn'], [], false],
  ])('%s', (_, input, expected, unannounced, problems, conflicts, complete) => {
    const plan = checkInPlan({ ...base, ...input });
    expect(plan.expected).toEqual(expected);
    expect(plan.unannounced).toEqual(unannounced);
    expect(fields(plan.problems)).toEqual(problems);
    expect(fields(plan.conflicts)).toEqual(conflicts);
    expect(plan.complete).toBe(complete);
  });

  it('names the arrival a worker is awaited on', () => {
    const plan = checkInPlan({ ...base, presentIds: ['u2'], rows: [...roster, row('u2', { arrivalId: 'other' })] });
    expect(plan.problems[0].message).toContain('expected on arrival other');
  });
});

describe('closingStatus', () => {
  it.each([
    [0, 'CANCELLED'],
    [1, 'CHECKED_IN'],
    [4, 'CHECKED_IN'],
  ])('%d checked in → %s', (n, status) => expect(closingStatus(n)).toBe(status));
});
