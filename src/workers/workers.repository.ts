import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { statementName } from '../infra/database/statement-name';
import { Prisma } from '../generated/prisma/client';
import type { MinimalSource, SummarySource } from './worker.views';
import type { DocumentStatus, DocumentType, IntermediaryStatus, PlacementStatus, RecruitmentChannel, Sex, WorkerStatus } from '../generated/prisma/enums';
import type { AuthorizationDocument, AuthorizingType, CoverDates, WorkAuthorizationBranch } from './work-authorization.rules';
import { PAGE_ORDER, queryWords, rankedPageSql } from './worker-search';

type WithLinks = {
  intermediary: { select: { status: true } };
  placements: { select: { employerId: true; startDate: true; endDate: true; status: true } };
  // the papers work authorisation is derived from: VALID patents and work permits
  documents: { select: { type: true; status: true; issuedOn: true; expiresOn: true; paidUntil: true } };
};
/**
 * A dossier with its links, the shape every read of one worker answers; `documents` are the papers
 * work authorisation is derived from (the row's authorizing_documents, kept by a trigger).
 */
export type WorkerRecord = Prisma.WorkerGetPayload<{ include: WithLinks }>;

/**
 * The one read of a dossier (findById, and after create and update): the record of WithLinks in
 * ONE statement where Prisma's `include` takes four (ARCHITECTURE: typed raw SQL for hot reads).
 * Dates come as text and become UTC midnights, as Prisma gives them. The bench baseline runs this text.
 */
const DOSSIER_COLUMNS = `w.id, w.case_number, w.last_name_cyr, w.first_name_cyr, w.patronymic_cyr,
  w.last_name_lat, w.first_name_lat, w.patronymic_lat, w.search_text, w.birth_date::text AS birth_date, w.sex,
  w.citizenship, w.languages, w.phone, w.occupations, w.recruitment_channel, w.partner_agency_id, w.intermediary_id,
  w.caseworker_id, w.consent_given_on::text AS consent_given_on, w.consent_scope, w.arrival_date::text AS arrival_date,
  w.status, w.unannounced, w.archived_at, w.erased_at, w.version, w.created_at, w.updated_at,
  (SELECT i.status FROM intermediaries i WHERE i.id = w.intermediary_id) AS intermediary_status,
  (SELECT json_agg(json_build_object('employerId', p.employer_id, 'startDate', p.start_date, 'endDate', p.end_date,
                                     'status', p.status) ORDER BY p.start_date, p.id)
     FROM placements p WHERE p.worker_id = w.id AND ($2::uuid IS NULL OR p.employer_id = $2::uuid)) AS placements,
  w.authorizing_documents AS documents`;

/**
 * findById() outside a transaction: one dossier, unless erased, within the caller's scope ($2 an
 * employer, $3 partner agencies); an employer reads its own placements of the worker only.
 */
export const DOSSIER_BY_ID_SQL = `SELECT ${DOSSIER_COLUMNS} FROM workers w
  WHERE w.id = $1::uuid AND w.erased_at IS NULL
    AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM placements p WHERE p.worker_id = w.id AND p.employer_id = $2::uuid))
    AND ($3::uuid[] IS NULL OR w.partner_agency_id = ANY ($3::uuid[]))`;

interface DossierRow {
  id: string;
  case_number: string;
  last_name_cyr: string;
  first_name_cyr: string;
  patronymic_cyr: string | null;
  last_name_lat: string;
  first_name_lat: string;
  patronymic_lat: string | null;
  search_text: string;
  birth_date: string;
  sex: Sex;
  citizenship: string;
  languages: string[];
  phone: string | null;
  occupations: string[];
  recruitment_channel: RecruitmentChannel;
  partner_agency_id: string | null;
  intermediary_id: string | null;
  caseworker_id: string | null;
  consent_given_on: string | null;
  consent_scope: string | null;
  arrival_date: string | null;
  status: WorkerStatus;
  unannounced: boolean;
  archived_at: Date | null;
  erased_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  intermediary_status: IntermediaryStatus | null;
  placements: { employerId: string; startDate: string; endDate: string | null; status: PlacementStatus }[] | null;
  documents: { type: DocumentType; status: DocumentStatus; issuedOn: string | null; expiresOn: string | null; paidUntil: string | null }[] | null;
}

const day = (s: string | null): Date | null => (s === null ? null : new Date(`${s}T00:00:00Z`));

/** A dossier row as the record the services take (snake_case columns to the Prisma field names). */
function toRecord(r: DossierRow): WorkerRecord {
  return {
    id: r.id,
    caseNumber: r.case_number,
    lastNameCyr: r.last_name_cyr,
    firstNameCyr: r.first_name_cyr,
    patronymicCyr: r.patronymic_cyr,
    lastNameLat: r.last_name_lat,
    firstNameLat: r.first_name_lat,
    patronymicLat: r.patronymic_lat,
    searchText: r.search_text,
    birthDate: day(r.birth_date)!,
    sex: r.sex,
    citizenship: r.citizenship,
    languages: r.languages,
    phone: r.phone,
    occupations: r.occupations,
    recruitmentChannel: r.recruitment_channel,
    partnerAgencyId: r.partner_agency_id,
    intermediaryId: r.intermediary_id,
    caseworkerId: r.caseworker_id,
    consentGivenOn: day(r.consent_given_on),
    consentScope: r.consent_scope,
    arrivalDate: day(r.arrival_date),
    status: r.status,
    unannounced: r.unannounced,
    archivedAt: r.archived_at,
    erasedAt: r.erased_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    intermediary: r.intermediary_status === null ? null : { status: r.intermediary_status },
    placements: (r.placements ?? []).map((p) => ({ employerId: p.employerId, startDate: day(p.startDate)!, endDate: day(p.endDate), status: p.status })),
    documents: (r.documents ?? []).map((d) => ({
      type: d.type,
      status: d.status,
      issuedOn: day(d.issuedOn),
      expiresOn: day(d.expiresOn),
      paidUntil: day(d.paidUntil),
    })),
  };
}

/** A dossier as the views take it: the record without the search text, the update time and the erasure time. */
export type WorkerListRecord = Omit<WorkerRecord, 'searchText' | 'updatedAt' | 'erasedAt'>;

/** Which view a list page is read for: the summary (staff, liaison officers) or the employer's minimal view. */
export type ListView = 'summary' | 'minimal';

/**
 * A row of a summary page (pageSelect().summary): days as ISO text, archived_at as ISO 8601 text,
 * and the page's key: the score in a search, created_at in a plain list.
 */
type SummaryPageRow<K> = Pick<
  DossierRow,
  | 'id'
  | 'case_number'
  | 'last_name_cyr'
  | 'first_name_cyr'
  | 'patronymic_cyr'
  | 'last_name_lat'
  | 'first_name_lat'
  | 'patronymic_lat'
  | 'birth_date'
  | 'citizenship'
  | 'occupations'
  | 'status'
  | 'unannounced'
  | 'intermediary_status'
  | 'documents'
> & { archived_at: string | null; key: K };

/** A row of a minimal page (pageSelect().minimal), with the page's key. */
type MinimalPageRow<K> = Pick<
  DossierRow,
  'id' | 'case_number' | 'last_name_cyr' | 'first_name_cyr' | 'last_name_lat' | 'first_name_lat' | 'citizenship' | 'occupations' | 'placements'
> & { key: K };

/**
 * A list item as its view takes it, with the page's sort key: a search's score (answered as `score`),
 * a plain list's created_at (the cursor's position).
 */
export type SummaryItem<K> = SummarySource & { key: K };
export type MinimalItem<K> = MinimalSource & { key: K };

/** A summary page row for the view, its days and instants left as the ISO text they will be shown as. */
function toSummaryItem<K>(r: SummaryPageRow<K>): SummaryItem<K> {
  return {
    id: r.id,
    caseNumber: r.case_number,
    lastNameCyr: r.last_name_cyr,
    firstNameCyr: r.first_name_cyr,
    patronymicCyr: r.patronymic_cyr,
    lastNameLat: r.last_name_lat,
    firstNameLat: r.first_name_lat,
    patronymicLat: r.patronymic_lat,
    birthDate: r.birth_date,
    citizenship: r.citizenship,
    occupations: r.occupations,
    status: r.status,
    unannounced: r.unannounced,
    archivedAt: r.archived_at,
    intermediary: r.intermediary_status === null ? null : { status: r.intermediary_status },
    documents: r.documents ?? [],
    key: r.key,
  };
}

function toMinimalItem<K>(r: MinimalPageRow<K>): MinimalItem<K> {
  return {
    id: r.id,
    caseNumber: r.case_number,
    lastNameCyr: r.last_name_cyr,
    firstNameCyr: r.first_name_cyr,
    lastNameLat: r.last_name_lat,
    firstNameLat: r.first_name_lat,
    citizenship: r.citizenship,
    occupations: r.occupations,
    placements: r.placements ?? [],
    key: r.key,
  };
}

/** Scope in the query: out-of-scope workers simply do not exist for the caller. */
/** The worker record scope, for every query that reads workers (here and in other modules). */
export function workerScope(scope: RecordScope): Prisma.WorkerWhereInput {
  // employers see the workers placed with them, now or before
  if (scope.employerId) return { placements: { some: { employerId: scope.employerId } } };
  if (scope.agencyIds) return { partnerAgencyId: { in: scope.agencyIds } };
  return {};
}

/** The worker record scope over `w` in raw SQL (workerScope() for Prisma queries). */
export function scopedSql(scope: RecordScope): Prisma.Sql {
  if (scope.employerId) return Prisma.sql`EXISTS (SELECT 1 FROM placements p WHERE p.worker_id = w.id AND p.employer_id = ${scope.employerId}::uuid)`;
  if (scope.agencyIds) return Prisma.sql`w.partner_agency_id = ANY (${scope.agencyIds}::uuid[])`;
  return Prisma.sql`true`;
}

/** The columns coverDates() is kept in, by document type. */
const COVER_COLUMN: Record<AuthorizingType, Prisma.Sql> = { PATENT: Prisma.raw('w.patent_valid_until'), WORK_PERMIT: Prisma.raw('w.work_permit_valid_until') };

/**
 * The list's work authorisation filter over `w`: workAuthorizationFilter()'s branches as SQL, each
 * a citizenship list and plain bounds on a cover date column (indexed). What the bounds are is the
 * rule's decision, not this function's.
 */
function workAuthorizationSql(branches: readonly WorkAuthorizationBranch[]): Prisma.Sql {
  const codes = (list: string[], negated: boolean) =>
    list.length ? Prisma.sql`w.citizenship ${Prisma.raw(negated ? 'NOT IN' : 'IN')} (${Prisma.join(list)})` : Prisma.raw(negated ? 'true' : 'false');
  const branch = ({ citizenship, validUntil }: WorkAuthorizationBranch) => {
    const parts = ['in' in citizenship ? codes(citizenship.in, false) : codes(citizenship.notIn, true)];
    if (validUntil) {
      const column = COVER_COLUMN[validUntil.document];
      const range = validUntil.range;
      if (range.none) parts.push(Prisma.sql`${column} IS NULL`);
      else {
        if (range.from !== undefined) parts.push(Prisma.sql`${column} >= ${range.from}::date`);
        if (range.to !== undefined) parts.push(Prisma.sql`${column} <= ${range.to}::date`);
        if (range.from === undefined && range.to === undefined) parts.push(Prisma.sql`${column} IS NOT NULL`);
      }
    }
    return Prisma.sql`(${Prisma.join(parts, ' AND ')})`;
  };
  return branches.length ? Prisma.sql`(${Prisma.join(branches.map(branch), ' OR ')})` : Prisma.sql`false`;
}

export interface WorkerFilter {
  status?: WorkerStatus;
  /** workAuthorizationFilter() of the value asked for */
  workAuthorization?: WorkAuthorizationBranch[];
  /** blind index of a document number */
  documentIndex?: string;
  citizenship?: string;
  partnerAgencyId?: string;
  /** workers with a placement (any status) with this employer */
  employerId?: string;
  includeArchived?: boolean;
}

/** The list's conditions over `w`: not erased, the caller's scope, the filters. */
function listConditions(scope: RecordScope, filter: WorkerFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`w.erased_at IS NULL`, scopedSql(scope)];
  if (!filter.includeArchived) conditions.push(Prisma.sql`w.archived_at IS NULL`);
  if (filter.status) conditions.push(Prisma.sql`w.status = ${filter.status}::"WorkerStatus"`);
  if (filter.citizenship) conditions.push(Prisma.sql`w.citizenship = ${filter.citizenship}`);
  if (filter.partnerAgencyId) conditions.push(Prisma.sql`w.partner_agency_id = ${filter.partnerAgencyId}::uuid`);
  if (filter.employerId) {
    // an employer may ask for its own id only: where else its workers were placed is not its to learn
    const foreign = scope.employerId !== undefined && scope.employerId !== filter.employerId;
    conditions.push(
      foreign ? Prisma.sql`false` : Prisma.sql`EXISTS (SELECT 1 FROM placements p WHERE p.worker_id = w.id AND p.employer_id = ${filter.employerId}::uuid)`,
    );
  }
  if (filter.workAuthorization) conditions.push(workAuthorizationSql(filter.workAuthorization));
  if (filter.documentIndex) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM worker_documents d WHERE d.worker_id = w.id AND d.number_index = ${filter.documentIndex})`);
  }
  return Prisma.join(conditions, ' AND ');
}

/**
 * The placements of a minimal page's workers, read for the whole page at once (one index scan, not
 * one per row); an employer's page holds its own placements only: other employers' never leave
 * the database.
 */
function pagePlacements(scope: RecordScope): Prisma.Sql {
  const employer = scope.employerId ? Prisma.sql`AND p.employer_id = ${scope.employerId}::uuid` : Prisma.empty;
  return Prisma.sql`
  LEFT JOIN (SELECT p.worker_id, json_agg(json_build_object('employerId', p.employer_id, 'startDate', p.start_date, 'endDate', p.end_date,
                                                            'status', p.status) ORDER BY p.start_date, p.id) AS placements
             FROM placements p WHERE p.worker_id = ANY (ARRAY(SELECT id FROM page)) ${employer} GROUP BY p.worker_id) pl ON pl.worker_id = w.id`;
}

/** The workers columns each view's page carries (from the ranking, rankedPageSql(), or the list) to PAGE_SELECT. */
const PAGE_COLUMNS: Record<ListView, Prisma.Sql> = {
  summary: Prisma.raw(`w.id, w.case_number, w.last_name_cyr, w.first_name_cyr, w.patronymic_cyr, w.last_name_lat, w.first_name_lat,
         w.patronymic_lat, w.birth_date, w.citizenship, w.occupations, w.status, w.unannounced, w.archived_at, w.intermediary_id,
         w.authorizing_documents`),
  minimal: Prisma.raw(`w.id, w.case_number, w.last_name_cyr, w.first_name_cyr, w.last_name_lat, w.first_name_lat, w.citizenship, w.occupations`),
};

/**
 * The columns of a list page (`page`: rankedPageSql()'s, or the plain list's) for each view, its
 * `key` and in `order`: what summaryView() or minimalView() shows and nothing more. The papers are
 * the row's own authorizing_documents; the placements are read for the whole page at once, one
 * index scan, not one per row. Days and archived_at come as the ISO text the views print
 * (Date.toISOString()'s format: the column keeps milliseconds), so neither side parses a date.
 */
// `key` and `order` are SQL text: constants of this file only, never input
function pageSelect(key: string, order: string): (view: ListView, scope: RecordScope) => Prisma.Sql {
  const summary = Prisma.raw(`
  SELECT w.id, w.case_number, w.last_name_cyr, w.first_name_cyr, w.patronymic_cyr, w.last_name_lat, w.first_name_lat,
         w.patronymic_lat, w.birth_date::text AS birth_date, w.citizenship, w.occupations, w.status, w.unannounced,
         to_char(w.archived_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS archived_at,
         i.status AS intermediary_status, w.authorizing_documents AS documents, ${key} AS key
  FROM page w LEFT JOIN intermediaries i ON i.id = w.intermediary_id
  ORDER BY ${order}`);
  const minimalColumns = Prisma.raw(`
  SELECT w.id, w.case_number, w.last_name_cyr, w.first_name_cyr, w.last_name_lat, w.first_name_lat, w.citizenship, w.occupations,
         pl.placements, ${key} AS key
  FROM page w`);
  const minimalOrder = Prisma.raw(`
  ORDER BY ${order}`);
  return (view, scope) => (view === 'summary' ? summary : Prisma.sql`${minimalColumns}${pagePlacements(scope)}${minimalOrder}`);
}

/** A search page: keyed by score, best first. */
const SEARCH_PAGE_SELECT = pageSelect('w.score', PAGE_ORDER);
/** A plain list page: keyed by created_at, oldest first (the keyset of list()). */
const LIST_PAGE_SELECT = pageSelect('w.created_at', 'w.created_at, w.id');

/**
 * search()'s statement for a folded query (searchQuery()), or null when it has no word: the
 * page's columns for the view (SEARCH_PAGE_SELECT) and the score as `key`, rows offset…offset+take. Exported for
 * the bench baseline, which runs exactly this.
 */
export function searchStatement(scope: RecordScope, filter: WorkerFilter, search: string, take: number, offset: number, view: ListView): Prisma.Sql | null {
  const words = queryWords(search);
  return words.length
    ? Prisma.sql`${rankedPageSql(listConditions(scope, filter), words, take, offset, PAGE_COLUMNS[view])}\n${SEARCH_PAGE_SELECT(view, scope)}`
    : null;
}

@Injectable()
export class WorkersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The next case number of the year; the row lock makes numbers gap-free under concurrency (a rollback returns it). */
  async nextCaseNumber(tx: Tx, year: number): Promise<string> {
    const [row] = await tx.$queryRaw<{ last: number }[]>`
      INSERT INTO case_number_counters (year, last) VALUES (${year}, 1)
      ON CONFLICT (year) DO UPDATE SET last = case_number_counters.last + 1
      RETURNING last`;
    return `OMS-${year}-${String(row.last).padStart(6, '0')}`;
  }

  async create(tx: Tx, data: Prisma.WorkerUncheckedCreateInput): Promise<WorkerRecord> {
    const { id } = await tx.worker.create({ data, select: { id: true } });
    return (await this.findById(id, {}, tx))!;
  }

  /**
   * One dossier within the scope, by the one statement above: inside the transaction when one is
   * given, otherwise as a named prepared statement on the pool. (Through Prisma's `include` the same
   * read is four round trips: worker-by-id measured 0.32 of its baseline that way, under the 0.35 goal.)
   */
  async findById(id: string, scope: RecordScope, tx?: Tx): Promise<WorkerRecord | null> {
    const values = [id, scope.employerId ?? null, scope.agencyIds ?? null];
    const rows = tx
      ? await tx.$queryRawUnsafe<DossierRow[]>(DOSSIER_BY_ID_SQL, ...values)
      : (await this.prisma.pool.query<DossierRow>({ name: 'workers_dossier_by_id', text: DOSSIER_BY_ID_SQL, values })).rows;
    return rows.length ? toRecord(rows[0]) : null;
  }

  async update(tx: Tx, id: string, version: number, data: Prisma.WorkerUncheckedUpdateManyInput): Promise<WorkerRecord | null> {
    const { count } = await tx.worker.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    return count === 1 ? this.findById(id, {}, tx) : null;
  }

  /** The dossier's papers work authorisation is derived from, as they stand in the transaction (the row's authorizing_documents). */
  async authorizingDocuments(tx: Tx, id: string): Promise<AuthorizationDocument[]> {
    const rows = await tx.$queryRaw<{ documents: AuthorizationDocument[] }[]>`SELECT authorizing_documents AS documents FROM workers WHERE id = ${id}::uuid`;
    return rows[0]?.documents ?? [];
  }

  /**
   * Writes the dossier's cover dates (coverDates()); a row whose dates did not change is not
   * written. Not through Prisma's update, which would move updated_at: the dossier itself did not change.
   */
  async setCoverDates(tx: Tx, id: string, cover: CoverDates): Promise<void> {
    await tx.$executeRaw`
      UPDATE workers SET patent_valid_until = ${cover.PATENT}::date, work_permit_valid_until = ${cover.WORK_PERMIT}::date
      WHERE id = ${id}::uuid AND (patent_valid_until, work_permit_valid_until) IS DISTINCT FROM (${cover.PATENT}::date, ${cover.WORK_PERMIT}::date)`;
  }

  addEvent(tx: Tx, data: Prisma.WorkerEventUncheckedCreateInput) {
    return tx.workerEvent.create({ data });
  }

  events(workerId: string) {
    return this.prisma.workerEvent.findMany({ where: { workerId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  }

  /**
   * What else belongs on the timeline: documents recorded (with who recorded them and a contract's
   * employer), patent payments and their reversals, placements with their employer and request.
   */
  async timelineSources(workerId: string) {
    const [documents, payments, placements, deadlines] = await Promise.all([
      this.prisma.workerDocument.findMany({
        where: { workerId },
        select: {
          id: true,
          type: true,
          status: true,
          createdAt: true,
          expiresOn: true,
          supersedesId: true,
          createdById: true,
          employer: { select: { id: true, name: true } },
        },
      }),
      this.prisma.patentPayment.findMany({
        where: { workerId },
        select: {
          id: true,
          documentId: true,
          paidOn: true,
          months: true,
          amountRub: true,
          actorId: true,
          createdAt: true,
          reversedAt: true,
          reversedById: true,
          reversalReason: true,
        },
      }),
      this.prisma.placement.findMany({
        where: { workerId },
        select: {
          id: true,
          startDate: true,
          endDate: true,
          status: true,
          createdById: true,
          createdAt: true,
          employer: { select: { id: true, name: true } },
          labourRequest: { select: { id: true, occupationCode: true, occupation: { select: { title: true } } } },
        },
      }),
      this.prisma.deadline.findMany({
        where: { workerId },
        select: { id: true, kind: true, dueDate: true, status: true, completedOn: true, employer: { select: { id: true, name: true } } },
      }),
    ]);
    return { documents, payments, placements, deadlines };
  }

  /** Names of users, by id (the people who did things on a timeline). */
  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const users = await this.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } });
    return new Map(users.map((u) => [u.id, u.fullName]));
  }

  /**
   * A page of the workers in the scope passing the filter, oldest first, after the keyset `after`:
   * the columns of the view only, keyed by created_at.
   */
  list(
    scope: RecordScope,
    filter: WorkerFilter,
    take: number,
    after: { createdAt: Date; id: string } | undefined,
    view: 'summary',
  ): Promise<SummaryItem<Date>[]>;
  list(
    scope: RecordScope,
    filter: WorkerFilter,
    take: number,
    after: { createdAt: Date; id: string } | undefined,
    view: 'minimal',
  ): Promise<MinimalItem<Date>[]>;
  async list(
    scope: RecordScope,
    filter: WorkerFilter,
    take: number,
    after: { createdAt: Date; id: string } | undefined,
    view: ListView,
  ): Promise<SummaryItem<Date>[] | MinimalItem<Date>[]> {
    const keyset = after ? Prisma.sql`AND (w.created_at, w.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : Prisma.empty;
    const statement = Prisma.sql`
      WITH page AS MATERIALIZED (
        SELECT ${PAGE_COLUMNS[view]}, w.created_at FROM workers w
        WHERE ${listConditions(scope, filter)} ${keyset} ORDER BY w.created_at, w.id LIMIT ${take})
      ${LIST_PAGE_SELECT(view, scope)}`;
    return view === 'summary'
      ? (await this.query<SummaryPageRow<Date>>(statement)).map(toSummaryItem)
      : (await this.query<MinimalPageRow<Date>>(statement)).map(toMinimalItem);
  }

  /**
   * A page of the workers whose names match a folded query (searchQuery()) word by word
   * (worker-search.ts), best first, rows offset…offset+take, in one statement.
   */
  search(scope: RecordScope, filter: WorkerFilter, take: number, search: string, offset: number, view: 'summary'): Promise<SummaryItem<number>[]>;
  search(scope: RecordScope, filter: WorkerFilter, take: number, search: string, offset: number, view: 'minimal'): Promise<MinimalItem<number>[]>;
  async search(
    scope: RecordScope,
    filter: WorkerFilter,
    take: number,
    search: string,
    offset: number,
    view: ListView,
  ): Promise<SummaryItem<number>[] | MinimalItem<number>[]> {
    const statement = searchStatement(scope, filter, search, take, offset, view);
    if (!statement) return [];
    return view === 'summary'
      ? (await this.query<SummaryPageRow<number>>(statement)).map(toSummaryItem)
      : (await this.query<MinimalPageRow<number>>(statement)).map(toMinimalItem);
  }

  /** A raw statement on the pool, prepared once per connection under a name derived from its text. */
  private async query<T extends object>(sql: Prisma.Sql): Promise<T[]> {
    const text = sql.text;
    return (await this.prisma.pool.query<T>({ name: statementName('workers_', text), text, values: sql.values })).rows;
  }

  /** Counts of the linked records found (1 for a link not given), one query after the other: a transaction runs one at a time. */
  async linksExist(tx: Tx, links: { partnerAgencyId?: string | null; intermediaryId?: string | null; caseworkerId?: string | null }) {
    const agency = links.partnerAgencyId ? await tx.partnerAgency.count({ where: { id: links.partnerAgencyId } }) : 1;
    const intermediary = links.intermediaryId ? await tx.intermediary.count({ where: { id: links.intermediaryId } }) : 1;
    const caseworker = links.caseworkerId ? await tx.user.count({ where: { id: links.caseworkerId, role: { in: ['STAFF', 'ADMIN'] }, active: true } }) : 1;
    return [agency, intermediary, caseworker] as const;
  }
}

/** Data-subject rights: everything held on a person, and its destruction. */
@Injectable()
export class PersonalDataRepository {
  constructor(private readonly prisma: PrismaService) {}

  everything(workerId: string) {
    return this.prisma.worker.findUnique({
      where: { id: workerId },
      include: {
        documents: { orderBy: { createdAt: 'asc' } },
        patentPayments: { orderBy: { paidOn: 'asc' } },
        events: { orderBy: { occurredAt: 'asc' } },
        partnerAgency: { select: { id: true, name: true, country: true } },
        intermediary: { select: { id: true, name: true, status: true } },
        placements: { orderBy: { startDate: 'asc' }, include: { contractNotifications: { orderBy: { createdAt: 'asc' } } } },
      },
    });
  }

  auditTrail(workerId: string) {
    return this.prisma.auditEvent.findMany({ where: { entityType: 'worker', entityId: workerId }, orderBy: { id: 'asc' } });
  }

  fileKeys(workerId: string, tx: Tx) {
    return tx.workerDocument.findMany({ where: { workerId, fileKey: { not: null } }, select: { fileKey: true } });
  }

  /**
   * Destroys the personal data of a dossier in place. What stays is anonymous: citizenship, sex,
   * birth year, status, occupations, channel and dates useful for statistics.
   */
  async erase(tx: Tx, workerId: string, birthYear: number, now: Date): Promise<void> {
    // documents before the dossier row: the order every document change takes (the trigger that
    // keeps authorizing_documents locks the dossier after the document), else the two deadlock
    await tx.workerDocument.updateMany({
      where: { workerId },
      data: { numberEnc: null, numberIndex: null, issuer: null, fileKey: null, fileSha256: null, fileSize: null, fileContentType: null, fileUploadedAt: null },
    });
    await tx.worker.update({
      where: { id: workerId },
      data: {
        lastNameCyr: '—',
        firstNameCyr: '—',
        patronymicCyr: null,
        lastNameLat: 'ERASED',
        firstNameLat: 'ERASED',
        patronymicLat: null,
        searchText: '',
        birthDate: new Date(Date.UTC(birthYear, 0, 1)),
        phone: null,
        languages: [],
        intermediaryId: null,
        consentScope: null,
        erasedAt: now,
        version: { increment: 1 },
      },
    });
    await tx.patentPayment.updateMany({ where: { workerId }, data: { receiptNumber: null, reversalReason: null } });
    await tx.workerEvent.updateMany({ where: { workerId }, data: { text: null } });
  }
}
