import { duplicateVerdict, intakeAgency, Suspect } from './worker-intake.rules';

describe('intakeAgency', () => {
  const A = 'agency-a';
  const B = 'agency-b';
  it.each([
    ['staff naming an agency', undefined, A, { agencyId: A }],
    ['staff naming none', undefined, undefined, { agencyId: undefined }],
    ['liaison naming their agency', [A, B], B, { agencyId: B }],
    ['liaison naming another agency', [A], B, { problem: { field: 'partnerAgencyId', message: 'must be one of your partner agencies' } }],
    ['liaison with one agency naming none', [A], undefined, { agencyId: A }],
    ['liaison with two agencies naming none', [A, B], undefined, { problem: { field: 'partnerAgencyId', message: expect.stringContaining('is required') } }],
    ['liaison with no agency', [], undefined, { problem: { field: 'partnerAgencyId', message: expect.stringContaining('no partner agency') } }],
    ['liaison taking the agency away', [A], null, { problem: { field: 'partnerAgencyId', message: 'must be one of your partner agencies' } }],
    ['staff taking the agency away', undefined, null, { agencyId: undefined }],
    ['liaison with no agency naming one', [], A, { problem: { field: 'partnerAgencyId', message: 'must be one of your partner agencies' } }],
  ])('%s', (_, scope, given, expected) => expect(intakeAgency(scope, given)).toEqual(expected));
});

describe('duplicateVerdict', () => {
  const seen = (id: string): Suspect<string> => ({ candidate: id });
  const hidden: Suspect<string> = { candidate: null };
  it.each([
    ['nothing found', [], [], false, { kind: 'NONE' }],
    ['nothing found, force', [], [], true, { kind: 'NONE' }],
    ['number on file in scope', [seen('p')], [], false, { kind: 'NUMBER_TAKEN', candidates: ['p'] }],
    ['number on file in scope, force', [seen('p')], [], true, { kind: 'NUMBER_TAKEN', candidates: ['p'] }],
    ['number on file out of scope', [hidden], [seen('n')], false, { kind: 'POSSIBLY_REGISTERED', reason: 'PASSPORT_NUMBER' }],
    ['number on file out of scope, force', [hidden], [], true, { kind: 'POSSIBLY_REGISTERED', reason: 'PASSPORT_NUMBER' }],
    ['similar name in scope', [], [seen('n'), hidden], false, { kind: 'SUSPECTED', candidates: ['n'] }],
    ['similar name in scope, force', [], [seen('n')], true, { kind: 'NONE' }],
    ['similar name out of scope only', [], [hidden, hidden], false, { kind: 'POSSIBLY_REGISTERED', reason: 'NAME_AND_BIRTH_DATE' }],
    ['similar name out of scope only, force', [], [hidden], true, { kind: 'NONE' }],
  ])('%s', (_, holders, similar, force, expected) => expect(duplicateVerdict(holders, similar, force)).toEqual(expected));
});
