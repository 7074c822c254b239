import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { AppError, CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { limitOf, toPage, uuidAfter } from '../common/pagination/pagination';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { CreatePartnerAgencyDto, PartnerAgencyQueryDto, UpdatePartnerAgencyDto } from './dto/partner-agency.dto';
import { PartnerAgenciesRepository, PartnerAgencyRecord } from './partner-agencies.repository';

export const partnerAgencyNotFound = () => new AppError(404, 'PARTNER_AGENCY_NOT_FOUND', 'The partner agency was not found.');

function toDto({ updatedAt: _u, createdAt, ...rest }: PartnerAgencyRecord) {
  return { ...rest, createdAt: createdAt.toISOString() };
}

@Injectable()
export class PartnerAgenciesService {
  constructor(
    private readonly repo: PartnerAgenciesRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Liaison officers see the agencies they work with; staff and admins all. */
  async list(actor: Actor, query: PartnerAgencyQueryDto) {
    const limit = limitOf(query);
    const rows = await this.repo.list(scopeOf(actor), { country: query.country, active: query.active, after: uuidAfter(query.cursor) }, limit + 1);
    const page = toPage(rows, limit, (a) => ({ value: a.id, id: a.id }));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  create(actor: Actor, dto: CreatePartnerAgencyDto) {
    return this.transactions.run(async (tx) => {
      const agency = await this.repo.create(tx, dto);
      await this.audit.change(tx, actor, 'partner-agency.create', 'partner-agency', agency.id, { ...dto });
      return toDto(agency);
    });
  }

  update(actor: Actor, id: string, dto: UpdatePartnerAgencyDto, ifMatch?: string) {
    return this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, tx);
      if (!current) throw partnerAgencyNotFound();
      const version = requiredVersion(ifMatch, current.version);
      const updated = version === current.version ? await this.repo.update(tx, id, version, dto) : null;
      if (!updated) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      await this.audit.change(tx, actor, 'partner-agency.update', 'partner-agency', id, diffFields(current, updated));
      return toDto(updated);
    });
  }
}
