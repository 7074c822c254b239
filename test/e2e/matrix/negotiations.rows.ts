import type { Actor } from '../../../src/access/actor';
import { Role } from '../../../src/access/permissions';
import { NegotiationsService } from '../../../src/negotiations/negotiations.service';
import { NotificationsService } from '../../../src/notifications/notifications.service';
import { createApprovedRequest } from '../../factories/labour-requests';
import { systemActor } from '../../factories/users';
import { defineArea } from './matrix.types';

const TERMS = { monthlyWageRub: 62_000, hoursPerWeek: 40, housingProvided: true, mealsProvided: false, deductionsRub: 6_000 };

/** Wage negotiations of the EMPLOYER user's own requests, and in-app notifications. */
export const negotiationsArea = defineArea({
  async setup(t, base) {
    const negotiations = t.app.get(NegotiationsService);
    const centre = systemActor(base.users.STAFF.id);
    const employer: Actor = { ...systemActor(base.users.EMPLOYER.id), role: Role.EMPLOYER, employerId: base.employer.id };
    const request = () => createApprovedRequest(t, base.employer.id);
    // a negotiation that stays open: every permitted role may add an offer
    const open = await request();
    await negotiations.offer(centre, open.id, TERMS);
    // the employer's offer on the table: the first Centre role accepts it, later ones find it AGREED
    const toAccept = await request();
    const employerOffer = await negotiations.offer(employer, toAccept.id, TERMS);
    // open: the first role breaks it off
    const toBreak = await request();
    await negotiations.offer(centre, toBreak.id, TERMS);
    // broken off: the first staff role reopens it
    const toReopen = await request();
    await negotiations.offer(centre, toReopen.id, TERMS);
    await negotiations.breakOff(centre, toReopen.id, { reason: 'matrix: stalled' });
    // the Centre offers notified the EMPLOYER user: one of its own notices
    const notices = await t.app.get(NotificationsService).list(employer, { limit: 1 });
    return {
      openRequestId: open.id,
      acceptRequestId: toAccept.id,
      employerOfferId: employerOffer.latestOfferId!,
      breakRequestId: toBreak.id,
      reopenRequestId: toReopen.id,
      employerNoticeId: notices.items[0].id,
    };
  },
  rows: {
    'GET /api/v1/labour-requests/:id/negotiation': { path: (c) => `/api/v1/labour-requests/${c.openRequestId}/negotiation`, ok: 200 },
    'POST /api/v1/labour-requests/:id/negotiation/offers': {
      path: (c) => `/api/v1/labour-requests/${c.openRequestId}/negotiation/offers`,
      body: () => TERMS,
      ok: 201,
    },
    'POST /api/v1/labour-requests/:id/negotiation/accept': {
      path: (c) => `/api/v1/labour-requests/${c.acceptRequestId}/negotiation/accept`,
      body: (c) => ({ offerId: c.employerOfferId }),
      ok: 200,
      // the first Centre role agreed: the others find it AGREED (the employer could never accept its own offer)
      alsoOk: [409],
    },
    'POST /api/v1/labour-requests/:id/negotiation/break-off': {
      path: (c) => `/api/v1/labour-requests/${c.breakRequestId}/negotiation/break-off`,
      body: () => ({ reason: 'matrix: no agreement' }),
      ok: 200,
      alsoOk: [409],
    },
    'POST /api/v1/labour-requests/:id/negotiation/reopen': {
      path: (c) => `/api/v1/labour-requests/${c.reopenRequestId}/negotiation/reopen`,
      ok: 200,
      alsoOk: [409],
    },
    'GET /api/v1/notifications': { path: () => '/api/v1/notifications?unread=true', ok: 200 },
    // the EMPLOYER user's own notice: it reads it; for every other user it does not exist
    'POST /api/v1/notifications/:id/read': { path: (c) => `/api/v1/notifications/${c.employerNoticeId}/read`, ok: 404, employer: 200 },
  },
});
