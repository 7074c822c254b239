import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/actor';
import { Role } from '../../src/access/permissions';
import { AppError } from '../../src/common/errors/app-error';
import { Clock } from '../../src/infra/clock/clock';
import { LabourRequestsService } from '../../src/labour-requests/labour-requests.service';
import { QuotaAllocationsService } from '../../src/labour-requests/quota-allocations.service';
import { matchingAllocations, quotaKeyFor, remaining } from '../../src/labour-requests/quota.rules';
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

/** How many factory calls currently hold the app's clock, and what it said before the first. */
const pinned = new WeakMap<Clock, { holders: number; now: Clock['now'] }>();

/**
 * Runs `fn` with the app's clock at `at`. A request may only be submitted while its period is not
 * over: the suite's requests have fixed periods (2026 mostly), so the factory submits each one as on
 * its first day, whatever the real date. Calls that overlap share the pin (the last one's time).
 */
export async function atClock<T>(t: TestApp, at: Date, fn: () => Promise<T>): Promise<T> {
  const clock = t.app.get(Clock);
  const pin = pinned.get(clock) ?? { holders: 0, now: clock.now };
  pinned.set(clock, { ...pin, holders: pin.holders + 1 });
  clock.now = () => new Date(at);
  try {
    return await fn();
  } finally {
    const now = pinned.get(clock)!;
    if (now.holders === 1) {
      pinned.delete(clock);
      clock.now = now.now;
    } else pinned.set(clock, { ...now, holders: now.holders - 1 });
  }
}

/** A SUBMITTED request of `employerId`: drafted and submitted by the employer, as on the first day of its period. */
export async function createSubmittedRequest(t: TestApp, employerId: string, o: RequestOptions = {}) {
  const draft = await createDraftRequest(t, employerId, o);
  return atClock(t, new Date(`${draft.periodStart}T09:00:00Z`), () => t.app.get(LabourRequestsService).submit(employerActor(employerId), draft.id));
}

/**
 * Makes sure every allocation the request counts against has room for `count` more places: those
 * without get a higher limit, or an overall allocation of the year is created when none covers it.
 */
export async function ensureQuota(t: TestApp, input: ReturnType<typeof requestInput>, count: number, attempts = 5): Promise<void> {
  const quotas = t.app.get(QuotaAllocationsService);
  const key = quotaKeyFor(input);
  const ceilings = matchingAllocations(await quotas.forYear(key.year), key);
  try {
    if (!ceilings.length) await quotas.create(systemActor(), { year: key.year, limit: count + 1000, note: 'test factory' });
    for (const a of ceilings) {
      if (remaining(a) < count) await quotas.update(systemActor(), a.id, { limit: a.approved + count + 1000 }, `"${a.version}"`);
    }
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
    .decide(
      systemActor(),
      submitted.id,
      partial ? { decision: 'PARTIALLY_APPROVED', approvedCount, reason: 'test factory: partial' } : { decision: 'APPROVED' },
    );
}
