import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { AgreedTerms, AgreementState, termsOf } from './offer.rules';

/** Reads a negotiation's outcome; the only Prisma access other modules need of negotiations. */
@Injectable()
export class NegotiationTermsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async agreementOf(labourRequestId: string, tx: Tx = this.prisma): Promise<AgreementState> {
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
