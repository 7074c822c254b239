import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { CursorPosition, decodeCursor, encodeCursor, instantPosition, limitOf, toPage } from '../common/pagination/pagination';
import { Clock } from '../infra/clock/clock';
import { FieldCrypto } from '../infra/crypto/field-crypto';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { CreateWorkerDto, TransitionDto, UpdateWorkerDto, WorkerQueryDto } from './dto/worker.dto';
import { searchQuery, searchText } from './transliteration';
import { canSeeFullDossier, DossierSource, fullView, minimalView, summaryView } from './worker.views';
import { initialStatus, transitionProblem, WorkerStatus } from './worker-lifecycle.rules';
import type { Prisma } from '../generated/prisma/client';
import { WorkerErrors } from './workers.errors';
import { documentProblems } from './document.rules';
import { DocumentErrors } from './documents/documents.service';
import { WorkerRecord, WorkersRepository } from './workers.repository';

const toDate = (s: string | undefined | null) => (s ? new Date(`${s}T00:00:00Z`) : s === null ? null : undefined);

@Injectable()
export class WorkersService {
  constructor(
    private readonly repo: WorkersRepository,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private view(actor: Actor, w: DossierSource, today = this.today()) {
    return canSeeFullDossier(actor) ? fullView(w, today) : minimalView(w, actor.employerId);
  }

  async create(actor: Actor, dto: CreateWorkerDto, force = false) {
    this.checkDates(dto);
    const { passport, ...fields } = dto;
    const text = searchText(fields);
    if (passport) {
      const problems = documentProblems({ type: 'PASSPORT', ...passport, citizenship: dto.citizenship, today: this.today() });
      if (problems.length) throw DocumentErrors.invalid(problems.map((p) => ({ ...p, field: `passport.${p.field}` })));
    }
    if (!force) {
      // the same passport number is the same person, whatever the spelling
      const samePassport = passport ? await this.repo.withPassportIndex(this.crypto.blindIndex(passport.number)) : [];
      const similar = await this.repo.similarByBirthDate(toDate(dto.birthDate)!, text);
      const candidates = [
        ...samePassport.map((s) => ({ id: s.id, caseNumber: s.caseNumber, name: `${s.lastNameLat} ${s.firstNameLat}`, birthDate: s.birthDate.toISOString().slice(0, 10), score: 1, reason: 'PASSPORT_NUMBER' })),
        ...similar
          .filter((s) => !samePassport.some((p) => p.id === s.id))
          .map((s) => ({
            id: s.id,
            caseNumber: s.case_number,
            name: `${s.last_name_lat} ${s.first_name_lat}`,
            birthDate: s.birth_date.toISOString().slice(0, 10),
            score: Math.round(s.score * 100) / 100,
            reason: 'NAME_AND_BIRTH_DATE',
          })),
      ];
      if (candidates.length) throw WorkerErrors.duplicateSuspected(candidates);
    }
    const worker = await this.prisma.$transaction(async (tx) => {
      await this.checkLinks(tx, dto);
      const caseNumber = await this.repo.nextCaseNumber(tx, this.clock.now().getUTCFullYear());
      const status = initialStatus(dto.recruitmentChannel);
      const created = await this.repo.create(tx, {
        ...fields,
        caseNumber,
        searchText: text,
        status,
        languages: dto.languages ?? [],
        occupations: dto.occupations ?? [],
        birthDate: toDate(dto.birthDate)!,
        consentGivenOn: toDate(dto.consentGivenOn),
        arrivalDate: toDate(dto.arrivalDate),
      });
      if (passport) {
        await this.repo.addPassport(tx, created.id, {
          numberEnc: this.crypto.encrypt(passport.number),
          numberIndex: this.crypto.blindIndex(passport.number),
          issuedOn: toDate(passport.issuedOn)!,
          expiresOn: toDate(passport.expiresOn)!,
          issuer: passport.issuer ?? null,
        });
      }
      await this.repo.addEvent(tx, { workerId: created.id, kind: 'CREATED', actorId: actor.id, toStatus: status, text: force ? 'created despite suspected duplicates' : null });
      await this.audit.change(tx, actor, 'worker.create', 'worker', created.id, { caseNumber, status, citizenship: dto.citizenship, force });
      return created;
    });
    return fullView(worker, this.today());
  }

  async list(actor: Actor, query: WorkerQueryDto) {
    const limit = limitOf(query);
    const cursor = decodeCursor(query.cursor);
    const filter = {
      status: query.status,
      citizenship: query.citizenship,
      partnerAgencyId: query.partnerAgencyId,
      includeArchived: query.includeArchived,
      documentIndex: query.documentNumber ? this.crypto.blindIndex(query.documentNumber) : undefined,
      workAuthorization: query.workAuthorization ? { value: query.workAuthorization, today: this.today() } : undefined,
    };
    const scope = scopeOf(actor);
    const today = this.today();
    const full = canSeeFullDossier(actor);
    if (query.q) {
      const offset = cursor ? searchOffset(cursor) : 0;
      const q = searchQuery(query.q);
      const score = (w: { key: number }) => ({ score: Math.round(w.key * 100) / 100 });
      // assign, not spread: a spread copy of a view costs more than building it
      const items = full
        ? (await this.repo.search(scope, filter, limit + 1, q, offset, 'summary')).map((w) => Object.assign(summaryView(w, today), score(w)))
        : (await this.repo.search(scope, filter, limit + 1, q, offset, 'minimal')).map((w) => Object.assign(minimalView(w, actor.employerId), score(w)));
      return { items: items.slice(0, limit), nextCursor: items.length > limit ? encodeCursor({ value: offset + limit, id: 'rank' }) : null };
    }
    const after = cursor ? instantPosition(cursor) : undefined;
    const position = (w: { key: Date; id: string }) => ({ value: w.key.toISOString(), id: w.id });
    if (full) {
      const page = toPage(await this.repo.list(scope, filter, limit + 1, after, 'summary'), limit, position);
      return { items: page.items.map((w) => summaryView(w, today)), nextCursor: page.nextCursor };
    }
    const page = toPage(await this.repo.list(scope, filter, limit + 1, after, 'minimal'), limit, position);
    return { items: page.items.map((w) => minimalView(w, actor.employerId)), nextCursor: page.nextCursor };
  }

  /** Reads one dossier; every read of the full dossier goes to the access log. */
  async get(actor: Actor, id: string) {
    const worker = await this.repo.findById(id, scopeOf(actor));
    if (!worker) throw WorkerErrors.notFound();
    if (canSeeFullDossier(actor)) await this.audit.access(actor, 'worker.read', 'worker', id);
    return this.view(actor, worker);
  }

  async update(actor: Actor, id: string, dto: UpdateWorkerDto, ifMatch?: string) {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.repo.findById(id, scopeOf(actor), tx);
      if (!current) throw WorkerErrors.notFound();
      const version = requiredVersion(ifMatch, current.version);
      if (version !== current.version) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      const before = fullView(current, this.today());
      this.checkDates({ ...before, ...dto });
      await this.checkLinks(tx, dto);
      const { archived, ...fields } = dto;
      const names = { ...current, ...fields };
      const updated = await this.repo.update(tx, id, version, {
        ...fields,
        archivedAt: archived === undefined ? undefined : archived ? (current.archivedAt ?? this.clock.now()) : null,
        searchText: searchText(names),
        birthDate: toDate(dto.birthDate) ?? undefined,
        consentGivenOn: toDate(dto.consentGivenOn),
        arrivalDate: toDate(dto.arrivalDate),
      });
      if (!updated) throw CommonErrors.preconditionFailed(`"${current.version + 1}"`);
      const after = fullView(updated, this.today());
      const changes = diffFields(before as unknown as Record<string, unknown>, { ...(dto as Record<string, unknown>) });
      await this.repo.addEvent(tx, { workerId: id, kind: 'UPDATED', actorId: actor.id, text: Object.keys(changes).join(', ') });
      await this.audit.change(tx, actor, 'worker.update', 'worker', id, changes);
      return after;
    });
  }

  async transition(actor: Actor, id: string, dto: TransitionDto) {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.repo.findById(id, scopeOf(actor), tx);
      if (!current) throw WorkerErrors.notFound();
      return fullView(await this.moveInTx(tx, actor, current, dto.to, dto.reason), this.today());
    });
  }

  /**
   * Moves a worker along the lifecycle inside the caller's transaction, for the other parts of the
   * system that move workers (arrivals, placements): the lifecycle rule (409 with the allowed
   * targets), the timeline event and the audit row. `worker` is a record the caller already found
   * within its scope (`findForUpdate`); `data` sets fields that change with the move (arrival date,
   * unannounced flag). A concurrent change of the worker answers 412.
   */
  async moveInTx(tx: Tx, actor: Actor, worker: WorkerRecord, to: WorkerStatus, reason: string, data: Prisma.WorkerUncheckedUpdateManyInput = {}) {
    const problem = transitionProblem(worker.status, to);
    if (problem) throw WorkerErrors.illegalTransition(worker.status, to, problem.allowed);
    const updated = await this.repo.update(tx, worker.id, worker.version, { ...data, status: to });
    if (!updated) throw CommonErrors.preconditionFailed(`"${worker.version + 1}"`);
    await this.repo.addEvent(tx, { workerId: worker.id, kind: 'TRANSITION', actorId: actor.id, fromStatus: worker.status, toStatus: to, text: reason });
    await this.audit.change(tx, actor, 'worker.transition', 'worker', worker.id, { from: worker.status, to, reason, ...data });
    return updated;
  }

  /** A worker by id within the caller's scope, for use inside another module's transaction (null when not found). */
  findForUpdate(tx: Tx, actor: Actor, id: string): Promise<WorkerRecord | null> {
    return this.repo.findById(id, scopeOf(actor), tx);
  }

  async timeline(actor: Actor, id: string) {
    const worker = await this.repo.findById(id, scopeOf(actor));
    if (!worker) throw WorkerErrors.notFound();
    const [events, { documents, payments }] = await Promise.all([this.repo.events(id), this.repo.papers(id)]);
    const items = [
      ...events.map((e) => ({ id: e.id, kind: e.kind as string, occurredAt: e.occurredAt.toISOString(), actorId: e.actorId, fromStatus: e.fromStatus, toStatus: e.toStatus, text: e.text })),
      ...documents.map((d) => ({
        id: d.id,
        kind: d.supersedesId ? 'DOCUMENT_RENEWED' : 'DOCUMENT_RECORDED',
        occurredAt: d.createdAt.toISOString(),
        actorId: null,
        fromStatus: null,
        toStatus: null,
        text: `${d.type}${d.expiresOn ? ` valid to ${d.expiresOn.toISOString().slice(0, 10)}` : ''} (${d.status})`,
      })),
      ...payments.map((p) => ({
        id: p.id,
        kind: 'PATENT_PAYMENT',
        occurredAt: p.createdAt.toISOString(),
        actorId: p.actorId,
        fromStatus: null,
        toStatus: null,
        text: `${p.months} month(s), ${p.amountRub} RUB, paid ${p.paidOn.toISOString().slice(0, 10)}`,
      })),
    ];
    items.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
    return { items };
  }

  private checkDates(d: { birthDate?: string | null; arrivalDate?: string | null; consentGivenOn?: string | null }) {
    const today = this.today();
    const errors: { field: string; message: string }[] = [];
    if (d.birthDate && (d.birthDate > today || d.birthDate < '1920-01-01')) errors.push({ field: 'birthDate', message: 'must be a plausible past date' });
    if (d.birthDate && d.birthDate > `${Number(today.slice(0, 4)) - 16}${today.slice(4)}`) errors.push({ field: 'birthDate', message: 'a worker must be at least 16' });
    for (const field of ['arrivalDate', 'consentGivenOn'] as const) {
      if (d[field] && d[field]! > today) errors.push({ field, message: 'must not be in the future' });
    }
    if (errors.length) throw WorkerErrors.invalidDates(errors);
  }

  private async checkLinks(tx: Tx, dto: { partnerAgencyId?: string | null; intermediaryId?: string | null; caseworkerId?: string | null }) {
    const [agency, intermediary, caseworker] = await this.repo.linksExist(tx, dto);
    const errors: { field: string; message: string }[] = [];
    if (!agency) errors.push({ field: 'partnerAgencyId', message: 'no such partner agency' });
    if (!intermediary) errors.push({ field: 'intermediaryId', message: 'no such intermediary' });
    if (!caseworker) errors.push({ field: 'caseworkerId', message: 'must be an active STAFF or ADMIN user' });
    if (errors.length) throw WorkerErrors.invalidLinks(errors);
  }
}

/** A search cursor's offset; a cursor of another list (or forged) is refused with 400, never run. */
function searchOffset(cursor: CursorPosition): number {
  if (cursor.id !== 'rank' || typeof cursor.value !== 'number' || !Number.isSafeInteger(cursor.value) || cursor.value < 0) throw CommonErrors.badCursor();
  return cursor.value;
}
