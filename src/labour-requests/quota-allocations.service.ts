import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { limitOf, Page, toPage, uuidAfter } from '../common/pagination/pagination';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { ReferenceService } from '../reference/reference.service';
import { ReferenceErrors } from '../reference/reference.errors';
import {
  CreateQuotaAllocationDto,
  QuotaAllocationDto,
  QuotaAllocationQueryDto,
  UpdateQuotaAllocationDto,
} from './dto/quota-allocation.dto';
import { QuotaErrors } from './labour-requests.errors';
import { QuotaAllocationRecord, QuotaAllocationsRepository } from './quota-allocations.repository';
import { limitChangeProblem, matchingAllocation, QuotaKey, remaining } from './quota.rules';
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


/** Yearly limits of approved workers (administrators set them; decisions draw from them). */
@Injectable()
export class QuotaAllocationsService {
  constructor(
    private readonly repo: QuotaAllocationsRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
  ) {}

  async list(query: QuotaAllocationQueryDto): Promise<Page<QuotaAllocationDto>> {
    const limit = limitOf(query);
    const rows = await this.repo.list({ year: query.year, after: uuidAfter(query.cursor) }, limit + 1);
    const page = toPage(rows, limit, (a) => ({ value: a.id, id: a.id }));
    return { items: page.items.map(quotaAllocationDto), nextCursor: page.nextCursor };
  }

  async create(actor: Actor, dto: CreateQuotaAllocationDto): Promise<QuotaAllocationDto> {
    const occupationCode = dto.occupationCode ?? null;
    if (occupationCode !== null && !(await this.occupationExists(occupationCode))) throw ReferenceErrors.occupationUnknown(occupationCode);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const data = { year: dto.year, occupationCode, citizenship: dto.citizenship ?? null, limit: dto.limit, note: dto.note ?? null };
        const created = await this.repo.create(tx, data);
        await this.audit.change(tx, actor, 'quota_allocation.create', 'quota_allocation', created.id, data);
        return quotaAllocationDto(created);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw QuotaErrors.duplicate();
      throw e;
    }
  }

  update(actor: Actor, id: string, dto: UpdateQuotaAllocationDto, ifMatch?: string): Promise<QuotaAllocationDto> {
    return this.prisma.$transaction(async (tx) => {
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

  /** The allocation a request counts against (matchingAllocation over the year's allocations). */
  async matching(key: QuotaKey, tx?: Tx): Promise<QuotaAllocationRecord | null> {
    const all = await this.repo.forYear(key.year, tx);
    const match = matchingAllocation(all, key);
    return match ? all.find((a) => a.id === match.id)! : null;
  }

  /** Every allocation of `year` (the decision matches among them and checks per-citizenship limits). */
  forYear(year: number, tx?: Tx): Promise<QuotaAllocationRecord[]> {
    return this.repo.forYear(year, tx);
  }

  findById(id: string, tx?: Tx): Promise<QuotaAllocationRecord | null> {
    return this.repo.findById(id, tx);
  }

  /** Takes places with one conditional UPDATE; false when the allocation has no room. */
  take(tx: Tx, id: string, n: number): Promise<boolean> {
    return this.repo.take(tx, id, n);
  }

  release(tx: Tx, id: string, n: number): Promise<void> {
    return this.repo.release(tx, id, n);
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
