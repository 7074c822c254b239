import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { AppError, CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { limitOf, toPage, uuidAfter } from '../common/pagination/pagination';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { CreateIntermediaryDto, IntermediaryQueryDto, UpdateIntermediaryDto } from './dto/intermediary.dto';
import { IntermediariesRepository, IntermediaryRecord } from './intermediaries.repository';

export const intermediaryNotFound = () => new AppError(404, 'INTERMEDIARY_NOT_FOUND', 'The intermediary was not found.');

function toDto({ updatedAt: _u, createdAt, ...rest }: IntermediaryRecord) {
  return { ...rest, createdAt: createdAt.toISOString() };
}

/** The registry of middlemen; blacklisting one flags every dossier recruited through it. */
@Injectable()
export class IntermediariesService {
  constructor(
    private readonly repo: IntermediariesRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async list(query: IntermediaryQueryDto) {
    const limit = limitOf(query);
    const rows = await this.repo.list({ status: query.status, after: uuidAfter(query.cursor) }, limit + 1);
    const page = toPage(rows, limit, (a) => ({ value: a.id, id: a.id }));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  create(actor: Actor, dto: CreateIntermediaryDto) {
    return this.transactions.run(async (tx) => {
      const created = await this.repo.create(tx, dto);
      await this.audit.change(tx, actor, 'intermediary.create', 'intermediary', created.id, { ...dto });
      return toDto(created);
    });
  }

  update(actor: Actor, id: string, dto: UpdateIntermediaryDto, ifMatch?: string) {
    return this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, tx);
      if (!current) throw intermediaryNotFound();
      const version = requiredVersion(ifMatch, current.version);
      const updated = version === current.version ? await this.repo.update(tx, id, version, dto) : null;
      if (!updated) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      await this.audit.change(tx, actor, 'intermediary.update', 'intermediary', id, diffFields(current, updated));
      return toDto(updated);
    });
  }
}
