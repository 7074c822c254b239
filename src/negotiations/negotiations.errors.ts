import { AppError } from '../common/errors/app-error';
import type { MoveProblem } from './negotiation.rules';
import type { OfferProblem } from './offer.rules';

/** Status of each refused move (negotiation.rules.ts): a state conflict is 409, a wrong offer id 422. */
const MOVE_STATUS: Record<MoveProblem['code'], number> = {
  REQUEST_NOT_NEGOTIABLE: 409,
  NEGOTIATION_NOT_FOUND: 404,
  NEGOTIATION_NOT_OPEN: 409,
  NEGOTIATION_NOT_BROKEN_OFF: 409,
  OFFER_UNKNOWN: 422,
  OFFER_SUPERSEDED: 409,
  CANNOT_ACCEPT_OWN_OFFER: 409,
  REOPEN_BY_CENTRE_ONLY: 403,
};

export const NegotiationErrors = {
  requestNotFound: () => new AppError(404, 'LABOUR_REQUEST_NOT_FOUND', 'The labour request was not found.'),
  notFound: () => new AppError(404, 'NEGOTIATION_NOT_FOUND', 'No wage negotiation has been opened on this labour request yet.'),
  move: (p: MoveProblem, extra: Record<string, unknown> = {}) => {
    const field = p.code === 'OFFER_UNKNOWN' || p.code === 'OFFER_SUPERSEDED' || p.code === 'CANNOT_ACCEPT_OWN_OFFER' ? 'offerId' : 'status';
    return new AppError(MOVE_STATUS[p.code], p.code, capitalised(p.message), { errors: [{ field, message: p.message }], ...extra });
  },
  offerRulesFailed: (problems: OfferProblem[]) =>
    new AppError(
      422,
      'OFFER_RULES_FAILED',
      `The offer breaks ${problems.length} rule${problems.length > 1 ? 's' : ''}: ${problems.map((p) => p.code).join(', ')}.`,
      {
        errors: problems.map(({ field, message, code }) => ({ field, message, code })),
      },
    ),
  changed: () => new AppError(409, 'NEGOTIATION_CHANGED', 'The negotiation changed while your move was being made; reload it and try again.'),
};

function capitalised(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}
