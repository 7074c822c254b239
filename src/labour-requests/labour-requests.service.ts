import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { Permission, Role, roleHas } from '../access/permissions';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { CommonErrors, FieldError } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { decodeCursor, instantPosition, limitOf, Page, toPage } from '../common/pagination/pagination';
import { LabourRequestStatus } from '../generated/prisma/enums';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { NegotiationTermsRepository } from '../negotiations/negotiation-terms.repository';
import type { AgreedTerms } from '../negotiations/offer.rules';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateLabourRequestDto, DecisionDto, LabourRequestDto, LabourRequestQueryDto, UpdateLabourRequestDto } from './dto/labour-request.dto';
import { EmployerRiskService, FloorFigures, isoDay } from './employer-risk.service';
import {
  allowedRequestTransitions,
  approvedCountOf,
  decisionProblems,
  periodEndedProblem,
  periodProblem,
  releasedQuota,
  requestTransitionProblem,
} from './labour-request.rules';
import { ReferenceService } from '../reference/reference.service';
import { CountriesService } from '../reference/countries.service';
import { activityCodeMissingProblem, banProblems } from './regional-ban.rules';
import { citizenshipQuotaProblem, matchingAllocations, QuotaKey, quotaKeyFor, quotaProblem } from './quota.rules';
import { wageFloorProblem } from './wage-floor.rules';
import { LabourRequestNotices } from './labour-request.notices';
import { LabourRequestErrors, RuleError } from './labour-requests.errors';
import { LabourRequestRecord, LabourRequestsRepository } from './labour-requests.repository';
import { QuotaAllocationsService } from './quota-allocations.service';
import { RecruitmentService } from './recruitment/recruitment.service';

const day = (s: string) => new Date(`${s}T00:00:00Z`);

/** The agreed terms of a request's negotiation (NegotiationTermsRepository.agreedOf), if any. */
type Agreed = AgreedTerms & { agreedAt: Date };

export function labourRequestDto(r: LabourRequestRecord, agreed: Agreed | null = null): LabourRequestDto {
  return {
    id: r.id,
    employerId: r.employerId,
    occupationCode: r.occupationCode,
    workersRequested: r.workersRequested,
    preferredCitizenships: r.preferredCitizenships,
    periodStart: isoDay(r.periodStart),
    periodEnd: isoDay(r.periodEnd),
    workPlace: r.workPlace,
    monthlyWageRub: r.monthlyWageRub,
    hoursPerWeek: r.hoursPerWeek,
    housingProvided: r.housingProvided,
    mealsProvided: r.mealsProvided,
    agreedTerms: agreed && { ...agreed, agreedAt: agreed.agreedAt.toISOString() },
    notes: r.notes,
    status: r.status,
    approvedCount: r.approvedCount,
    placedCount: r.placedCount,
    quotaAllocationId: r.quotaAllocationId,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The places left, at the top of a refusal that includes the quota. */
const remainingOf = (errors: RuleError[]) => {
  const quota = errors.find((e) => e.code === 'QUOTA_EXHAUSTED' || e.code === 'NO_QUOTA_ALLOCATION');
  return quota ? { remaining: quota.remaining } : {};
};

/** The key a stored request is counted under (quota.rules). */
const keyOf = (r: LabourRequestRecord): QuotaKey =>
  quotaKeyFor({ periodStart: isoDay(r.periodStart), occupationCode: r.occupationCode, preferredCitizenships: r.preferredCitizenships });

/** The one declaration of who sees the review view (risk, quota, wage floor): those who decide. */
const seesReview = (actor: Actor) => roleHas(actor.role, Permission.LabourRequestDecide);

/** Labour requests: drafts, submission, withdrawal, closing and the staff decision. */
@Injectable()
export class LabourRequestsService {
  constructor(
    private readonly repo: LabourRequestsRepository,
    private readonly quotas: QuotaAllocationsService,
    private readonly review: EmployerRiskService,
    private readonly reference: ReferenceService,
    private readonly countries: CountriesService,
    private readonly negotiations: NegotiationsService,
    private readonly agreedTerms: NegotiationTermsRepository,
    private readonly recruitment: RecruitmentService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: LabourRequestQueryDto): Promise<Page<LabourRequestDto>> {
    const limit = limitOf(query);
    const cursor = decodeCursor(query.cursor);
    const before = cursor ? instantPosition(cursor) : undefined;
    if (before && Number.isNaN(before.createdAt.getTime())) throw CommonErrors.badCursor();
    const { status, employerId, occupationCode, year } = query;
    const rows = await this.repo.list(scopeOf(actor), { status, employerId, occupationCode, year, before }, limit + 1);
    const page = toPage(rows, limit, (r) => ({ value: r.createdAt.toISOString(), id: r.id }));
    const agreed = await this.agreedTerms.agreedOf(page.items.map((r) => r.id));
    return { items: page.items.map((r) => labourRequestDto(r, agreed.get(r.id))), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<LabourRequestDto> {
    const r = await this.repo.findById(id, scopeOf(actor));
    if (!r) throw LabourRequestErrors.notFound();
    return this.view(actor, r);
  }

  async create(actor: Actor, dto: CreateLabourRequestDto): Promise<LabourRequestDto> {
    const { employerId: given, ...fields } = dto;
    const employerId = this.employerOf(actor, given);
    this.assertValid(await this.referenceProblems(fields.occupationCode, employerId, fields.preferredCitizenships), fields.periodStart, fields.periodEnd);
    const created = await this.transactions.run(async (tx) => {
      const data = {
        ...fields,
        employerId,
        housingProvided: fields.housingProvided ?? false,
        mealsProvided: fields.mealsProvided ?? false,
        notes: fields.notes ?? null,
      };
      const r = await this.repo.create(tx, { ...data, periodStart: day(data.periodStart), periodEnd: day(data.periodEnd), createdById: actor.id });
      await this.audit.change(tx, actor, 'labour_request.create', 'labour_request', r.id, data);
      return r;
    });
    return this.view(actor, created);
  }

  async update(actor: Actor, id: string, dto: UpdateLabourRequestDto, ifMatch?: string): Promise<LabourRequestDto> {
    // read before the transaction: a query on the pool while holding a transaction's connection
    // can wait forever for a connection when every one is held the same way
    const referenceProblems = await this.referenceProblems(dto.occupationCode, undefined, dto.preferredCitizenships);
    const updated = await this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, scopeOf(actor), tx);
      if (!current) throw LabourRequestErrors.notFound();
      if (current.status !== 'DRAFT') throw LabourRequestErrors.notEditable(current.status);
      const version = requiredVersion(ifMatch, current.version);
      if (version !== current.version) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      const before = labourRequestDto(current);
      const after = { ...before, ...dto };
      this.assertValid(referenceProblems, after.periodStart, after.periodEnd);
      const { periodStart, periodEnd, ...rest } = dto;
      const saved = await this.repo.updateDraft(tx, id, version, {
        ...rest,
        ...(periodStart ? { periodStart: day(periodStart) } : {}),
        ...(periodEnd ? { periodEnd: day(periodEnd) } : {}),
      });
      if (!saved) throw CommonErrors.preconditionFailed(`"${current.version + 1}"`);
      const changes = diffFields(before as unknown as Record<string, unknown>, labourRequestDto(saved) as unknown as Record<string, unknown>);
      delete changes.version;
      await this.audit.change(tx, actor, 'labour_request.update', 'labour_request', id, changes);
      return saved;
    });
    return this.view(actor, updated);
  }

  /**
   * A draft is submitted only while its period is not over and its wage is not below the floor of
   * its year (one 422 listing both; the floor is checked again at the decision, since МРОТ may change
   * meanwhile, and when the year's МРОТ is not entered yet it is left to the decision). The checks are
   * made on the version read, and the move happens only from that version.
   */
  async submit(actor: Actor, id: string): Promise<LabourRequestDto> {
    const r = await this.repo.findById(id, scopeOf(actor));
    if (!r) throw LabourRequestErrors.notFound();
    if (r.status !== 'DRAFT') return this.move(actor, id, 'SUBMITTED');
    const ended = periodEndedProblem(isoDay(r.periodEnd), isoDay(this.clock.now()));
    const errors: RuleError[] = [...(ended ? [{ ...ended }] : []), ...this.wageErrors(r, await this.review.floorFigures(keyOf(r).year), false)];
    if (errors.length) throw LabourRequestErrors.submissionRefused(errors);
    const submitted = await this.move(actor, id, 'SUBMITTED', r.version);
    // null: the draft was edited in between; check the new version
    return submitted ?? this.submit(actor, id);
  }

  withdraw(actor: Actor, id: string) {
    return this.move(actor, id, 'WITHDRAWN');
  }

  close(actor: Actor, id: string) {
    return this.move(actor, id, 'CLOSED');
  }

  /**
   * The staff decision: every rule checked and every failure answered at once (422); then, in one
   * transaction, the request leaves SUBMITTED by a conditional UPDATE and its places are taken from
   * every allocation it counts against, all or none (`approved + n <= limit` on each), so concurrent
   * decisions never over-allocate any of them, the overall one included. Every active user of the
   * employer is notified of the outcome (with the reason) in the same transaction.
   */
  async decide(actor: Actor, id: string, dto: DecisionDto): Promise<LabourRequestDto> {
    const r = await this.repo.findById(id, scopeOf(actor));
    if (!r) throw LabourRequestErrors.notFound();
    if (r.status !== 'SUBMITTED') throw LabourRequestErrors.illegalTransition(r.status, dto.decision, allowedRequestTransitions(r.status));
    const { errors, count, allocationId } = await this.decisionErrors(r, dto);
    if (errors.length) throw LabourRequestErrors.decisionRefused(errors, remainingOf(errors));
    const decided = await this.transactions.run(async (tx) => {
      const reason = dto.reason?.trim() || null;
      let after = await this.repo.move(tx, id, 'SUBMITTED', {
        status: dto.decision,
        approvedCount: count,
        quotaAllocationId: count > 0 ? allocationId : null,
        decisionReason: reason,
        decidedAt: this.clock.now(),
        decidedById: actor.id,
      });
      if (!after) {
        const now = (await this.repo.findById(id, {}, tx))!;
        throw LabourRequestErrors.illegalTransition(now.status, dto.decision, allowedRequestTransitions(now.status));
      }
      if (dto.decision === 'REJECTED') await this.endDependants(tx, actor, id);
      // last, so the allocations' rows are locked only from here to the commit
      let ceilings: string[] = [];
      if (count > 0) {
        const taken = await this.quotas.take(tx, keyOf(after), count);
        if ('problem' in taken) {
          const { code, message, remaining, allocationId: at } = taken.problem;
          throw LabourRequestErrors.decisionRefused([{ field: 'approvedCount', code, message, remaining, allocationId: at }], { remaining });
        }
        ceilings = taken.ceilings.map((a) => a.id);
        // an allocation created since the checks may now be the most specific
        if (ceilings[0] !== after.quotaAllocationId) after = await this.repo.setQuotaAllocation(tx, id, ceilings[0]);
      }
      await this.audit.change(tx, actor, 'labour_request.decide', 'labour_request', id, {
        status: { from: 'SUBMITTED', to: dto.decision },
        approvedCount: count,
        quotaAllocationId: after.quotaAllocationId,
        ...(ceilings.length ? { quotaCeilings: ceilings } : {}),
        reason,
      });
      const notice = LabourRequestNotices.decided(labourRequestDto(after), dto.decision, count, reason);
      await this.notifications.notify(tx, await this.repo.activeEmployerUserIds(after.employerId, tx), notice);
      return after;
    });
    return this.view(actor, decided);
  }

  /** All failed rules of a decision (a rejection is only checked for its own fields). */
  private async decisionErrors(r: LabourRequestRecord, dto: DecisionDto): Promise<{ errors: RuleError[]; count: number; allocationId: string | null }> {
    const requested = r.workersRequested;
    const invalid = decisionProblems({ ...dto, requested }).map((p) => ({ ...p, code: 'DECISION_INVALID' }));
    if (dto.decision === 'REJECTED') return { errors: invalid, count: 0, allocationId: null };
    const periodStart = isoDay(r.periodStart);
    const periodEnd = isoDay(r.periodEnd);
    const counted = { periodStart, occupationCode: r.occupationCode, preferredCitizenships: r.preferredCitizenships };
    const key = quotaKeyFor(counted);
    const [floor, bans, allocations] = await Promise.all([
      this.review.floorFigures(key.year),
      this.reference.bansOverlapping(periodStart, periodEnd),
      this.quotas.forYear(key.year),
    ]);
    const ceilings = matchingAllocations(allocations, key);
    const errors: RuleError[] = [...invalid, ...this.wageErrors(r, floor, true)];
    const banInput = { periodFrom: periodStart, periodTo: periodEnd, citizenships: r.preferredCitizenships, bans };
    if (r.employer.okved) errors.push(...banProblems({ ...banInput, activityCode: r.employer.okved }).map((b) => ({ ...b })));
    else {
      // no main activity code: the bans cannot be checked, which refuses a request that may bring patent holders
      const missing = activityCodeMissingProblem({ ...banInput, activityCode: null });
      if (missing) errors.push({ ...missing });
    }
    // several citizenships (or none) would be counted under an allocation for any citizenship: refused
    // where a citizenship they could bring has its own limit, and then no quota is counted at all
    const perCitizenship = citizenshipQuotaProblem(allocations, counted);
    if (perCitizenship) errors.push({ ...perCitizenship });
    if (invalid.length || perCitizenship) return { errors, count: 0, allocationId: null };
    const count = approvedCountOf({ decision: dto.decision, requested, approvedCount: dto.approvedCount });
    const quota = quotaProblem(ceilings, count);
    if (quota) errors.push({ field: 'approvedCount', code: quota.code, message: quota.message, remaining: quota.remaining, allocationId: quota.allocationId });
    return { errors, count, allocationId: ceilings[0]?.id ?? null };
  }

  /**
   * The wage-floor rule (wage-floor.rules, the one function decisions, offers and placements use) on
   * the request's wage and hours. The year's МРОТ not entered: REFERENCE_MISSING when `required`
   * (the decision), nothing otherwise (the submission leaves it to the decision).
   */
  private wageErrors(r: LabourRequestRecord, floor: FloorFigures, required: boolean): RuleError[] {
    if ('missing' in floor) return required ? [{ field: 'periodStart', code: 'REFERENCE_MISSING', message: floor.missing.message }] : [];
    const wage = wageFloorProblem({ ...floor, monthlyWageRub: r.monthlyWageRub, hoursPerWeek: r.hoursPerWeek });
    return wage ? [{ ...wage }] : [];
  }

  /**
   * A lifecycle move in one conditional UPDATE from the status read (and from `version` when given:
   * null when the request changed since); the unused approved places of a withdrawn or closed
   * request go back to every allocation they were counted against, in the same transaction.
   */
  private async move(actor: Actor, id: string, to: LabourRequestStatus): Promise<LabourRequestDto>;
  private async move(actor: Actor, id: string, to: LabourRequestStatus, version: number): Promise<LabourRequestDto | null>;
  private async move(actor: Actor, id: string, to: LabourRequestStatus, version?: number): Promise<LabourRequestDto | null> {
    const moved = await this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, scopeOf(actor), tx);
      if (!current) throw LabourRequestErrors.notFound();
      if (version !== undefined && current.version !== version) return null;
      const illegal = requestTransitionProblem(current.status, to);
      if (illegal) throw LabourRequestErrors.illegalTransition(current.status, to, illegal.allowed);
      const data = to === 'SUBMITTED' ? { status: to, submittedAt: this.clock.now() } : { status: to };
      const after = await this.repo.move(tx, id, current.status, data, version);
      if (!after) {
        const now = (await this.repo.findById(id, {}, tx))!;
        if (version !== undefined && now.status === current.status) return null;
        throw LabourRequestErrors.illegalTransition(now.status, to, allowedRequestTransitions(now.status));
      }
      const released = releasedQuota({ from: current.status, to, approvedCount: after.approvedCount, placedCount: after.placedCount });
      if (released > 0) await this.quotas.release(tx, keyOf(after), released);
      const action = { SUBMITTED: 'submit', WITHDRAWN: 'withdraw', CLOSED: 'close' }[to as string] ?? to.toLowerCase();
      await this.audit.change(tx, actor, `labour_request.${action}`, 'labour_request', id, {
        status: { from: current.status, to },
        ...(released > 0 ? { releasedQuota: released, quotaAllocationId: after.quotaAllocationId } : {}),
      });
      if (to === 'WITHDRAWN' || to === 'CLOSED') await this.endDependants(tx, actor, id);
      return after;
    });
    return moved && this.view(actor, moved);
  }

  /**
   * What ends with the request (withdrawn, closed, rejected), in its transaction: its open recruitment
   * orders are cancelled (409 RECRUITMENT_IN_PROGRESS while workers are SELECTED or IN_TRANSIT, which
   * rolls the whole move back), and an open wage negotiation is broken off.
   */
  private async endDependants(tx: Tx, actor: Actor, id: string): Promise<void> {
    await this.recruitment.endForRequest(tx, actor, id);
    await this.negotiations.endForRequest(tx, actor, id);
  }

  private async view(actor: Actor, r: LabourRequestRecord): Promise<LabourRequestDto> {
    const [agreed, review] = await Promise.all([this.agreedTerms.agreedOf([r.id]), seesReview(actor) ? this.review.reviewOf(r) : undefined]);
    const dto = labourRequestDto(r, agreed.get(r.id));
    return review ? { ...dto, review } : dto;
  }

  /** An employer user's requests are its own employer's (it may not name one); staff must name one. */
  private employerOf(actor: Actor, given: string | undefined): string {
    if (actor.role === Role.EMPLOYER) {
      if (given !== undefined) throw CommonErrors.validation([{ field: 'employerId', message: 'is your own organisation; do not send it' }]);
      return actor.employerId!;
    }
    if (!given) throw CommonErrors.validation([{ field: 'employerId', message: 'is required: the employer the request is for' }]);
    return given;
  }

  /** Every problem of the request's content at once (422): unknown employer or occupation, a reversed period. */
  /** What is wrong with the references a request names (the employer, the occupation code); nothing for those not given. */
  private async referenceProblems(occupationCode: string | undefined, employerId?: string, citizenships: string[] = []): Promise<FieldError[]> {
    const problems: FieldError[] = await this.countries.citizenshipProblems('preferredCitizenships', citizenships);
    if (employerId && !(await this.repo.employerExists(employerId))) problems.push({ field: 'employerId', message: 'no such employer' });
    if (occupationCode !== undefined && !(await this.quotas.occupationExists(occupationCode))) {
      problems.push({ field: 'occupationCode', message: `${occupationCode} is not on the occupation reference list` });
    }
    return problems;
  }

  /** One 422 listing every problem: those of the references, and the period's. */
  private assertValid(referenceProblems: FieldError[], periodStart: string, periodEnd: string): void {
    const period = periodProblem(periodStart, periodEnd);
    const problems = period ? [...referenceProblems, period] : referenceProblems;
    if (problems.length) throw LabourRequestErrors.invalid(problems);
  }
}
