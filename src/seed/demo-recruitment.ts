import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { LabourRequestsService } from '../labour-requests/labour-requests.service';
import { QuotaAllocationsService } from '../labour-requests/quota-allocations.service';
import { ArrivalsService } from '../labour-requests/recruitment/arrivals.service';
import { RecruitmentService } from '../labour-requests/recruitment/recruitment.service';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { ContractNotificationsService } from '../placements/contract-notifications.service';
import { PlacementsService } from '../placements/placements.service';
import { DocumentsService } from '../workers/documents/documents.service';
import { PatentPaymentsService } from '../workers/documents/patent-payments.service';
import { addDays } from '../workers/documents/patent.rules';
import { WorkersService } from '../workers/workers.service';

export interface DemoActors {
  /** The administrator sets the yearly limits. */
  admin: Actor;
  staff: Actor;
  liaison: Actor;
  /** A user of the first demo employer. */
  employer: Actor;
}

interface Demo {
  actors: DemoActors;
  /** The four demo employers: construction, agriculture, bakery, and a shop in a sector banned to patent holders. */
  employerIds: string[];
  agencyIds: string[];
  today: string;
}

const OFFER = { housingProvided: true, mealsProvided: false, includesOvertime: false };

/**
 * The Centre's business as a demo: quota allocations near exhaustion, labour requests in every
 * status, a negotiation agreed and one open, a recruitment order with candidates on a train, and
 * placements with their MVD notices. Everything goes through the services the API uses, as the
 * real users would (the employer drafts and negotiates, staff decide and place, the liaison
 * officer proposes candidates), so every row has its audit trail.
 */
export async function seedDemoRecruitment(app: INestApplicationContext, demo: Demo): Promise<void> {
  const get = <T>(type: new (...args: never[]) => T): T => app.get(type, { strict: false });
  const requests = get(LabourRequestsService);
  const negotiations = get(NegotiationsService);
  const placements = get(PlacementsService);
  const { staff, employer } = demo.actors;
  // the first employer (construction) is the demo employer user's own: its requests are made by that user
  const {
    employerIds: [, farm, bakery, shop],
    today,
  } = demo;
  const year = Number(today.slice(0, 4));
  const period = { periodStart: addDays(today, -30), periodEnd: addDays(today, 240), workPlace: 'Омск' };

  const quotas = get(QuotaAllocationsService);
  const { admin } = demo.actors;
  await quotas.create(admin, { year, limit: 120, note: 'The Centre’s overall limit for the year (demo)' });
  await quotas.create(admin, { year, occupationCode: '7112', limit: 12, note: 'Bricklayers (demo)' });
  await quotas.create(admin, { year, citizenship: 'TJ', limit: 6, note: 'Citizens of Tajikistan (demo)' });

  const draft = (
    who: Actor,
    employerId: string | undefined,
    occupationCode: string,
    workersRequested: number,
    preferredCitizenships: string[],
    monthlyWageRub: number,
  ) =>
    requests.create(who, {
      ...(employerId ? { employerId } : {}),
      ...period,
      occupationCode,
      workersRequested,
      preferredCitizenships,
      monthlyWageRub,
      hoursPerWeek: 40,
      housingProvided: true,
      mealsProvided: false,
    });
  const submitted = async (...args: Parameters<typeof draft>) => requests.submit(args[0], (await draft(...args)).id);

  // 1. Bricklayers: wage agreed after a counter-offer, approved (10 of the 12 bricklayer places), two placed, more on the way
  const bricklayers = await submitted(employer, undefined, '7112', 10, ['UZ'], 62_000);
  await negotiations.offer(staff, bricklayers.id, {
    ...OFFER,
    monthlyWageRub: 70_000,
    hoursPerWeek: 40,
    deductionsRub: 5_000,
    note: 'Centre: local bricklayers earn 78 000',
  });
  const counter = await negotiations.offer(employer, bricklayers.id, {
    ...OFFER,
    monthlyWageRub: 66_000,
    hoursPerWeek: 40,
    deductionsRub: 5_000,
    note: 'Housing in the site hostel',
  });
  await negotiations.accept(staff, bricklayers.id, { offerId: counter.offers[counter.offers.length - 1].id });
  await requests.decide(staff, bricklayers.id, { decision: 'APPROVED' });
  const placed = [await readyWorker(app, staff, 'UZ', 0, today), await readyWorker(app, staff, 'UZ', 1, today)];
  for (const [i, workerId] of placed.entries()) {
    const startDate = addDays(today, -14 + i);
    const p = await placements.create(staff, { labourRequestId: bricklayers.id, workerId, startDate });
    // the first notice on time, the second a week late: it counts against the employer's risk
    await get(ContractNotificationsService).record(employer, p.id, {
      kind: 'CONCLUSION',
      notifiedOn: addDays(startDate, i === 0 ? 1 : 9),
      reference: `MVD-55-${1000 + i}`,
    });
  }
  await orderCandidates(app, demo, bricklayers.id);

  // 2. Concrete workers: submitted, the wage still being negotiated
  const concrete = await submitted(employer, undefined, '7114', 6, ['UZ', 'TJ'], 45_000);
  await negotiations.offer(staff, concrete.id, { ...OFFER, monthlyWageRub: 52_000, hoursPerWeek: 40, deductionsRub: 4_000, note: 'Centre proposal' });
  await negotiations.offer(employer, concrete.id, {
    ...OFFER,
    monthlyWageRub: 47_000,
    hoursPerWeek: 40,
    deductionsRub: 4_000,
    note: 'Our budget for the season',
  });

  // 3. Farm labourers from Tajikistan: 5 of 8 approved (the TJ limit has 1 place left)
  const farmhands = await submitted(staff, farm, '9211', 8, ['TJ'], 42_000);
  await requests.decide(staff, farmhands.id, {
    decision: 'PARTIALLY_APPROVED',
    approvedCount: 5,
    reason: 'Only 5 places are left on this year’s limit for Tajikistan',
  });

  // 4. Bakers: still a draft
  await draft(staff, bakery, '7512', 2, [], 48_000);

  // 5. A shop in a sector closed to patent holders: rejected
  const shopHands = await submitted(staff, shop, '4321', 3, ['UZ'], 40_000);
  await requests.decide(staff, shopHands.id, { decision: 'REJECTED', reason: 'Retail trade (ОКВЭД 47.11) is closed to patent holders by the regional ban' });

  // 6. Loaders: withdrawn by the employer before submission
  await requests.withdraw(staff, (await draft(staff, bakery, '9333', 3, ['KG'], 45_000)).id);

  // 7. Seasonal farm hands: approved, then closed unfilled (the places go back to the limit)
  const seasonal = await submitted(staff, farm, '9211', 2, ['KG'], 42_000);
  await requests.decide(staff, seasonal.id, { decision: 'APPROVED' });
  await requests.close(staff, seasonal.id);

  // 8. A cook: approved and filled
  const cook = await submitted(staff, bakery, '5120', 1, ['KG'], 50_000);
  await requests.decide(staff, cook.id, { decision: 'APPROVED' });
  const cookPlaced = await placements.create(staff, {
    labourRequestId: cook.id,
    workerId: await readyWorker(app, staff, 'KG', 2, today),
    startDate: addDays(today, -3),
  });
  // ...and ended after two days: the cook is between jobs (the only demo worker who is: that state comes from an ended placement)
  await placements.end(staff, cookPlaced.id, { endDate: addDays(today, -1), reason: 'Left by mutual agreement during probation (demo)' });
}

const PEOPLE: Record<string, [string, string, string, string][]> = {
  UZ: [
    ['Эргашев', 'ERGASHEV', 'Улугбек', 'ULUGBEK'],
    ['Тошматов', 'TOSHMATOV', 'Жасур', 'JASUR'],
    ['Холматов', 'KHOLMATOV', 'Сардор', 'SARDOR'],
  ],
  KG: [
    ['Абдыкадыров', 'ABDYKADYROV', 'Эрлан', 'ERLAN'],
    ['Турдубаев', 'TURDUBAEV', 'Бакыт', 'BAKYT'],
    ['Сыдыков', 'SYDYKOV', 'Талант', 'TALANT'],
  ],
};

/** A worker who walked in two months ago and whose papers are in order (a paid-up patent for a patent-regime citizen), ready to work. */
async function readyWorker(app: INestApplicationContext, staff: Actor, citizenship: 'UZ' | 'KG', n: number, today: string): Promise<string> {
  const [lastNameCyr, lastNameLat, firstNameCyr, firstNameLat] = PEOPLE[citizenship][n % 3];
  const workers = app.get(WorkersService, { strict: false });
  const w = await workers.create(
    staff,
    {
      lastNameCyr,
      lastNameLat,
      firstNameCyr,
      firstNameLat,
      birthDate: `${1985 + n}-0${n + 3}-1${n}`,
      sex: 'MALE',
      citizenship,
      languages: [citizenship === 'UZ' ? 'uz' : 'ky', 'ru'],
      occupations: ['bricklayer'],
      recruitmentChannel: 'WALK_IN',
      consentGivenOn: addDays(today, -45),
      consentScope: 'case management; referral to authorities with separate consent',
      arrivalDate: addDays(today, -60),
    },
    false,
  );
  if (citizenship === 'UZ') {
    const documents = app.get(DocumentsService, { strict: false });
    const issuedOn = addDays(today, -40);
    const patent = await documents.create(staff, w.id, {
      type: 'PATENT',
      number: `55 ${20000000 + n * 7907}`,
      issuedOn,
      expiresOn: addDays(issuedOn, 360),
      issuer: 'УВМ УМВД России по Омской области',
    });
    await app.get(PatentPaymentsService, { strict: false }).record(staff, w.id, { documentId: patent.id, paidOn: issuedOn, months: 6, amountRub: 9000 });
  }
  for (const to of ['DOCUMENTS_IN_PROGRESS', 'READY_TO_WORK'] as const) await workers.transition(staff, w.id, { to, reason: 'demo history' });
  return w.id;
}

/** An order to the Uzbek partner agency: the liaison officer proposes two candidates, staff select them, they are on a train. */
async function orderCandidates(app: INestApplicationContext, demo: Demo, labourRequestId: string): Promise<void> {
  const { staff, liaison } = demo.actors;
  const recruitment = app.get(RecruitmentService, { strict: false });
  const workers = app.get(WorkersService, { strict: false });
  const order = await recruitment.create(liaison, labourRequestId, {
    partnerAgencyId: demo.agencyIds[0],
    candidatesRequested: 4,
    note: 'Experienced bricklayers, Samarkand region',
  });
  const candidates: string[] = [];
  for (const [i, [lastNameCyr, lastNameLat, firstNameCyr, firstNameLat]] of [
    ['Исмоилов', 'ISMOILOV', 'Бобур', 'BOBUR'],
    ['Нуриддинов', 'NURIDDINOV', 'Отабек', 'OTABEK'],
  ].entries()) {
    const w = await workers.create(
      liaison,
      {
        lastNameCyr,
        lastNameLat,
        firstNameCyr,
        firstNameLat,
        birthDate: `199${i}-05-2${i}`,
        sex: 'MALE',
        citizenship: 'UZ',
        languages: ['uz', 'ru'],
        occupations: ['bricklayer'],
        recruitmentChannel: 'PARTNER_AGENCY',
        partnerAgencyId: demo.agencyIds[0],
      },
      false,
    );
    await recruitment.propose(liaison, order.id, { workerId: w.id });
    await recruitment.decide(staff, order.id, w.id, 'SELECTED');
    candidates.push(w.id);
  }
  await app
    .get(ArrivalsService, { strict: false })
    .create(liaison, order.id, { expectedOn: addDays(demo.today, 5), transport: 'train 092Ы Tashkent – Omsk, car 7', workerIds: candidates });
}
