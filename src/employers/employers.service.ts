import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { CommonErrors, FieldError } from '../common/errors/app-error';
import { ReferenceService } from '../reference/reference.service';
import { requiredVersion } from '../common/http/etag';
import { limitOf, Page, toPage, uuidAfter } from '../common/pagination/pagination';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { CreateEmployerDto, CreateEmployerUserDto, EmployerDto, EmployerQueryDto, UpdateEmployerDto } from './dto/employer.dto';
import { Role } from '../access/permissions';
import { UsersService } from '../users/users.service';
import type { CreatedUserDto, UserDto } from '../users/dto/user.dto';
import type { PageQueryDto } from '../common/pagination/pagination';
import { EmployerErrors } from './employers.errors';
import { EmployerRecord, EmployersRepository } from './employers.repository';
import { registrationProblems } from './employers.rules';
import { isUniqueViolation } from '../infra/database/unique-violation';

function toDto(e: EmployerRecord): EmployerDto {
  const { updatedAt: _updatedAt, createdAt, ...rest } = e;
  return { ...rest, createdAt: createdAt.toISOString() };
}

@Injectable()
export class EmployersService {
  constructor(
    private readonly repo: EmployersRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly usersService: UsersService,
    private readonly reference: ReferenceService,
  ) {}

  async list(actor: Actor, query: EmployerQueryDto): Promise<Page<EmployerDto>> {
    const limit = limitOf(query);
    const after = uuidAfter(query.cursor);
    const rows = await this.repo.list(scopeOf(actor), { sector: query.sector, inn: query.inn, q: query.q, after }, limit + 1);
    const page = toPage(rows, limit, (e) => ({ value: e.id, id: e.id }));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<EmployerDto> {
    const employer = await this.repo.findById(id, scopeOf(actor));
    if (!employer) throw EmployerErrors.notFound();
    return toDto(employer);
  }

  async create(actor: Actor, dto: CreateEmployerDto): Promise<EmployerDto> {
    const problems = [...registrationProblems(dto.inn, dto.ogrn), ...(await this.activityProblems(dto.okved))];
    if (problems.length) throw EmployerErrors.invalidRegistration(problems);
    try {
      return await this.transactions.run(async (tx) => {
        const employer = await this.repo.create(tx, dto);
        await this.audit.change(tx, actor, 'employer.create', 'employer', employer.id, { ...dto });
        return toDto(employer);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw EmployerErrors.duplicate();
      throw e;
    }
  }

  async update(actor: Actor, id: string, dto: UpdateEmployerDto, ifMatch?: string): Promise<EmployerDto> {
    try {
      return await this.transactions.run(async (tx) => {
        const current = await this.repo.findById(id, scopeOf(actor), tx);
        if (!current) throw EmployerErrors.notFound();
        const version = requiredVersion(ifMatch, current.version);
        if (version !== current.version) throw CommonErrors.preconditionFailed(`"${current.version}"`);
        const problems = [
          ...registrationProblems(dto.inn ?? current.inn, dto.ogrn === undefined ? current.ogrn : dto.ogrn),
          ...(await this.activityProblems(dto.okved, tx)),
        ];
        if (problems.length) throw EmployerErrors.invalidRegistration(problems);
        const updated = await this.repo.update(tx, id, version, dto);
        if (!updated) throw CommonErrors.preconditionFailed(`"${current.version + 1}"`);
        await this.audit.change(tx, actor, 'employer.update', 'employer', id, diffFields(current, updated as unknown as Record<string, unknown>));
        return toDto(updated);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw EmployerErrors.duplicate();
      throw e;
    }
  }

  /** The main activity must be a code of the ОКВЭД reference list (only a newly given code is checked). */
  private async activityProblems(okved: string | null | undefined, tx?: Tx): Promise<FieldError[]> {
    if (!okved || (await this.reference.activityCodeKnown(okved, tx))) return [];
    return [{ field: 'okved', message: `${okved} is not on the list of activity codes (GET /api/v1/reference/activity-codes)` }];
  }

  /** The employer's accounts (staff manage them without the admin's user.manage). */
  async users(actor: Actor, id: string, query: PageQueryDto): Promise<Page<UserDto>> {
    await this.get(actor, id);
    return this.usersService.list({ ...query, role: Role.EMPLOYER, employerId: id });
  }

  async createUser(actor: Actor, id: string, dto: CreateEmployerUserDto): Promise<CreatedUserDto> {
    await this.get(actor, id);
    return this.usersService.create(actor, { ...dto, role: Role.EMPLOYER, employerId: id });
  }
}
