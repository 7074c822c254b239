import { DeadlinesService } from '../deadlines/deadlines.service';
import { RetaliationWatch } from '../complaints/retaliation-watch';
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
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { CreateWorkerDto, TransitionDto, UpdateWorkerDto, WorkerQueryDto } from './dto/worker.dto';
import { searchQuery, searchText } from './transliteration';
import { canSeeFullDossier, DossierSource, fullView, minimalView, summaryView } from './worker.views';
import { heldByPlannedPlacement, initialStatus, missingPapers, transitionProblem, WorkerStatus } from './worker-lifecycle.rules';
import { LifecycleErrors } from './worker-lifecycle.errors';
import { assessWorkAuthorization, WorkAuthorization, workAuthorizationFilter } from './work-authorization.rules';
import type { Prisma } from '../generated/prisma/client';
import { DuplicateCandidate, WorkerErrors } from './workers.errors';
import { duplicateVerdict, intakeAgency } from './worker-intake.rules';
import { CountriesService } from '../reference/countries.service';
import { documentProblems } from './document.rules';
import { DocumentErrors } from './documents/documents.service';
import { WorkerRecord, WorkersRepository } from './workers.repository';
import { timelineActorIds, timelineView, timelineViewer } from './timeline.views';
import { SuspectIdentity, WorkerIntakeRepository } from './worker-intake.repository';

const toDate = (s: string | undefined | null) => (s ? new Date(`${s}T00:00:00Z`) : s === null ? null : undefined);

@Injectable()
export class WorkersService {
  constructor(
    private readonly repo: WorkersRepository,
    private readonly intake: WorkerIntakeRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly countries: CountriesService,
    private readonly deadlines: DeadlinesService,
    private readonly retaliation: RetaliationWatch,
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private view(actor: Actor, w: DossierSource, today = this.today()) {
    return canSeeFullDossier(actor) ? fullView(w, today) : minimalView(w, actor.employerId);
  }

  async create(actor: Actor, dto: CreateWorkerDto, force = false) {
    this.checkDates(dto);
    const partnerAgencyId = this.agencyOf(actor, dto.partnerAgencyId);
    await this.checkCitizenship(dto.citizenship);
    const { passport, ...given } = dto;
    const fields = { ...given, partnerAgencyId };
    const text = searchText(fields);
    if (passport) {
      const problems = documentProblems({ type: 'PASSPORT', ...passport, citizenship: dto.citizenship, today: this.today() });
      if (problems.length) throw DocumentErrors.invalid(problems.map((p) => ({ ...p, field: `passport.${p.field}` })));
    }
    const overridden = await this.checkDuplicates(actor, dto, text, force);
    const worker = await this.transactions.run(async (tx) => {
      await this.checkLinks(tx, fields);
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
        await this.intake.addPassport(tx, created.id, {
          numberEnc: this.crypto.encrypt(passport.number),
          numberIndex: this.crypto.blindIndex(passport.number),
          country: dto.citizenship,
          issuedOn: toDate(passport.issuedOn)!,
          expiresOn: toDate(passport.expiresOn)!,
          issuer: passport.issuer ?? null,
          createdById: actor.id,
        });
      }
      await this.repo.addEvent(tx, {
        workerId: created.id,
        kind: 'CREATED',
        actorId: actor.id,
        toStatus: status,
        text: overridden ? 'created despite suspected duplicates' : null,
      });
      await this.audit.change(tx, actor, 'worker.create', 'worker', created.id, { caseNumber, status, citizenship: dto.citizenship, force });
      await this.deadlines.recompute(tx, created.id, actor.id);
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
      employerId: query.employerId,
      includeArchived: query.includeArchived,
      documentIndex: query.documentNumber ? this.crypto.blindIndex(query.documentNumber) : undefined,
      workAuthorization: query.workAuthorization ? workAuthorizationFilter(query.workAuthorization as WorkAuthorization, this.today()) : undefined,
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
    if (dto.partnerAgencyId !== undefined) this.agencyOf(actor, dto.partnerAgencyId);
    await this.checkCitizenship(dto.citizenship);
    return this.transactions.run(async (tx) => {
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
      // an arrival date or a citizenship changed moves the worker's obligations
      if (dto.arrivalDate !== undefined || dto.citizenship !== undefined) await this.deadlines.recompute(tx, id, actor.id);
      return after;
    });
  }

  async transition(actor: Actor, id: string, dto: TransitionDto) {
    return this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, scopeOf(actor), tx);
      if (!current) throw WorkerErrors.notFound();
      if (heldByPlannedPlacement(current.placements)) throw LifecycleErrors.plannedPlacement();
      return fullView(await this.moveInTx(tx, actor, current, dto.to, dto.reason), this.today());
    });
  }

  /**
   * Moves a worker along the lifecycle inside the caller's transaction, for the other parts of the
   * system that move workers (arrivals, placements): the lifecycle rule (409 with the allowed
   * targets), the papers the target needs today (422 WORK_AUTHORIZATION_REQUIRED listing what is
   * missing), the timeline event and the audit row. `worker` is a record the caller already found
   * within its scope (`findForUpdate`); `data` sets fields that change with the move (arrival date,
   * unannounced flag). A concurrent change of the worker answers 412.
   */
  async moveInTx(tx: Tx, actor: Actor, worker: WorkerRecord, to: WorkerStatus, reason: string, data: Prisma.WorkerUncheckedUpdateManyInput = {}) {
    const problem = transitionProblem(worker.status, to);
    if (problem) throw WorkerErrors.illegalTransition(worker.status, to, problem.allowed);
    const missing = missingPapers(to, this.authorization(worker));
    if (missing.length) throw LifecycleErrors.workAuthorizationRequired(to, missing);
    const updated = await this.repo.update(tx, worker.id, worker.version, { ...data, status: to });
    if (!updated) throw CommonErrors.preconditionFailed(`"${worker.version + 1}"`);
    await this.repo.addEvent(tx, { workerId: worker.id, kind: 'TRANSITION', actorId: actor.id, fromStatus: worker.status, toStatus: to, text: reason });
    await this.audit.change(tx, actor, 'worker.transition', 'worker', worker.id, { from: worker.status, to, reason, ...data });
    if (data.arrivalDate !== undefined) await this.deadlines.recompute(tx, worker.id, actor.id); // a check-in dates the arrival obligations
    if (to === 'DEPARTED' || to === 'CLOSED') await this.retaliation.workerLeft(tx, worker.id, to); // soon after a complaint: retaliation?
    return updated;
  }

  /** The worker's work authorisation today, by the rule every view uses. */
  private authorization(worker: WorkerRecord) {
    const day = (d: Date | null) => d && d.toISOString().slice(0, 10);
    const documents = worker.documents.map((d) => ({
      type: d.type,
      status: d.status,
      issuedOn: day(d.issuedOn),
      expiresOn: day(d.expiresOn),
      paidUntil: day(d.paidUntil),
    }));
    return assessWorkAuthorization({ citizenship: worker.citizenship, documents, today: this.today() });
  }

  /** A worker by id within the caller's scope, for use inside another module's transaction (null when not found). */
  findForUpdate(tx: Tx, actor: Actor, id: string): Promise<WorkerRecord | null> {
    return this.repo.findById(id, scopeOf(actor), tx);
  }

  async timeline(actor: Actor, id: string) {
    const worker = await this.repo.findById(id, scopeOf(actor));
    if (!worker) throw WorkerErrors.notFound();
    const [events, sources] = await Promise.all([this.repo.events(id), this.repo.timelineSources(id)]);
    const viewer = timelineViewer(actor);
    const names = await this.repo.userNames(timelineActorIds(events, sources).filter((u) => viewer.seesUserNames || u === actor.id));
    return timelineView(events, sources, names, viewer);
  }

  /**
   * The duplicate check (worker-intake.rules.ts): a passport number on file refuses whatever
   * `force` says; a similar name and the same birth date refuse unless `force`. Suspects are named
   * only within the caller's record scope. True when `force` overrode a suspicion (the timeline says so).
   */
  private async checkDuplicates(actor: Actor, dto: CreateWorkerDto, text: string, force: boolean): Promise<boolean> {
    const scope = scopeOf(actor);
    const holders = dto.passport ? await this.intake.passportHolders(scope, dto.citizenship, this.crypto.blindIndex(dto.passport.number)) : [];
    const similar = holders.length ? [] : await this.intake.similarByBirthDate(scope, toDate(dto.birthDate)!, text);
    const verdict = duplicateVerdict(holders, similar, force);
    const reasoned =
      (reason: DuplicateCandidate['reason']) =>
      (c: SuspectIdentity): DuplicateCandidate => ({ ...c, reason });
    if (verdict.kind === 'NUMBER_TAKEN') throw WorkerErrors.documentNumberTaken(verdict.candidates.map(reasoned('PASSPORT_NUMBER')));
    if (verdict.kind === 'SUSPECTED') throw WorkerErrors.duplicateSuspected(verdict.candidates.map(reasoned('NAME_AND_BIRTH_DATE')));
    if (verdict.kind === 'POSSIBLY_REGISTERED') throw WorkerErrors.possiblyRegistered(verdict.reason);
    return similar.length > 0;
  }

  /** The partner agency a dossier may have: a liaison officer's own (their only one by default), 422 naming the field otherwise. */
  private agencyOf(actor: Actor, given: string | null | undefined): string | undefined {
    const choice = intakeAgency(scopeOf(actor).agencyIds, given);
    if (choice.problem) throw WorkerErrors.invalidLinks([choice.problem]);
    return choice.agencyId;
  }

  /** A citizenship must be a country on the ISO 3166 list, and not Russia (422 naming `citizenship`). */
  private async checkCitizenship(code: string | undefined): Promise<void> {
    if (code === undefined) return;
    const problems = await this.countries.citizenshipProblems('citizenship', [code]);
    if (problems.length) throw WorkerErrors.invalidCitizenship(problems);
  }

  private checkDates(d: { birthDate?: string | null; arrivalDate?: string | null; consentGivenOn?: string | null }) {
    const today = this.today();
    const errors: { field: string; message: string }[] = [];
    if (d.birthDate && (d.birthDate > today || d.birthDate < '1920-01-01')) errors.push({ field: 'birthDate', message: 'must be a plausible past date' });
    if (d.birthDate && d.birthDate > `${Number(today.slice(0, 4)) - 16}${today.slice(4)}`)
      errors.push({ field: 'birthDate', message: 'a worker must be at least 16' });
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
