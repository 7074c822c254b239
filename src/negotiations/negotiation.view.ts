import type { NegotiationDto, OfferDto, OfferTermsDto } from './dto/negotiation.dto';
import type { NegotiationRecord } from './negotiations.repository';
import type { NegotiationState, Party } from './negotiation.rules';
import { localWageGapPct } from './offer.rules';

type OfferRecord = NegotiationRecord['offers'][number];

const terms = (o: OfferRecord): OfferTermsDto => ({
  offerId: o.id,
  monthlyWageRub: o.monthlyWageRub,
  hoursPerWeek: o.hoursPerWeek,
  includesOvertime: o.includesOvertime,
  housingProvided: o.housingProvided,
  mealsProvided: o.mealsProvided,
  deductionsRub: o.deductionsRub,
});

function offerDto(o: OfferRecord, latestOfferId: string | null): OfferDto {
  const { offerId: _id, ...t } = terms(o);
  return {
    id: o.id,
    seq: o.seq,
    party: o.party,
    madeById: o.madeById,
    ...t,
    note: o.note,
    floorRub: o.floorRub,
    netEstimateRub: o.netEstimateRub,
    localWageRub: o.localWageRub,
    localWageGapPct: localWageGapPct(o.monthlyWageRub, o.localWageRub),
    superseded: o.id !== latestOfferId,
    createdAt: o.createdAt.toISOString(),
  };
}

/** The negotiation as every party sees it (employers too see the gap to the local wage: that table is public reference data). */
export function negotiationDto(n: NegotiationRecord): NegotiationDto {
  const agreed = n.agreedOfferId ? n.offers.find((o) => o.id === n.agreedOfferId) : undefined;
  return {
    id: n.id,
    labourRequestId: n.labourRequestId,
    status: n.status,
    latestOfferId: n.latestOfferId,
    agreedTerms: n.status === 'AGREED' && agreed ? terms(agreed) : null,
    agreedAt: n.agreedAt?.toISOString() ?? null,
    brokenOffReason: n.brokenOffReason,
    brokenOffAt: n.brokenOffAt?.toISOString() ?? null,
    offers: n.offers.map((o) => offerDto(o, n.latestOfferId)),
    version: n.version,
    createdAt: n.createdAt.toISOString(),
  };
}

/** The rule input (negotiation.rules.ts) of a request and its negotiation, if any. */
export function stateOf(requestStatus: string, n: NegotiationRecord | null): NegotiationState {
  const latest = n?.offers.find((o) => o.id === n.latestOfferId);
  return { requestStatus, status: n?.status ?? null, latestOfferId: n?.latestOfferId ?? null, latestParty: (latest?.party as Party | undefined) ?? null };
}

export const latestOfferOf = (n: NegotiationRecord, party?: Party): OfferRecord | undefined =>
  [...n.offers].reverse().find((o) => (party ? o.party === party : o.id === n.latestOfferId));
