import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { ReferenceService } from '../reference/reference.service';
import { AcceptOfferDto, BreakOffDto, CreateOfferDto, NegotiationDto, ReopenDto } from './dto/negotiation.dto';
import { NegotiationNotices } from './negotiation.notices';
import { moveProblem, MoveInput, NegotiationMove, otherParty, Party, partyOfRole } from './negotiation.rules';
import { latestOfferOf, negotiationDto, stateOf, viewerOf } from './negotiation.view';
import { NegotiationErrors } from './negotiations.errors';
import { AgreedWageRow, NegotiatedRequest, NegotiationRecord, NegotiationsRepository } from './negotiations.repository';
import { netEstimateRub, offerFloorRub, offerProblems, OfferTerms } from './offer.rules';
import { isUniqueViolation } from '../infra/database/unique-violation';

/** The break-off reason of a negotiation whose labour request was withdrawn, closed or rejected. */
export const REQUEST_ENDED = 'the labour request ended';

/** Wage negotiations of labour requests: offers, acceptance, break-off and reopening. */
@Injectable()
export class NegotiationsService {
  constructor(
    private readonly repo: NegotiationsRepository,
    private readonly reference: ReferenceService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, labourRequestId: string): Promise<NegotiationDto> {
    const request = await this.requestOf(actor, labourRequestId);
    const n = await this.repo.findByRequest(request.id);
    if (!n) throw NegotiationErrors.notFound();
    return negotiationDto(n, viewerOf(actor));
  }

  async offer(actor: Actor, labourRequestId: string, dto: CreateOfferDto): Promise<NegotiationDto> {
    const party = this.partyOf(actor);
    const request = await this.requestOf(actor, labourRequestId);
    this.check(request, await this.repo.findByRequest(request.id), { move: 'OFFER', party });
    const terms: OfferTerms = { ...dto, includesOvertime: dto.includesOvertime ?? false };
    const figures = await this.figuresFor(request, terms);
    try {
      return await this.transactions.run(async (tx) => {
        const fresh = await this.requestOf(actor, labourRequestId, tx);
        const n = await this.repo.ensure(tx, request.id);
        this.check(fresh, n, { move: 'OFFER', party });
        const offer = await this.repo.insertOffer(tx, { negotiationId: n.id, party, madeById: actor.id, ...terms, note: dto.note ?? null, ...figures });
        if (!(await this.repo.putOnTable(tx, n.id, n.latestOfferId, offer.id))) throw NegotiationErrors.changed();
        await this.audit.change(tx, actor, 'negotiation.offer', 'negotiation', n.id, {
          labourRequestId: request.id,
          offerId: offer.id,
          seq: offer.seq,
          party,
          ...terms,
          ...figures,
        });
        await this.notifyOtherParty(tx, request, n, party, NegotiationNotices.offer(request.id, party, { ...terms, ...figures }));
        return negotiationDto((await this.repo.findByRequest(request.id, tx))!, viewerOf(actor));
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw NegotiationErrors.changed();
      throw e;
    }
  }

  accept(actor: Actor, labourRequestId: string, dto: AcceptOfferDto): Promise<NegotiationDto> {
    const party = this.partyOf(actor);
    return this.move(actor, labourRequestId, { move: 'ACCEPT', party, offerId: dto.offerId }, async (tx, request, n) => {
      if (!(await this.repo.accept(tx, n.id, dto.offerId, this.clock.now()))) return false;
      const offer = n.offers.find((o) => o.id === dto.offerId)!;
      await this.audit.change(tx, actor, 'negotiation.accept', 'negotiation', n.id, {
        labourRequestId: request.id,
        offerId: offer.id,
        seq: offer.seq,
        party,
        monthlyWageRub: offer.monthlyWageRub,
      });
      await this.notifyOtherParty(tx, request, n, party, NegotiationNotices.agreed(request.id, party, offer.monthlyWageRub));
      return true;
    });
  }

  breakOff(actor: Actor, labourRequestId: string, dto: BreakOffDto): Promise<NegotiationDto> {
    const party = this.partyOf(actor);
    return this.move(actor, labourRequestId, { move: 'BREAK_OFF', party }, async (tx, request, n) => {
      if (!(await this.repo.breakOff(tx, n.id, dto.reason, this.clock.now()))) return false;
      await this.audit.change(tx, actor, 'negotiation.break_off', 'negotiation', n.id, { labourRequestId: request.id, party, reason: dto.reason });
      await this.notifyOtherParty(tx, request, n, party, NegotiationNotices.brokenOff(request.id, party, dto.reason));
      return true;
    });
  }

  reopen(actor: Actor, labourRequestId: string, dto: ReopenDto): Promise<NegotiationDto> {
    const party = this.partyOf(actor);
    return this.move(actor, labourRequestId, { move: 'REOPEN', party }, async (tx, request, n) => {
      if (!(await this.repo.reopen(tx, n.id))) return false;
      await this.audit.change(tx, actor, 'negotiation.reopen', 'negotiation', n.id, { labourRequestId: request.id, reason: dto.reason ?? null });
      await this.notifyOtherParty(tx, request, n, party, NegotiationNotices.reopened(request.id));
      return true;
    });
  }

  /**
   * Breaks off the OPEN negotiation of a labour request that ended (withdrawn, closed or rejected), in
   * the caller's transaction: audited as negotiation.break_off, the other party of `actor` notified.
   * Nothing to do when there is no negotiation, or it is AGREED or already BROKEN_OFF (also when a
   * concurrent acceptance got there first: the conditional update then finds no OPEN row).
   */
  async endForRequest(tx: Tx, actor: Actor, labourRequestId: string): Promise<void> {
    const n = await this.repo.findByRequest(labourRequestId, tx);
    if (!n || n.status !== 'OPEN') return;
    const request = await this.repo.findRequest(labourRequestId, {}, tx);
    if (!request || !(await this.repo.breakOff(tx, n.id, REQUEST_ENDED, this.clock.now()))) return;
    const party = partyOfRole(actor.role) ?? 'CENTRE';
    await this.audit.change(tx, actor, 'negotiation.break_off', 'negotiation', n.id, {
      labourRequestId,
      party,
      reason: REQUEST_ENDED,
      requestStatus: request.status,
    });
    await this.notifyOtherParty(tx, request, n, party, NegotiationNotices.brokenOff(labourRequestId, party, REQUEST_ENDED));
  }

  /** Agreed wages of `year` by occupation and citizenship with their gap to the local wage (for the reports). */
  agreedWages(year: number): Promise<AgreedWageRow[]> {
    return this.repo.agreedWages(year);
  }

  /**
   * A move on an existing negotiation: checked by the rule, then `apply` makes ONE conditional update
   * (false when someone else moved first: the fresh state then names the conflict).
   */
  private move(
    actor: Actor,
    labourRequestId: string,
    input: MoveInput & { move: Exclude<NegotiationMove, 'OFFER'> },
    apply: (tx: Tx, request: NegotiatedRequest, n: NegotiationRecord) => Promise<boolean>,
  ): Promise<NegotiationDto> {
    return this.transactions.run(async (tx) => {
      const request = await this.requestOf(actor, labourRequestId, tx);
      const n = await this.repo.findByRequest(request.id, tx);
      const known = (x: NegotiationRecord | null) => !!input.offerId && !!x?.offers.some((o) => o.id === input.offerId);
      this.check(request, n, { ...input, offerKnown: known(n) });
      if (!(await apply(tx, request, n!))) {
        const fresh = await this.repo.findByRequest(request.id, tx);
        this.check(request, fresh, { ...input, offerKnown: known(fresh) });
        throw NegotiationErrors.changed();
      }
      return negotiationDto((await this.repo.findByRequest(request.id, tx))!, viewerOf(actor));
    });
  }

  private check(request: NegotiatedRequest, n: NegotiationRecord | null, input: MoveInput): void {
    const problem = moveProblem(stateOf(request.status, n), input);
    if (problem) throw NegotiationErrors.move(problem, n ? { negotiationStatus: n.status } : {});
  }

  private partyOf(actor: Actor): Party {
    const party = partyOfRole(actor.role);
    if (!party) throw new AppError(403, 'FORBIDDEN', 'This role does not take part in wage negotiations.');
    return party;
  }

  private async requestOf(actor: Actor, id: string, tx?: Tx): Promise<NegotiatedRequest> {
    const request = await this.repo.findRequest(id, scopeOf(actor), tx);
    if (!request) throw NegotiationErrors.requestNotFound();
    return request;
  }

  /** The rules (422 listing every failure) and the figures kept with the offer, from the reference data of the request's year. */
  private async figuresFor(request: NegotiatedRequest, terms: OfferTerms) {
    const year = request.periodStart.getUTCFullYear();
    const [ref, localWageRub] = await Promise.all([this.reference.wageFigures(year), this.reference.localWageFor(year, request.occupationCode)]);
    const problems = offerProblems(terms, ref);
    if (problems.length) throw NegotiationErrors.offerRulesFailed(problems);
    return {
      floorRub: offerFloorRub(terms.hoursPerWeek, ref),
      netEstimateRub: netEstimateRub(terms.monthlyWageRub, terms.deductionsRub, ref.incomeTaxRate),
      localWageRub,
    };
  }

  /**
   * The other party of a move by `acting`: for the Centre, every active user of the request's employer;
   * for the employer, the Centre user of the latest Centre offer, else the one who decided the
   * request, else every active STAFF user.
   */
  private async notifyOtherParty(
    tx: Tx,
    request: NegotiatedRequest,
    n: NegotiationRecord,
    acting: Party,
    notice: Parameters<NotificationsService['notify']>[2],
  ) {
    const to = otherParty(acting);
    let userIds: string[];
    if (to === 'EMPLOYER') userIds = await this.repo.activeEmployerUserIds(request.employerId, tx);
    else {
      const one = await this.repo.firstActiveCentreUser([latestOfferOf(n, 'CENTRE')?.madeById, request.decidedById], tx);
      userIds = one ? [one] : await this.repo.activeStaffUserIds(tx);
    }
    await this.notifications.notify(tx, userIds, notice);
  }
}
