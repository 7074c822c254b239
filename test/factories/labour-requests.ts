import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/actor';
import { Role } from '../../src/access/permissions';
import { AppError } from '../../src/common/errors/app-error';
import { LabourRequestsService } from '../../src/labour-requests/labour-requests.service';
import { QuotaAllocationsService } from '../../src/labour-requests/quota-allocations.service';
import { quotaKeyFor, remaining } from '../../src/labour-requests/quota.rules';
import type { TestApp } from '../support/app';
import { systemActor } from './users';

/** Labour-request test data, made through the same services the API uses. */
export interface RequestOptions {
  occupationCode?: string;
  workersRequested?: number;
  preferredCitizenships?: string[];
  periodStart?: string;
  periodEnd?: string;
  monthlyWageRub?: number;
  hoursPerWeek?: number;
  housingProvided?: boolean;
  mealsProvided?: boolean;
  workPlace?: string;
}

export function requestInput(o: RequestOptions = {}) {
  return {
    occupationCode: o.occupationCode ?? '7112',
    workersRequested: o.workersRequested ?? 5,
    preferredCitizenships: o.preferredCitizenships ?? ['UZ'],
    periodStart: o.periodStart ?? '2026-04-01',
    periodEnd: o.periodEnd ?? '2026-11-30',
    workPlace: o.workPlace ?? 'Omsk, ul. 10 let Oktyabrya 195',
    monthlyWageRub: o.monthlyWageRub ?? 60_000,
    hoursPerWeek: o.hoursPerWeek ?? 40,
    housingProvided: o.housingProvided ?? true,
    mealsProvided: o.mealsProvided ?? false,
  };
}

/** An actor of the employer's own staff (as an EMPLOYER user of that organisation would be). */
export const employerActor = (employerId: string): Actor => ({ ...systemActor(randomUUID()), role: Role.EMPLOYER, employerId });

/** A DRAFT request of `employerId`, created as the employer. */
export async function createDraftRequest(t: TestApp, employerId: string, o: RequestOptions = {}) {
  return t.app.get(LabourRequestsService).create(employerActor(employerId), requestInput(o));
}

/** A SUBMITTED request of `employerId`: drafted and submitted by the employer. */
export async function createSubmittedRequest(t: TestApp, employerId: string, o: RequestOptions = {}) {
  const draft = await createDraftRequest(t, employerId, o);
  return t.app.get(LabourRequestsService).submit(employerActor(employerId), draft.id);
}

/**
 * Makes sure the allocation the request counts against has room for `count` more places: the
 * matching one gets a higher limit, or an overall allocation of the year is created.
 */
export async function ensureQuota(t: TestApp, input: ReturnType<typeof requestInput>, count: number, attempts = 5): Promise<void> {
  const quotas = t.app.get(QuotaAllocationsService);
  const key = quotaKeyFor(input);
  const match = await quotas.matching(key);
  try {
    if (!match) await quotas.create(systemActor(), { year: key.year, limit: count + 1000, note: 'test factory' });
    else if (remaining(match) < count) await quotas.update(systemActor(), match.id, { limit: match.approved + count + 1000 }, `"${match.version}"`);
  } catch (e) {
    // a factory running in parallel created or changed it first (409/412): look again
    if (attempts > 1 && e instanceof AppError && (e.status === 409 || e.status === 412)) return ensureQuota(t, input, count, attempts - 1);
    throw e;
  }
}

/** A request of `employerId` approved for `approvedCount` places (all requested by default) by staff. */
export async function createApprovedRequest(t: TestApp, employerId: string, o: RequestOptions & { approvedCount?: number } = {}) {
  const input = requestInput(o);
  const approvedCount = o.approvedCount ?? input.workersRequested;
  const submitted = await createSubmittedRequest(t, employerId, o);
  await ensureQuota(t, input, approvedCount);
  const partial = approvedCount !== input.workersRequested;
  return t.app
    .get(LabourRequestsService)
    .decide(systemActor(), submitted.id, partial ? { decision: 'PARTIALLY_APPROVED', approvedCount, reason: 'test factory: partial' } : { decision: 'APPROVED' });
}
