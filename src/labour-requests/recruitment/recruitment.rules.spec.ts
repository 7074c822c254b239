import { canTransition, WORKER_STATUSES, WorkerStatus } from '../../workers/worker-lifecycle.rules';
import {
  arrivalProblems,
  ArrivalCandidate,
  checkInPlan,
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
    ['active agency, staff', { id: A, active: true }, undefined, 3, 5, []],
    ['own agency, liaison', { id: A, active: true }, [A], 5, 5, []],
    ['unknown agency', null, undefined, 1, 5, ['partnerAgencyId']],
    ['inactive agency', { id: A, active: false }, undefined, 1, 5, ['partnerAgencyId']],
    ['another agency, liaison', { id: B, active: true }, [A], 1, 5, ['partnerAgencyId']],
    ['more than the open places', { id: A, active: true }, undefined, 6, 5, ['candidatesRequested']],
    ['both at once', null, [A], 2, 1, ['partnerAgencyId', 'candidatesRequested']],
  ])('%s → %j', (_, agency, actorAgencyIds, candidatesRequested, openPlaces, expected) =>
    expect(fields(orderProblems({ agency, actorAgencyIds, candidatesRequested, openPlaces }))).toEqual(expected));
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
    expect(selectionProblems({ workerStatus, selectedCount, candidatesRequested })).toHaveLength(n));

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
  const base = { expectedIds: ['e1', 'e2'], arrivedOn: '2026-05-10', today: '2026-05-10' };
  const statusOf: Record<string, WorkerStatus> = { e1: 'IN_TRANSIT', e2: 'IN_TRANSIT', u1: 'CANDIDATE', u2: 'IN_TRANSIT', done: 'ARRIVED', lost: 'CLOSED' };
  it.each<[string, Partial<typeof base> & { presentIds: string[]; statusOf?: Record<string, WorkerStatus> }, string[], string[], string[]]>([
    ['all expected there', { presentIds: ['e1', 'e2'] }, ['e1', 'e2'], [], []],
    ['one no-show', { presentIds: ['e2'] }, ['e2'], [], []],
    ['an unannounced candidate', { presentIds: ['e1', 'u1'] }, ['e1'], ['u1'], []],
    ['unannounced from another batch', { presentIds: ['u2'] }, [], ['u2'], []],
    ['unknown worker', { presentIds: ['e1', 'ghost'] }, ['e1'], [], ['workerIds[1]']],
    ['already in the country', { presentIds: ['done', 'lost'] }, [], [], ['workerIds[0]', 'workerIds[1]']],
    ['expected but no longer in transit', { presentIds: ['e1'], statusOf: { e1: 'CLOSED' } }, [], [], ['workerIds[0]']],
    ['arrived in the future', { presentIds: ['e1'], arrivedOn: '2026-05-11' }, ['e1'], [], ['arrivedOn']],
  ])('%s', (_, input, expected, unannounced, problems) => {
    const plan = checkInPlan({ ...base, statusOf, ...input });
    expect(plan.expected).toEqual(expected);
    expect(plan.unannounced).toEqual(unannounced);
    expect(fields(plan.problems)).toEqual(problems);
  });
});
