import type { NotificationInput } from '../../notifications/notifications.repository';

/** What an order notice says: the order and the work it recruits for (never the employer's name). */
export interface OrderSummary {
  id: string;
  candidatesRequested: number;
  partnerAgencyName: string;
  occupationCode: string;
  periodStart: string;
  periodEnd: string;
  preferredCitizenships: string[];
}

/** The in-app notices of recruitment orders, addressed to the liaison officers of the order's agency. Pure. */
export const RecruitmentNotices = {
  orderCreated: (o: OrderSummary): NotificationInput => ({
    kind: 'recruitment_order.created',
    title: `New recruitment order for ${o.partnerAgencyName}`,
    body:
      `The Centre asks ${o.partnerAgencyName} for ${o.candidatesRequested} ` +
      `candidate${o.candidatesRequested === 1 ? '' : 's'} of occupation ${o.occupationCode}` +
      `${o.preferredCitizenships.length ? ` (${o.preferredCitizenships.join(', ')})` : ''}, ` +
      `to work from ${o.periodStart} to ${o.periodEnd}. Propose workers of the agency on the order.`,
    entityType: 'recruitment_order',
    entityId: o.id,
  }),
};
