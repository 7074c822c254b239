import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { AuditQueryDto } from '../audit/dto/audit.dto';
import { WorkerErrors } from './workers.errors';
import { WorkersRepository } from './workers.repository';

@Injectable()
export class WorkerAccessLogService {
  constructor(
    private readonly repo: WorkersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, workerId: string, query: AuditQueryDto) {
    if (!(await this.repo.findById(workerId, scopeOf(actor)))) throw WorkerErrors.notFound();
    return this.audit.list({ ...query, entityType: 'worker', entityId: workerId });
  }
}
