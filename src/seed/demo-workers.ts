import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { DocumentsService } from '../workers/documents/documents.service';
import { PatentPaymentsService } from '../workers/documents/patent-payments.service';
import { addDays } from '../workers/documents/patent.rules';
import { regimeOf } from '../workers/work-authorization.rules';
import { WorkersService } from '../workers/workers.service';
import { DEMO_AGENCIES, DEMO_FIRST_NAMES, DEMO_LAST_NAMES, DEMO_OCCUPATIONS, DEMO_PATH } from './demo-data';

const COUNT = 50;
/** As far as a demo dossier walks by itself: EMPLOYED comes only with a placement (the recruitment demo makes those). */
const LAST_STOP = DEMO_PATH.indexOf('READY_TO_WORK');

/**
 * Fifty workers of four citizenships spread over the lifecycle, with papers in every state: valid,
 * expiring, expired, missing. Created through the services the API uses, and consistent with the
 * rules they demonstrate: a partner agency recruits in its own country (citizens of a country
 * without a demo agency walk in), whoever is in Russia has an arrival date before their papers.
 */
export async function seedDemoWorkers(app: INestApplicationContext, actor: Actor, agencyIds: string[], today: string): Promise<number> {
  const workers = app.get(WorkersService, { strict: false });
  const documents = app.get(DocumentsService, { strict: false });
  const payments = app.get(PatentPaymentsService, { strict: false });
  for (let i = 0; i < COUNT; i++) {
    const [lastCyr, lastLat, citizenship] = DEMO_LAST_NAMES[i % DEMO_LAST_NAMES.length];
    const [firstCyr, firstLat] = DEMO_FIRST_NAMES[(i * 5) % DEMO_FIRST_NAMES.length];
    const agency = DEMO_AGENCIES.findIndex((a) => a.country === citizenship);
    const viaAgency = i % 3 !== 0 && agency >= 0;
    const target = DEMO_PATH[Math.min(LAST_STOP, viaAgency ? i % DEMO_PATH.length : 3 + (i % (DEMO_PATH.length - 3)))];
    // in Russia since before any paper of theirs (the oldest patent is 200 days old)
    const arrivalDate = addDays(today, -210 - i);
    const w = await workers.create(
      actor,
      {
        lastNameCyr: lastCyr,
        firstNameCyr: firstCyr,
        lastNameLat: lastLat,
        firstNameLat: firstLat,
        birthDate: `${1975 + (i % 25)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        sex: i % 9 === 4 ? 'FEMALE' : 'MALE',
        citizenship,
        languages: [citizenship === 'UZ' ? 'uz' : citizenship === 'TJ' ? 'tg' : 'ky', 'ru'],
        phone: `+7913${String(1000000 + i * 7919).slice(0, 7)}`,
        occupations: [DEMO_OCCUPATIONS[i % DEMO_OCCUPATIONS.length]],
        recruitmentChannel: viaAgency ? 'PARTNER_AGENCY' : 'WALK_IN',
        partnerAgencyId: viaAgency ? agencyIds[agency] : undefined,
        // an agency's candidate consents when recruited abroad, a walk-in at the Centre
        consentGivenOn: addDays(today, viaAgency ? -240 - i : -60 - i),
        consentScope: 'case management; referral to authorities with separate consent',
        arrivalDate: viaAgency ? undefined : arrivalDate,
      },
      false,
    );
    const start = viaAgency ? 0 : 3;
    const walk = DEMO_PATH.slice(start + 1, DEMO_PATH.indexOf(target) + 1);
    // papers before the walk: READY_TO_WORK needs work authorisation, so whoever walks through it has a paid-up patent
    const mustWork = walk.includes('READY_TO_WORK');
    if (DEMO_PATH.indexOf(target) >= 3) await papers(w, i, citizenship, mustWork); // else still abroad: no Russian papers yet
    for (const to of walk) {
      await workers.transition(actor, w.id, { to, reason: 'demo history' });
      if (to === 'ARRIVED') await workers.update(actor, w.id, { arrivalDate }, '*');
    }
  }
  return COUNT;

  async function papers(w: { id: string }, i: number, citizenship: string, mustWork: boolean): Promise<void> {
    await documents.create(actor, w.id, {
      type: 'PASSPORT',
      number: `FA${String(3000000 + i * 7333).slice(0, 7)}`,
      issuedOn: '2020-03-01',
      expiresOn: '2030-02-28',
      issuer: 'Passport office',
    });
    if (i % 5 === 0 && !mustWork) return; // papers missing
    if (regimeOf(citizenship) === 'PATENT') {
      // every fourth patent lapsed (never for a worker who must be able to work), every fourth about to, the rest paid ahead
      const state = mustWork && i % 4 === 0 ? 2 : i % 4;
      const issuedOn = addDays(today, state === 0 ? -200 : -40);
      const patent = await documents.create(actor, w.id, {
        type: 'PATENT',
        number: `55 ${String(10000000 + i * 104729).slice(0, 8)}`,
        issuedOn,
        expiresOn: addDays(issuedOn, 360),
        issuer: 'УВМ УМВД России по Омской области',
      });
      await payments.record(actor, w.id, { documentId: patent.id, paidOn: issuedOn, months: state <= 1 ? 2 : 6, amountRub: 9000 });
    } else {
      await documents.create(actor, w.id, {
        type: 'REGISTRATION_NOTICE',
        issuedOn: addDays(today, -20),
        expiresOn: addDays(today, i % 4 === 1 ? 10 : 70),
        issuer: 'МФЦ Омск',
      });
    }
  }
}
