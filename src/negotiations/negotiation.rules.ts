/**
 * The wage negotiation of a labour request: its states and the moves between them. Pure.
 *
 * (none) ─offer─▶ OPEN ─offer─▶ OPEN (the new offer supersedes the one on the table)
 * OPEN ─accept─▶ AGREED        only the latest offer, only by the party that did not make it
 * OPEN ─break-off─▶ BROKEN_OFF either party, with a reason
 * BROKEN_OFF ─reopen─▶ OPEN    the Centre's staff only (the permission); the offer on the table stays
 * AGREED is final: the accepted terms are the request's agreed wage and never change.
 *
 * Offers, acceptances and reopenings are only possible while the labour request itself is under
 * review or approved (SUBMITTED, APPROVED, PARTIALLY_APPROVED); breaking off is always possible
 * while the negotiation is open.
 */

export type NegotiationStatus = 'OPEN' | 'AGREED' | 'BROKEN_OFF';
export type Party = 'CENTRE' | 'EMPLOYER';
export type NegotiationMove = 'OFFER' | 'ACCEPT' | 'BREAK_OFF' | 'REOPEN';

/** Request statuses in which the wage may be negotiated. */
export const NEGOTIABLE_REQUEST_STATUSES = ['SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED'] as const;

/** The party a role speaks for; null for a role that never takes part (liaison officers). */
export function partyOfRole(role: string): Party | null {
  if (role === 'ADMIN' || role === 'STAFF') return 'CENTRE';
  if (role === 'EMPLOYER') return 'EMPLOYER';
  return null;
}

export const otherParty = (party: Party): Party => (party === 'CENTRE' ? 'EMPLOYER' : 'CENTRE');

/** Where the negotiation stands; `status: null` when no offer has been made yet. */
export interface NegotiationState {
  requestStatus: string;
  status: NegotiationStatus | null;
  latestOfferId: string | null;
  latestParty: Party | null;
}

export interface MoveInput {
  move: NegotiationMove;
  party: Party;
  /** ACCEPT: the offer the caller accepts, and whether it belongs to this negotiation at all. */
  offerId?: string;
  offerKnown?: boolean;
}

export type MoveProblemCode =
  | 'REQUEST_NOT_NEGOTIABLE'
  | 'NEGOTIATION_NOT_FOUND'
  | 'NEGOTIATION_NOT_OPEN'
  | 'NEGOTIATION_NOT_BROKEN_OFF'
  | 'OFFER_UNKNOWN'
  | 'OFFER_SUPERSEDED'
  | 'CANNOT_ACCEPT_OWN_OFFER'
  | 'REOPEN_BY_CENTRE_ONLY';

export interface MoveProblem {
  code: MoveProblemCode;
  message: string;
}

const STATUS_AFTER: Record<NegotiationMove, NegotiationStatus> = { OFFER: 'OPEN', ACCEPT: 'AGREED', BREAK_OFF: 'BROKEN_OFF', REOPEN: 'OPEN' };

/** The status a legal move leads to. */
export const statusAfter = (move: NegotiationMove): NegotiationStatus => STATUS_AFTER[move];

const negotiable = (requestStatus: string) => (NEGOTIABLE_REQUEST_STATUSES as readonly string[]).includes(requestStatus);

const problem = (code: MoveProblemCode, message: string): MoveProblem => ({ code, message });

/** null when `input` is a legal move from `state`; otherwise the reason it is not. */
export function moveProblem(state: NegotiationState, input: MoveInput): MoveProblem | null {
  const needsRequest = input.move !== 'BREAK_OFF';
  if (needsRequest && !negotiable(state.requestStatus)) {
    return problem(
      'REQUEST_NOT_NEGOTIABLE',
      `the wage of a ${state.requestStatus} labour request cannot be negotiated (only ${NEGOTIABLE_REQUEST_STATUSES.join(', ')})`,
    );
  }
  if (state.status === null) {
    return input.move === 'OFFER' ? null : problem('NEGOTIATION_NOT_FOUND', 'no offer has been made on this labour request yet');
  }
  switch (input.move) {
    case 'OFFER':
    case 'BREAK_OFF':
      return state.status === 'OPEN' ? null : problem('NEGOTIATION_NOT_OPEN', `the negotiation is ${state.status}`);
    case 'REOPEN':
      if (input.party !== 'CENTRE') return problem('REOPEN_BY_CENTRE_ONLY', 'only the Centre reopens a negotiation');
      return state.status === 'BROKEN_OFF'
        ? null
        : problem('NEGOTIATION_NOT_BROKEN_OFF', `only a broken-off negotiation can be reopened; it is ${state.status}`);
    case 'ACCEPT':
      if (state.status !== 'OPEN') return problem('NEGOTIATION_NOT_OPEN', `the negotiation is ${state.status}`);
      if (!input.offerKnown) return problem('OFFER_UNKNOWN', 'no such offer in this negotiation');
      if (input.offerId !== state.latestOfferId) return problem('OFFER_SUPERSEDED', 'a later offer superseded this one; only the latest offer can be accepted');
      if (state.latestParty === input.party)
        return problem('CANNOT_ACCEPT_OWN_OFFER', 'a party cannot accept its own offer; the other party accepts it or counters');
      return null;
  }
}
