import type { NotificationInput } from '../notifications/notifications.repository';
import type { Party } from './negotiation.rules';

/** 62000 → '62 000 ₽'. */
const rub = (n: number) => `${String(n).replace(/\B(?=(\d{3})+$)/g, ' ')} ₽`;
const who = (party: Party) => (party === 'CENTRE' ? 'the Centre' : 'the employer');
const about = (labourRequestId: string) => ({ entityType: 'labour_request', entityId: labourRequestId });

export interface OfferSummary {
  monthlyWageRub: number;
  hoursPerWeek: number;
  netEstimateRub: number;
  housingProvided: boolean;
  mealsProvided: boolean;
  deductionsRub: number;
}

const extras = (o: OfferSummary) => [o.housingProvided ? 'housing' : '', o.mealsProvided ? 'meals' : ''].filter(Boolean).join(' and ') || 'no housing or meals';

/** The in-app notices of a negotiation, addressed to the party that did not act. Pure. */
export const NegotiationNotices = {
  offer: (labourRequestId: string, by: Party, o: OfferSummary): NotificationInput => ({
    kind: 'negotiation.offer',
    title: `New wage offer from ${who(by)}`,
    body:
      `${rub(o.monthlyWageRub)} a month gross for ${o.hoursPerWeek} h a week, ${extras(o)}, ` +
      `deductions ${rub(o.deductionsRub)}; net about ${rub(o.netEstimateRub)}. Accept it or make a counter-offer.`,
    ...about(labourRequestId),
  }),
  agreed: (labourRequestId: string, by: Party, monthlyWageRub: number): NotificationInput => ({
    kind: 'negotiation.agreed',
    title: 'Wage agreed',
    body: `${who(by).replace(/^t/, 'T')} accepted the offer of ${rub(monthlyWageRub)} a month; it is now the agreed wage of the labour request.`,
    ...about(labourRequestId),
  }),
  brokenOff: (labourRequestId: string, by: Party, reason: string): NotificationInput => ({
    kind: 'negotiation.broken_off',
    title: 'Wage negotiation broken off',
    body: `${who(by).replace(/^t/, 'T')} broke off the negotiation: ${reason}`,
    ...about(labourRequestId),
  }),
  reopened: (labourRequestId: string): NotificationInput => ({
    kind: 'negotiation.reopened',
    title: 'Wage negotiation reopened',
    body: 'The Centre reopened the wage negotiation; the last offer is on the table again.',
    ...about(labourRequestId),
  }),
};
