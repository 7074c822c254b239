import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import type { OfferTerms } from './offer.rules';

/** The terms of an accepted offer, which every new placement under the request takes. */
export interface AgreedTerms extends OfferTerms {
  offerId: string;
}

/** An offer's terms (the accepted one's become the request's agreed terms). */
export const termsOf = (o: OfferTerms & { id: string }): AgreedTerms => ({
  offerId: o.id,
  monthlyWageRub: o.monthlyWageRub,
  hoursPerWeek: o.hoursPerWeek,
  includesOvertime: o.includesOvertime,
  housingProvided: o.housingProvided,
  mealsProvided: o.mealsProvided,
  deductionsRub: o.deductionsRub,
});

/** Where a labour request's wage negotiation stands, for the placements' precondition check. */
export type NegotiationState = { status: 'NONE' } | { status: 'OPEN' | 'BROKEN_OFF' } | { status: 'AGREED'; terms: AgreedTerms };

/** Reads a negotiation's outcome; the only Prisma access other modules need of negotiations. */
@Injectable()
export class NegotiationTermsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async stateOf(labourRequestId: string, tx: Tx = this.prisma): Promise<NegotiationState> {
    const n = await tx.negotiation.findUnique({
      where: { labourRequestId },
      select: { status: true, agreedOfferId: true },
    });
    if (!n) return { status: 'NONE' };
    if (n.status !== 'AGREED' || !n.agreedOfferId) return { status: n.status === 'AGREED' ? 'OPEN' : n.status };
    return { status: 'AGREED', terms: termsOf(await tx.negotiationOffer.findUniqueOrThrow({ where: { id: n.agreedOfferId } })) };
  }

  /** The agreed terms, with the time of the agreement, of those of the requests whose negotiation is AGREED. */
  async agreedOf(labourRequestIds: string[], tx: Tx = this.prisma): Promise<Map<string, AgreedTerms & { agreedAt: Date }>> {
    if (!labourRequestIds.length) return new Map();
    const agreed = await tx.negotiation.findMany({
      where: { labourRequestId: { in: labourRequestIds }, status: 'AGREED', agreedOfferId: { not: null } },
      select: { labourRequestId: true, agreedOfferId: true, agreedAt: true },
    });
    if (!agreed.length) return new Map();
    const offers = new Map((await tx.negotiationOffer.findMany({ where: { id: { in: agreed.map((n) => n.agreedOfferId!) } } })).map((o) => [o.id, o]));
    return new Map(
      agreed
        .filter((n) => offers.has(n.agreedOfferId!))
        .map((n) => [n.labourRequestId, { ...termsOf(offers.get(n.agreedOfferId!)!), agreedAt: n.agreedAt ?? offers.get(n.agreedOfferId!)!.createdAt }]),
    );
  }
}
