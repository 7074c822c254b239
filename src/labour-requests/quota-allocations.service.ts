import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { limitOf, Page, toPage, uuidAfter } from '../common/pagination/pagination';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { ReferenceService } from '../reference/reference.service';
import { ReferenceErrors } from '../reference/reference.errors';
import { CreateQuotaAllocationDto, QuotaAllocationDto, QuotaAllocationQueryDto, UpdateQuotaAllocationDto } from './dto/quota-allocation.dto';
import { QuotaErrors } from './labour-requests.errors';
import { QuotaAllocationRecord, QuotaAllocationsRepository } from './quota-allocations.repository';
import { limitChangeProblem, matchingAllocation, matchingAllocations, QuotaKey, QuotaProblem, quotaProblem, remaining } from './quota.rules';
import { isUniqueViolation } from '../infra/database/unique-violation';

export function quotaAllocationDto(a: QuotaAllocationRecord): QuotaAllocationDto {
  return {
    id: a.id,
    year: a.year,
    occupationCode: a.occupationCode,
    citizenship: a.citizenship,
    limit: a.limit,
    approved: a.approved,
    remaining: remaining(a),
    note: a.note,
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Yearly limits of approved workers (administrators set them; decisions draw from every one that matches). */
@Injectable()
export class QuotaAllocationsService {
  constructor(
    private readonly repo: QuotaAllocationsRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async list(query: QuotaAllocationQueryDto): Promise<Page<QuotaAllocationDto>> {
    const limit = limitOf(query);
    const rows = await this.repo.list({ year: query.year, after: uuidAfter(query.cursor) }, limit + 1);
    const page = toPage(rows, limit, (a) => ({ value: a.id, id: a.id }));
    return { items: page.items.map(quotaAllocationDto), nextCursor: page.nextCursor };
  }

  /**
   * A new allocation counts from the start every place already approved under its scope that year
   * (it is a ceiling like the others), so its limit may not be lower than those (422).
   */
  async create(actor: Actor, dto: CreateQuotaAllocationDto): Promise<QuotaAllocationDto> {
    const occupationCode = dto.occupationCode ?? null;
    if (occupationCode !== null && !(await this.occupationExists(occupationCode))) throw ReferenceErrors.occupationUnknown(occupationCode);
    try {
      return await this.transactions.run(async (tx) => {
        const scope = { year: dto.year, occupationCode, citizenship: dto.citizenship ?? null };
        await this.repo.lockYear(tx, dto.year, 'exclusive');
        const approved = await this.repo.placesHeld(tx, scope);
        const problem = limitChangeProblem({ ...scope, id: '', limit: dto.limit, approved }, dto.limit);
        if (problem) throw QuotaErrors.limitBelowApproved(problem.message, problem.approved);
        const data = { ...scope, limit: dto.limit, note: dto.note ?? null };
        const created = await this.repo.create(tx, { ...data, approved });
        await this.audit.change(tx, actor, 'quota_allocation.create', 'quota_allocation', created.id, { ...data, approved });
        return quotaAllocationDto(created);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw QuotaErrors.duplicate();
      throw e;
    }
  }

  update(actor: Actor, id: string, dto: UpdateQuotaAllocationDto, ifMatch?: string): Promise<QuotaAllocationDto> {
    return this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, tx);
      if (!current) throw QuotaErrors.notFound();
      const version = requiredVersion(ifMatch, current.version);
      if (version !== current.version) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      this.assertLimit(current, dto.limit);
      const updated = await this.repo.update(tx, id, version, { limit: dto.limit, note: dto.note });
      if (!updated) {
        // a decision or another edit came in between: tell which
        const now = await this.repo.findById(id, tx);
        if (now && now.version !== version) throw CommonErrors.preconditionFailed(`"${now.version}"`);
        if (now) this.assertLimit(now, dto.limit);
        throw QuotaErrors.notFound();
      }
      const pick = (a: QuotaAllocationRecord) => ({ limit: a.limit, note: a.note });
      await this.audit.change(tx, actor, 'quota_allocation.update', 'quota_allocation', id, diffFields(pick(current), pick(updated)));
      return quotaAllocationDto(updated);
    });
  }

  /** The allocation a request is shown as counted against: the most specific of its ceilings. */
  async matching(key: QuotaKey, tx?: Tx): Promise<QuotaAllocationRecord | null> {
    return matchingAllocation(await this.repo.forYear(key.year, tx), key);
  }

  /** Every allocation of `year` (the decision matches among them and checks per-citizenship limits). */
  forYear(year: number, tx?: Tx): Promise<QuotaAllocationRecord[]> {
    return this.repo.forYear(year, tx);
  }

  findById(id: string, tx?: Tx): Promise<QuotaAllocationRecord | null> {
    return this.repo.findById(id, tx);
  }

  /**
   * Takes `n` places, in the caller's transaction, from every allocation `key` counts against (the
   * most specific up to the overall one), all or none: the ceilings taken from, most specific first,
   * or the problem (read from the rows as they stood when they refused).
   */
  async take(tx: Tx, key: QuotaKey, n: number): Promise<{ ceilings: QuotaAllocationRecord[] } | { problem: QuotaProblem }> {
    await this.repo.lockYear(tx, key.year, 'shared');
    const ceilings = matchingAllocations(await this.repo.forYear(key.year, tx), key);
    if (
      ceilings.length &&
      (await this.repo.takeAll(
        tx,
        ceilings.map((a) => a.id),
        n,
      ))
    )
      return { ceilings };
    const problem = quotaProblem(matchingAllocations(await this.repo.forYear(key.year, tx), key), n);
    return {
      problem: problem ?? {
        code: 'QUOTA_EXHAUSTED',
        allocationId: null,
        remaining: 0,
        message: `the allocations had no room for ${n} places when the decision was saved`,
      },
    };
  }

  /** Gives `n` places back to every allocation `key` counts against (those it was taken from: each counts every place under it). */
  async release(tx: Tx, key: QuotaKey, n: number): Promise<void> {
    await this.repo.lockYear(tx, key.year, 'shared');
    const ceilings = matchingAllocations(await this.repo.forYear(key.year, tx), key);
    if (ceilings.length)
      await this.repo.releaseAll(
        tx,
        ceilings.map((a) => a.id),
        n,
      );
  }

  async occupationExists(code: string): Promise<boolean> {
    return (await this.reference.occupations()).some((o) => o.code === code);
  }

  private assertLimit(allocation: QuotaAllocationRecord, limit: number | undefined) {
    if (limit === undefined) return;
    const problem = limitChangeProblem(allocation, limit);
    if (problem) throw QuotaErrors.limitBelowApproved(problem.message, problem.approved);
  }
}
