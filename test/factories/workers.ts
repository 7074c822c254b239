import { DocumentsService } from '../../src/workers/documents/documents.service';
import { WorkersService } from '../../src/workers/workers.service';
import type { CreateWorkerDto } from '../../src/workers/dto/worker.dto';
import type { TestApp } from '../support/app';
import { systemActor } from './users';

let n = 0;

export function workerInput(overrides: Partial<CreateWorkerDto> = {}): CreateWorkerDto {
  n += 1;
  const day = String((n % 28) + 1).padStart(2, '0');
  return {
    lastNameCyr: 'Каримов',
    firstNameCyr: 'Фаррух',
    lastNameLat: 'KARIMOV',
    firstNameLat: 'FARRUKH',
    birthDate: `19${60 + (n % 40)}-0${(n % 9) + 1}-${day}`,
    sex: 'MALE',
    citizenship: 'UZ',
    recruitmentChannel: 'WALK_IN',
    occupations: ['bricklayer'],
    ...overrides,
  };
}

/** A dossier opened through WorkersService (duplicates allowed: factories make many similar people). */
export async function createWorker(t: TestApp, overrides: Partial<CreateWorkerDto> = {}) {
  return t.app.get(WorkersService).create(systemActor(), workerInput(overrides), true);
}

/**
 * A worker who may be placed: a walk-in (created at ARRIVED) moved on to READY_TO_WORK, with a
 * patent when one is given (patent-regime citizens need one to work; EAEU citizens do not).
 */
export async function readyWorker(t: TestApp, citizenship = 'KG', patent?: { issuedOn: string; expiresOn: string }) {
  const w = await createWorker(t, { citizenship });
  if (patent) {
    await t.app
      .get(DocumentsService)
      .create(systemActor(), w.id, { type: 'PATENT', number: '55 1234567', issuer: 'УВМ УМВД России по Омской области', ...patent });
  }
  for (const to of ['DOCUMENTS_IN_PROGRESS', 'READY_TO_WORK'] as const) {
    await t.app.get(WorkersService).transition(systemActor(), w.id, { to, reason: 'papers done' });
  }
  return w;
}
