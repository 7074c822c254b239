import { moveProblem, MoveInput, NegotiationState, otherParty, partyOfRole, statusAfter } from './negotiation.rules';

const open = (latestParty: 'CENTRE' | 'EMPLOYER' = 'CENTRE'): NegotiationState => ({
  requestStatus: 'APPROVED',
  status: 'OPEN',
  latestOfferId: 'o2',
  latestParty,
});
const none: NegotiationState = { requestStatus: 'SUBMITTED', status: null, latestOfferId: null, latestParty: null };
const agreed: NegotiationState = { ...open(), status: 'AGREED' };
const broken: NegotiationState = { ...open(), status: 'BROKEN_OFF' };
const accept = (party: 'CENTRE' | 'EMPLOYER', offerId = 'o2', offerKnown = true): MoveInput => ({ move: 'ACCEPT', party, offerId, offerKnown });

describe('negotiation moves', () => {
  it.each<[string, NegotiationState, MoveInput, string | null]>([
    ['the first offer opens the negotiation', none, { move: 'OFFER', party: 'EMPLOYER' }, null],
    ['the Centre may open it too', none, { move: 'OFFER', party: 'CENTRE' }, null],
    ['a counter-offer while open', open('CENTRE'), { move: 'OFFER', party: 'EMPLOYER' }, null],
    ['a party may revise its own offer', open('CENTRE'), { move: 'OFFER', party: 'CENTRE' }, null],
    ['no offer on an agreed negotiation', agreed, { move: 'OFFER', party: 'EMPLOYER' }, 'NEGOTIATION_NOT_OPEN'],
    ['no offer on a broken-off negotiation', broken, { move: 'OFFER', party: 'CENTRE' }, 'NEGOTIATION_NOT_OPEN'],
    ['no offer on a draft request', { ...none, requestStatus: 'DRAFT' }, { move: 'OFFER', party: 'EMPLOYER' }, 'REQUEST_NOT_NEGOTIABLE'],
    ['no offer on a withdrawn request', { ...open(), requestStatus: 'WITHDRAWN' }, { move: 'OFFER', party: 'CENTRE' }, 'REQUEST_NOT_NEGOTIABLE'],
    ['no offer on a rejected request', { ...open(), requestStatus: 'REJECTED' }, { move: 'OFFER', party: 'CENTRE' }, 'REQUEST_NOT_NEGOTIABLE'],
    ['offers while partially approved', { ...open(), requestStatus: 'PARTIALLY_APPROVED' }, { move: 'OFFER', party: 'CENTRE' }, null],
    // alternation
    ['the employer accepts the Centre offer', open('CENTRE'), accept('EMPLOYER'), null],
    ['the Centre accepts the employer offer', open('EMPLOYER'), accept('CENTRE'), null],
    ['the Centre cannot accept its own offer', open('CENTRE'), accept('CENTRE'), 'CANNOT_ACCEPT_OWN_OFFER'],
    ['the employer cannot accept its own offer', open('EMPLOYER'), accept('EMPLOYER'), 'CANNOT_ACCEPT_OWN_OFFER'],
    ['a superseded offer cannot be accepted', open('CENTRE'), accept('EMPLOYER', 'o1'), 'OFFER_SUPERSEDED'],
    ['an offer of another negotiation is unknown', open('CENTRE'), accept('EMPLOYER', 'x', false), 'OFFER_UNKNOWN'],
    ['nothing to accept before the first offer', none, accept('EMPLOYER'), 'NEGOTIATION_NOT_FOUND'],
    ['an agreed negotiation is not accepted twice', agreed, accept('EMPLOYER'), 'NEGOTIATION_NOT_OPEN'],
    ['a broken-off negotiation cannot be accepted', broken, accept('EMPLOYER'), 'NEGOTIATION_NOT_OPEN'],
    ['no acceptance once the request is closed', { ...open(), requestStatus: 'CLOSED' }, accept('EMPLOYER'), 'REQUEST_NOT_NEGOTIABLE'],
    // break-off
    ['either party breaks off: employer', open(), { move: 'BREAK_OFF', party: 'EMPLOYER' }, null],
    ['either party breaks off: Centre', open(), { move: 'BREAK_OFF', party: 'CENTRE' }, null],
    ['break-off while the request is withdrawn', { ...open(), requestStatus: 'WITHDRAWN' }, { move: 'BREAK_OFF', party: 'CENTRE' }, null],
    ['no break-off twice', broken, { move: 'BREAK_OFF', party: 'CENTRE' }, 'NEGOTIATION_NOT_OPEN'],
    ['no break-off after agreement', agreed, { move: 'BREAK_OFF', party: 'EMPLOYER' }, 'NEGOTIATION_NOT_OPEN'],
    ['no break-off before the first offer', { ...none }, { move: 'BREAK_OFF', party: 'EMPLOYER' }, 'NEGOTIATION_NOT_FOUND'],
    // reopen
    ['the Centre reopens a broken-off negotiation', broken, { move: 'REOPEN', party: 'CENTRE' }, null],
    ['the employer cannot reopen', broken, { move: 'REOPEN', party: 'EMPLOYER' }, 'REOPEN_BY_CENTRE_ONLY'],
    ['an open negotiation is not reopened', open(), { move: 'REOPEN', party: 'CENTRE' }, 'NEGOTIATION_NOT_BROKEN_OFF'],
    ['an agreed negotiation is never reopened', agreed, { move: 'REOPEN', party: 'CENTRE' }, 'NEGOTIATION_NOT_BROKEN_OFF'],
    ['no reopening on a closed request', { ...broken, requestStatus: 'CLOSED' }, { move: 'REOPEN', party: 'CENTRE' }, 'REQUEST_NOT_NEGOTIABLE'],
  ])('%s', (_name, state, input, code) => {
    expect(moveProblem(state, input)?.code ?? null).toBe(code);
  });

  it.each([
    ['OFFER', 'OPEN'],
    ['ACCEPT', 'AGREED'],
    ['BREAK_OFF', 'BROKEN_OFF'],
    ['REOPEN', 'OPEN'],
  ] as const)('%s leads to %s', (move, status) => expect(statusAfter(move)).toBe(status));

  it.each([
    ['ADMIN', 'CENTRE'],
    ['STAFF', 'CENTRE'],
    ['EMPLOYER', 'EMPLOYER'],
    ['LIAISON', null],
  ])('%s speaks for %p', (role, party) => expect(partyOfRole(role)).toBe(party));

  it('the other party', () => {
    expect(otherParty('CENTRE')).toBe('EMPLOYER');
    expect(otherParty('EMPLOYER')).toBe('CENTRE');
  });
});
