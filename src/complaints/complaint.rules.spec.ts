import {
  allowedMoves,
  coarseStatus,
  consentFor,
  ConsentFacts,
  effectiveSeverity,
  moveProblem,
  proposedSeverity,
  retaliationSuspects,
  statusAfter,
  Status,
  TransitionTarget,
  triageDueAt,
  Viewer,
  visibility,
  VisibilityFacts,
} from './complaint.rules';

describe('severity', () => {
  it.each([
    ['VIOLENCE_OR_THREATS', 'CRITICAL'],
    ['FORCED_LABOUR', 'CRITICAL'],
    ['DOCUMENT_CONFISCATION', 'CRITICAL'],
    ['UNPAID_WAGES', 'HIGH'],
    ['HOUSING', 'NORMAL'],
    ['OTHER', 'NORMAL'],
  ] as const)('%s proposes %s', (category, severity) => expect(proposedSeverity(category)).toBe(severity));

  it.each([
    ['HOUSING', 'CRITICAL', 'CRITICAL'], // staff raise
    ['HOUSING', 'LOW', 'NORMAL'], // never below the proposal
    ['FORCED_LABOUR', 'LOW', 'CRITICAL'],
    ['UNPAID_WAGES', undefined, 'HIGH'],
  ] as const)('%s asked %s is %s', (category, asked, expected) => expect(effectiveSeverity(category, asked)).toBe(expected));

  const policy = { triageHoursCritical: 24, triageHoursHigh: 72, triageHoursNormal: 240, triageHoursLow: 240 };
  it.each([
    ['CRITICAL', '2026-03-02T10:00:00.000Z'],
    ['HIGH', '2026-03-04T10:00:00.000Z'],
    ['NORMAL', '2026-03-11T10:00:00.000Z'],
    ['LOW', '2026-03-11T10:00:00.000Z'],
  ] as const)('triage of a %s complaint is due at %s', (severity, due) =>
    expect(triageDueAt(policy, severity, new Date('2026-03-01T10:00:00Z')).toISOString()).toBe(due),
  );
});

describe('status machine', () => {
  const ok = null;
  it.each<[Status, TransitionTarget, string | null, string | null, string | null]>([
    ['RECEIVED', 'TRIAGED', null, null, ok],
    ['RECEIVED', 'INVESTIGATING', null, null, 'COMPLAINT_TRANSITION_NOT_ALLOWED'],
    ['RECEIVED', 'DISMISSED', 'duplicate of C-1', null, ok],
    ['RECEIVED', 'DISMISSED', null, null, 'REASON_REQUIRED'],
    ['RECEIVED', 'DISMISSED', '   ', null, 'REASON_REQUIRED'],
    ['TRIAGED', 'INVESTIGATING', null, null, ok],
    ['TRIAGED', 'RESOLVED', 'paid', 'SUBSTANTIATED', 'COMPLAINT_TRANSITION_NOT_ALLOWED'],
    ['INVESTIGATING', 'RESOLVED', 'wages paid', 'SUBSTANTIATED', ok],
    ['INVESTIGATING', 'RESOLVED', 'wages paid', null, 'FINDING_REQUIRED'],
    ['INVESTIGATING', 'RESOLVED', null, 'SUBSTANTIATED', 'REASON_REQUIRED'],
    ['INVESTIGATING', 'DISMISSED', 'withdrawn', 'SUBSTANTIATED', 'FINDING_NOT_EXPECTED'],
    ['REFERRED', 'RESOLVED', 'inspectorate fined', 'SUBSTANTIATED', ok],
    ['REFERRED', 'DISMISSED', 'no contact', null, ok],
    ['RESOLVED', 'REOPENED', 'new facts', null, ok],
    ['RESOLVED', 'REOPENED', null, null, 'REASON_REQUIRED'],
    ['DISMISSED', 'REOPENED', 'worker called back', null, ok],
    ['RESOLVED', 'DISMISSED', 'x', null, 'COMPLAINT_TRANSITION_NOT_ALLOWED'],
    ['TRIAGED', 'REOPENED', 'x', null, 'COMPLAINT_TRANSITION_NOT_ALLOWED'],
  ])('%s → %s (reason %s, finding %s): %s', (from, to, reason, finding, problem) => {
    expect(moveProblem({ from, to, reason, finding: finding as never })?.code ?? null).toBe(problem);
  });

  it('names the allowed targets of a refused move', () => {
    expect(moveProblem({ from: 'RECEIVED', to: 'RESOLVED', reason: 'x', finding: 'INCONCLUSIVE' })).toEqual({
      code: 'COMPLAINT_TRANSITION_NOT_ALLOWED',
      allowed: allowedMoves('RECEIVED'),
    });
  });

  it('reopening goes back to investigation', () => expect(statusAfter('REOPENED')).toBe('INVESTIGATING'));

  it.each<[Status, string]>([
    ['RECEIVED', 'RECEIVED'],
    ['TRIAGED', 'IN_PROGRESS'],
    ['INVESTIGATING', 'IN_PROGRESS'],
    ['REFERRED', 'IN_PROGRESS'],
    ['RESOLVED', 'CLOSED'],
    ['DISMISSED', 'CLOSED'],
  ])('a complainant sees %s as %s', (s, coarse) => expect(coarseStatus(s)).toBe(coarse));
});

describe('visibility', () => {
  const base: VisibilityFacts = { confidential: false, assignedToId: null, createdById: 'creator', partnerAgencyId: null, referredAgencyIds: [] };
  const admin: Viewer = { id: 'a', role: 'ADMIN', agencyIds: [] };
  const staff: Viewer = { id: 's', role: 'STAFF', agencyIds: [] };
  const liaison: Viewer = { id: 'l', role: 'LIAISON', agencyIds: ['ag1'] };
  const employer: Viewer = { id: 'e', role: 'EMPLOYER', agencyIds: [] };
  it.each<[string, Viewer, Partial<VisibilityFacts>, string]>([
    ['admin, any', admin, { confidential: true }, 'FULL'],
    ['staff, ordinary', staff, {}, 'FULL'],
    ['staff, confidential, not assigned', staff, { confidential: true, assignedToId: 'other' }, 'NONE'],
    ['staff, confidential, assigned', staff, { confidential: true, assignedToId: 's' }, 'FULL'],
    ['liaison, not referred', liaison, {}, 'NONE'],
    ['liaison, referred to its agency', liaison, { referredAgencyIds: ['ag1'] }, 'SHARED'],
    ['liaison, referred to another agency', liaison, { referredAgencyIds: ['ag2'] }, 'NONE'],
    ['liaison, entered it', liaison, { createdById: 'l' }, 'SHARED'],
    ['liaison, against its own agency, even referred', liaison, { partnerAgencyId: 'ag1', referredAgencyIds: ['ag1'] }, 'NONE'],
    ['liaison, confidential, referred', liaison, { confidential: true, referredAgencyIds: ['ag1'] }, 'NONE'],
    ['employer, never', employer, {}, 'NONE'],
  ])('%s', (_, viewer, facts, expected) => expect(visibility(viewer, { ...base, ...facts })).toBe(expected));
});

describe('consent gate', () => {
  const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
    id: 'c1',
    recipientKind: 'LABOUR_INSPECTORATE',
    scope: ['CATEGORY', 'NARRATIVE'],
    withdrawnAt: null,
    ...over,
  });
  it.each<[string, Parameters<typeof consentFor>[0], ConsentFacts[], object]>([
    ['no consent', { identified: true, recipient: 'LABOUR_INSPECTORATE', shares: ['CATEGORY'] }, [], { code: 'CONSENT_REQUIRED' }],
    ['consent for another recipient', { identified: true, recipient: 'MVD', shares: ['CATEGORY'] }, [consent()], { code: 'CONSENT_REQUIRED' }],
    ['consent given', { identified: true, recipient: 'LABOUR_INSPECTORATE', shares: ['CATEGORY', 'NARRATIVE'] }, [consent()], { consentId: 'c1' }],
    [
      'consent withdrawn',
      { identified: true, recipient: 'LABOUR_INSPECTORATE', shares: ['CATEGORY'] },
      [consent({ withdrawnAt: new Date() })],
      { code: 'CONSENT_WITHDRAWN' },
    ],
    [
      'one withdrawn, another live',
      { identified: true, recipient: 'LABOUR_INSPECTORATE', shares: ['CATEGORY'] },
      [consent({ withdrawnAt: new Date() }), consent({ id: 'c2' })],
      { consentId: 'c2' },
    ],
    [
      'share not covered',
      { identified: true, recipient: 'LABOUR_INSPECTORATE', shares: ['WORKER_IDENTITY'] },
      [consent()],
      { code: 'SHARE_NOT_COVERED', shares: ['WORKER_IDENTITY'] },
    ],
    ['anonymous, no identity: no consent needed', { identified: false, recipient: 'PROSECUTOR', shares: ['CATEGORY', 'NARRATIVE'] }, [], { consentId: null }],
    [
      'named consent of another recipient',
      { identified: true, recipient: 'MVD', shares: ['CATEGORY'], consentId: 'c1' },
      [consent()],
      { code: 'CONSENT_REQUIRED' },
    ],
  ])('%s', (_, input, consents, expected) => expect(consentFor(input, consents)).toEqual(expected));
});

describe('retaliation watch', () => {
  const c = (receivedAt: string, employerId: string | null, against = 'EMPLOYER') => ({
    receivedAt: new Date(receivedAt),
    against,
    employerId,
    status: 'INVESTIGATING' as Status,
  });
  it.each<[string, ReturnType<typeof c>, { on: string; employerId: string | null }, number]>([
    ['placement with that employer ends 10 days later', c('2026-03-01', 'e1'), { on: '2026-03-11', employerId: 'e1' }, 1],
    ['placement with another employer ends', c('2026-03-01', 'e1'), { on: '2026-03-11', employerId: 'e2' }, 0],
    ['placement ends after the window', c('2026-03-01', 'e1'), { on: '2026-06-10', employerId: 'e1' }, 0],
    ['placement ended before the complaint', c('2026-03-01', 'e1'), { on: '2026-02-20', employerId: 'e1' }, 0],
    ['worker departs within the window, complaint against an official', c('2026-03-01', null, 'OFFICIAL'), { on: '2026-04-01', employerId: null }, 1],
  ])('%s', (_, complaint, event, n) => expect(retaliationSuspects([complaint], { on: new Date(event.on), employerId: event.employerId }, 90)).toHaveLength(n));
});
