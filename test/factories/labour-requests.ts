import { PrismaService } from '../../src/infra/database/prisma.service';
import type { TestApp } from '../support/app';

/**
 * Labour-request test data. The labour-requests module replaces these bodies with calls to its
 * services (create as the employer, submit, decide as staff) keeping these signatures; until then
 * they write the rows directly.
 */
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

const day = (s: string) => new Date(`${s}T00:00:00Z`);

/** A DRAFT request of `employerId`. */
export async function createDraftRequest(t: TestApp, employerId: string, o: RequestOptions = {}) {
  const input = requestInput(o);
  return t.app.get(PrismaService).labourRequest.create({
    data: { ...input, employerId, periodStart: day(input.periodStart), periodEnd: day(input.periodEnd) },
  });
}

/** A request of `employerId` approved for `approvedCount` places (all requested by default). */
export async function createApprovedRequest(t: TestApp, employerId: string, o: RequestOptions & { approvedCount?: number } = {}) {
  const input = requestInput(o);
  const approvedCount = o.approvedCount ?? input.workersRequested;
  return t.app.get(PrismaService).labourRequest.create({
    data: {
      ...input,
      employerId,
      periodStart: day(input.periodStart),
      periodEnd: day(input.periodEnd),
      status: approvedCount === input.workersRequested ? 'APPROVED' : 'PARTIALLY_APPROVED',
      approvedCount,
      submittedAt: new Date(),
      decidedAt: new Date(),
    },
  });
}
