import { currentInTheWay, SlotDocument, slotFieldProblems, slotOf } from './document-slot.rules';

const EMPLOYER_A = '0b4c3f0e-1a2b-4c5d-8e9f-00000000000a';
const EMPLOYER_B = '0b4c3f0e-1a2b-4c5d-8e9f-00000000000b';

describe('slotOf', () => {
  it.each<[string, Parameters<typeof slotOf>[0], string | null]>([
    ['a patent: one per worker', { type: 'PATENT' }, 'PATENT'],
    ['a work permit', { type: 'WORK_PERMIT' }, 'WORK_PERMIT'],
    ['a registration notice', { type: 'REGISTRATION_NOTICE' }, 'REGISTRATION_NOTICE'],
    ['a migration card', { type: 'MIGRATION_CARD' }, 'MIGRATION_CARD'],
    ['a passport: per issuing country', { type: 'PASSPORT', issuingCountry: 'UZ' }, 'PASSPORT:UZ'],
    ['a passport country in lower case', { type: 'PASSPORT', issuingCountry: 'uz' }, 'PASSPORT:UZ'],
    ['a contract: per employer', { type: 'LABOUR_CONTRACT', employerId: EMPLOYER_A }, `LABOUR_CONTRACT:${EMPLOYER_A}`],
    ['a contract without an employer (recorded before)', { type: 'LABOUR_CONTRACT', employerId: null }, null],
    ['a medical certificate: several may be held', { type: 'MEDICAL_CERTIFICATE' }, null],
    ['an INN', { type: 'INN' }, null],
  ])('%s', (_name, doc, expected) => expect(slotOf(doc)).toBe(expected));
});

describe('currentInTheWay', () => {
  const patent: SlotDocument = { id: 'p1', type: 'PATENT', status: 'VALID' };
  const uzPassport: SlotDocument = { id: 'pp-uz', type: 'PASSPORT', status: 'VALID', issuingCountry: 'UZ' };
  const contractA: SlotDocument = { id: 'c-a', type: 'LABOUR_CONTRACT', status: 'VALID', employerId: EMPLOYER_A };
  const oldPatent: SlotDocument = { id: 'p0', type: 'PATENT', status: 'SUPERSEDED' };
  const revokedPermit: SlotDocument = { id: 'wp', type: 'WORK_PERMIT', status: 'REVOKED' };
  const medical: SlotDocument = { id: 'm1', type: 'MEDICAL_CERTIFICATE', status: 'VALID' };
  const held = [oldPatent, patent, uzPassport, contractA, revokedPermit, medical];

  it.each<[string, Parameters<typeof currentInTheWay>[0], string | null]>([
    ['a second patent without supersedes', { type: 'PATENT' }, 'p1'],
    ['a patent renewing the current one', { type: 'PATENT', supersedes: 'p1' }, null],
    ['a patent "renewing" an old one while another is current', { type: 'PATENT', supersedes: 'p0' }, 'p1'],
    ['a passport of the same country', { type: 'PASSPORT', issuingCountry: 'UZ' }, 'pp-uz'],
    ['a passport of another country', { type: 'PASSPORT', issuingCountry: 'KG' }, null],
    ['a passport renewal', { type: 'PASSPORT', issuingCountry: 'UZ', supersedes: 'pp-uz' }, null],
    ['a contract with the same employer', { type: 'LABOUR_CONTRACT', employerId: EMPLOYER_A }, 'c-a'],
    ['a contract with another employer', { type: 'LABOUR_CONTRACT', employerId: EMPLOYER_B }, null],
    ['a work permit when the only one is revoked', { type: 'WORK_PERMIT' }, null],
    ['a second medical certificate', { type: 'MEDICAL_CERTIFICATE' }, null],
    ['a first migration card', { type: 'MIGRATION_CARD' }, null],
  ])('%s', (_name, next, expected) => expect(currentInTheWay(next, held)?.id ?? null).toBe(expected));

  it('finds nothing in an empty dossier', () => expect(currentInTheWay({ type: 'PATENT' }, [])).toBeNull());
});

describe('slotFieldProblems', () => {
  it.each<[string, Parameters<typeof slotFieldProblems>[0], string[]]>([
    ['a passport with its country', { type: 'PASSPORT', issuingCountry: 'UZ' }, []],
    ["a passport without one (the worker's citizenship is taken)", { type: 'PASSPORT' }, []],
    ['a contract with its employer', { type: 'LABOUR_CONTRACT', employerId: EMPLOYER_A }, []],
    ['a contract without an employer', { type: 'LABOUR_CONTRACT' }, ['employerId']],
    ['a patent with an issuing country', { type: 'PATENT', issuingCountry: 'UZ' }, ['issuingCountry']],
    ['a patent with an employer', { type: 'PATENT', employerId: EMPLOYER_A }, ['employerId']],
    ['a contract with a country', { type: 'LABOUR_CONTRACT', employerId: EMPLOYER_A, issuingCountry: 'UZ' }, ['issuingCountry']],
  ])('%s', (_name, input, fields) => expect(slotFieldProblems(input).map((p) => p.field)).toEqual(fields));
});
