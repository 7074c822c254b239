import type { NegotiationDto, OfferDto, OfferTermsDto } from './dto/negotiation.dto';
import type { NegotiationRecord } from './negotiations.repository';
import type { NegotiationState, Party } from './negotiation.rules';
import { localWageGapPct } from './offer.rules';
import { termsOf } from './offer.rules';

type OfferRecord = NegotiationRecord['offers'][number];

const terms = (o: OfferRecord): OfferTermsDto => termsOf(o);

/** Who looks at a negotiation: the Centre's staff, or a user of the request's employer. */
export type NegotiationViewer = Party;

export const viewerOf = (actor: { role: string }): NegotiationViewer => (actor.role === 'EMPLOYER' ? 'EMPLOYER' : 'CENTRE');

/**
 * The field-level view of an offer, declared once: the employer never sees which Centre user made
 * an offer (staff user ids stay inside the Centre), nor, for symmetry, which of its own users did.
 */
type OptionalOfferField = { [K in keyof OfferDto]-?: undefined extends OfferDto[K] ? K : never }[keyof OfferDto];
const HIDDEN_OFFER_FIELDS: Record<NegotiationViewer, readonly OptionalOfferField[]> = {
  CENTRE: [],
  EMPLOYER: ['madeById'],
};

function offerDto(o: OfferRecord, latestOfferId: string | null, viewer: NegotiationViewer): OfferDto {
  const dto = fullOfferDto(o, latestOfferId);
  for (const field of HIDDEN_OFFER_FIELDS[viewer]) delete dto[field];
  return dto;
}

function fullOfferDto(o: OfferRecord, latestOfferId: string | null): OfferDto {
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

/**
 * The negotiation as `viewer` sees it (employers too see the gap to the local wage: that table is
 * public reference data; they do not see who made each offer: HIDDEN_OFFER_FIELDS).
 */
export function negotiationDto(n: NegotiationRecord, viewer: NegotiationViewer): NegotiationDto {
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
    offers: n.offers.map((o) => offerDto(o, n.latestOfferId, viewer)),
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
