import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { Role, ROLE_PERMISSIONS } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { AuthService } from '../auth/auth.service';
import { passwordProblems } from '../auth/password.rules';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { decodeCursor, instantPosition, limitOf, Page, toPage } from '../common/pagination/pagination';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { CreatedUserDto, CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { UserErrors } from './users.errors';
import { UserRecord, UsersRepository } from './users.repository';
import { linkProblems } from './users.rules';
import { isUniqueViolation } from '../infra/database/unique-violation';

const BOOTSTRAP_ADMIN_NAME = 'Administrator';

function toDto(u: UserRecord): UserDto {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    role: u.role as Role,
    active: u.active,
    employerId: u.employerId,
    agencyIds: u.agencies.map((a) => a.agencyId).sort(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly repo: UsersRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The first administrator, from BOOTSTRAP_ADMIN_EMAIL / _PASSWORD, when no administrator exists.
   * Its password must pass the same rule as any other: a weak one stops the process at start.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.repo.adminExists()) return;
    const { email, password } = this.config.bootstrapAdmin;
    const problems = passwordProblems(password, { email, fullName: BOOTSTRAP_ADMIN_NAME });
    if (problems.length) throw new Error(`BOOTSTRAP_ADMIN_PASSWORD is refused: it ${problems.join('; ')}`);
    const passwordHash = await this.auth.hashPassword(password);
    try {
      await this.transactions.run(async (tx) => {
        const user = await this.repo.create(tx, { email: email.toLowerCase(), fullName: BOOTSTRAP_ADMIN_NAME, role: Role.ADMIN, agencyIds: [], passwordHash });
        await this.audit.change(tx, { requestId: 'bootstrap', ip: 'local' }, 'user.bootstrap-admin', 'user', user.id, { email, role: Role.ADMIN });
      });
      this.logger.log(`created the first administrator ${email}`);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another instance created it first
    }
  }

  async me(actor: Actor) {
    const user = await this.repo.findById(actor.id);
    if (!user) throw UserErrors.notFound();
    return { ...toDto(user), permissions: [...ROLE_PERMISSIONS[actor.role]].sort() };
  }

  async list(query: UserQueryDto): Promise<Page<UserDto>> {
    const limit = limitOf(query);
    const cursor = decodeCursor(query.cursor);
    const rows = await this.repo.list(
      {
        role: query.role,
        active: query.active,
        employerId: query.employerId,
        after: cursor ? instantPosition(cursor) : undefined,
      },
      limit + 1,
    );
    const page = toPage(rows, limit, (u) => ({ value: u.createdAt.toISOString(), id: u.id }));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.repo.findById(id);
    if (!user) throw UserErrors.notFound();
    return toDto(user);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<CreatedUserDto> {
    const agencyIds = [...new Set(dto.agencyIds ?? [])];
    if (await this.repo.emailExists(dto.email)) throw UserErrors.emailTaken();
    return this.transactions.run(async (tx) => {
      await this.checkLinks(tx, dto.role, dto.employerId, agencyIds);
      const user = await this.repo.create(tx, { ...dto, agencyIds });
      const passwordSetup = await this.auth.issueResetToken(tx, user.id);
      await this.audit.change(tx, actor, 'user.create', 'user', user.id, {
        email: user.email,
        role: user.role,
        employerId: user.employerId,
        agencyIds,
      });
      return { ...toDto(user), passwordSetup };
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto, ifMatch?: string): Promise<UserDto> {
    const updated = await this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, tx);
      if (!current) throw UserErrors.notFound();
      const expected = requiredVersion(ifMatch, current.version);
      if (expected !== current.version) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      if (id === actor.id && ((dto.role && dto.role !== current.role) || dto.active === false)) throw UserErrors.selfChange();
      const role = dto.role ?? (current.role as Role);
      const employerId = dto.employerId !== undefined ? dto.employerId : role === Role.EMPLOYER ? current.employerId : null;
      const agencyIds = dto.agencyIds !== undefined ? [...new Set(dto.agencyIds)] : role === Role.LIAISON ? current.agencies.map((a) => a.agencyId) : [];
      await this.checkLinks(tx, role, employerId, agencyIds);
      const updated = await this.repo.update(tx, id, current.version, { fullName: dto.fullName, role, employerId, active: dto.active, agencyIds });
      if (!updated) throw CommonErrors.preconditionFailed(`"${current.version + 1}"`);
      if (dto.active === false || role !== current.role) await this.auth.revokeSessions(tx, id);
      const editable = ({ fullName, role, employerId, agencyIds, active }: UserDto) => ({ fullName, role, employerId, agencyIds, active });
      const changes = diffFields(editable(toDto(current)), editable(toDto(updated)));
      await this.audit.change(tx, actor, dto.active === false ? 'user.deactivate' : 'user.update', 'user', id, changes);
      return toDto(updated);
    });
    return updated;
  }

  async resetPassword(actor: Actor, id: string) {
    const setup = await this.transactions.run(async (tx) => {
      const user = await this.repo.findById(id, tx);
      if (!user) throw UserErrors.notFound();
      const issued = await this.auth.issueResetToken(tx, id);
      await this.audit.change(tx, actor, 'user.password-reset', 'user', id);
      return issued;
    });
    return setup;
  }

  private async checkLinks(tx: Tx, role: Role, employerId: string | null | undefined, agencyIds: string[]): Promise<void> {
    const problems = linkProblems(role, employerId, agencyIds);
    if (!problems.length) {
      const found = await this.repo.countExisting(tx, employerId, agencyIds);
      if (employerId && found.employers === 0) problems.push({ field: 'employerId', message: 'no such employer' });
      if (found.agencies !== agencyIds.length) problems.push({ field: 'agencyIds', message: 'unknown partner agency' });
    }
    if (problems.length) throw UserErrors.links(problems);
  }
}
