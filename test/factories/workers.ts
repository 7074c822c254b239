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
