import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { WorkerStatus } from '../generated/prisma/enums';
import { DEFAULT_EAEU_COUNTRIES, DEFAULT_EXPIRING_WITHIN_DAYS, DEFAULT_VISA_FREE_COUNTRIES } from './work-authorization.rules';

const WITH_LINKS = {
  intermediary: { select: { status: true } },
  placements: { select: { employerId: true, startDate: true, endDate: true, status: true }, orderBy: { startDate: 'asc' } },
  // the papers work authorisation is derived from
  documents: {
    where: { status: 'VALID', type: { in: ['PATENT', 'WORK_PERMIT'] } },
    select: { type: true, status: true, issuedOn: true, expiresOn: true, paidUntil: true },
  },
} satisfies Prisma.WorkerInclude;
export type WorkerRecord = Prisma.WorkerGetPayload<{ include: typeof WITH_LINKS }>;

/** Scope in the query: out-of-scope workers simply do not exist for the caller. */
function scoped(scope: RecordScope): Prisma.WorkerWhereInput {
  // employers see the workers placed with them, now or before
  if (scope.employerId) return { placements: { some: { employerId: scope.employerId } } };
  if (scope.agencyIds) return { partnerAgencyId: { in: scope.agencyIds } };
  return {};
}

function scopedSql(scope: RecordScope): Prisma.Sql {
  if (scope.employerId) return Prisma.sql`EXISTS (SELECT 1 FROM placements p WHERE p.worker_id = w.id AND p.employer_id = ${scope.employerId}::uuid)`;
  if (scope.agencyIds) return scope.agencyIds.length ? Prisma.sql`w.partner_agency_id::text IN (${Prisma.join(scope.agencyIds)})` : Prisma.sql`false`;
  return Prisma.sql`true`;
}

/**
 * Work authorisation in SQL, for the list filter only: the same decision as
 * work-authorization.rules.ts (which the dossier shows), expressed as a query so that filtering
 * and pagination stay in the database. An e2e test checks both agree on the demo data set.
 */
function workAuthorizationSql(today: string, window: number): Prisma.Sql {
  const eaeu = [...DEFAULT_EAEU_COUNTRIES, 'RU'];
  const visaFree = [...DEFAULT_VISA_FREE_COUNTRIES];
  return Prisma.sql`CASE
    WHEN w.citizenship IN (${Prisma.join(eaeu)}) THEN 'NOT_REQUIRED'
    ELSE (SELECT CASE WHEN x.e IS NULL THEN 'MISSING'
                      WHEN x.e < ${today}::date THEN 'EXPIRED'
                      WHEN x.e <= ${today}::date + ${window}::int THEN 'EXPIRING'
                      ELSE 'VALID' END
          FROM (SELECT max(CASE WHEN d.type = 'PATENT' AND d.paid_until IS NOT NULL
                                THEN LEAST(COALESCE(d.expires_on, d.paid_until), d.paid_until)
                                ELSE d.expires_on END) AS e
                FROM worker_documents d
                WHERE d.worker_id = w.id AND d.status = 'VALID'
                  AND (d.issued_on IS NULL OR d.issued_on <= ${today}::date)
                  AND d.type = (CASE WHEN w.citizenship IN (${Prisma.join(visaFree)}) THEN 'PATENT' ELSE 'WORK_PERMIT' END)::"DocumentType") x)
  END`;
}

export interface WorkerFilter {
  status?: WorkerStatus;
  workAuthorization?: { value: string; today: string };
  /** blind index of a document number */
  documentIndex?: string;
  citizenship?: string;
  partnerAgencyId?: string;
  includeArchived?: boolean;
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

  create(tx: Tx, data: Prisma.WorkerUncheckedCreateInput): Promise<WorkerRecord> {
    return tx.worker.create({ data, include: WITH_LINKS });
  }

  findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<WorkerRecord | null> {
    return tx.worker.findFirst({ where: { AND: [{ id, erasedAt: null }, scoped(scope)] }, include: WITH_LINKS });
  }

  async update(tx: Tx, id: string, version: number, data: Prisma.WorkerUncheckedUpdateManyInput): Promise<WorkerRecord | null> {
    const { count } = await tx.worker.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    return count === 1 ? tx.worker.findUnique({ where: { id }, include: WITH_LINKS }) : null;
  }

  async addPassport(tx: Tx, workerId: string, data: { numberEnc: string; numberIndex: string; issuedOn: Date; expiresOn: Date; issuer: string | null }) {
    await tx.workerDocument.create({ data: { workerId, type: 'PASSPORT', ...data } });
  }

  addEvent(tx: Tx, data: Prisma.WorkerEventUncheckedCreateInput) {
    return tx.workerEvent.create({ data });
  }

  events(workerId: string) {
    return this.prisma.workerEvent.findMany({ where: { workerId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  }

  /** What else belongs on the timeline: documents recorded and patent payments. */
  async papers(workerId: string) {
    const [documents, payments] = await Promise.all([
      this.prisma.workerDocument.findMany({ where: { workerId }, select: { id: true, type: true, status: true, createdAt: true, expiresOn: true, supersedesId: true } }),
      this.prisma.patentPayment.findMany({ where: { workerId }, select: { id: true, paidOn: true, months: true, amountRub: true, actorId: true, createdAt: true } }),
    ]);
    return { documents, payments };
  }

  /** Workers holding a passport with this number (by blind index). */
  withPassportIndex(index: string) {
    return this.prisma.worker.findMany({
      where: { erasedAt: null, documents: { some: { type: 'PASSPORT', numberIndex: index } } },
      select: { id: true, caseNumber: true, lastNameLat: true, firstNameLat: true, birthDate: true },
    });
  }

  /** Workers born on the date whose names are close to `search` (trigram word similarity). */
  similarByBirthDate(birthDate: Date, search: string, threshold = 0.5) {
    return this.prisma.$queryRaw<{ id: string; case_number: string; last_name_lat: string; first_name_lat: string; birth_date: Date; score: number }[]>`
      SELECT id, case_number, last_name_lat, first_name_lat, birth_date,
             GREATEST(similarity(search_text, ${search}), word_similarity(${search}, search_text))::float AS score
      FROM workers
      WHERE birth_date = ${birthDate}::date AND erased_at IS NULL
        AND GREATEST(similarity(search_text, ${search}), word_similarity(${search}, search_text)) >= ${threshold}
      ORDER BY score DESC LIMIT 10`;
  }

  /** Keyset page by creation order, or (with `search`) ranked by similarity with an offset cursor. */
  async list(scope: RecordScope, filter: WorkerFilter, take: number, cursor: { search?: string; offset?: number; after?: { createdAt: Date; id: string } }) {
    const conditions: Prisma.Sql[] = [Prisma.sql`w.erased_at IS NULL`, scopedSql(scope)];
    if (!filter.includeArchived) conditions.push(Prisma.sql`w.archived_at IS NULL`);
    if (filter.status) conditions.push(Prisma.sql`w.status = ${filter.status}::"WorkerStatus"`);
    if (filter.citizenship) conditions.push(Prisma.sql`w.citizenship = ${filter.citizenship}`);
    if (filter.partnerAgencyId) conditions.push(Prisma.sql`w.partner_agency_id = ${filter.partnerAgencyId}::uuid`);
    if (filter.workAuthorization) {
      const { value, today } = filter.workAuthorization;
      conditions.push(Prisma.sql`(${workAuthorizationSql(today, DEFAULT_EXPIRING_WITHIN_DAYS)}) = ${value}`);
    }
    if (filter.documentIndex) {
      conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM worker_documents d WHERE d.worker_id = w.id AND d.number_index = ${filter.documentIndex})`);
    }
    const where = Prisma.join(conditions, ' AND ');
    if (cursor.search !== undefined) {
      const q = cursor.search;
      const rows = await this.prisma.$queryRaw<{ id: string; score: number }[]>`
        SELECT w.id, GREATEST(similarity(w.search_text, ${q}), word_similarity(${q}, w.search_text))::float AS score
        FROM workers w
        WHERE ${where} AND (w.search_text % ${q} OR ${q} <% w.search_text)
        ORDER BY score DESC, w.id
        LIMIT ${take} OFFSET ${cursor.offset ?? 0}`;
      return this.hydrate(rows);
    }
    const after = cursor.after;
    const keyset = after ? Prisma.sql`AND (w.created_at, w.id) > (${after.createdAt}, ${after.id}::uuid)` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT w.id FROM workers w WHERE ${where} ${keyset} ORDER BY w.created_at, w.id LIMIT ${take}`;
    return this.hydrate(rows.map((r) => ({ ...r, score: undefined })));
  }

  private async hydrate(rows: { id: string; score?: number }[]): Promise<(WorkerRecord & { score?: number })[]> {
    const records = await this.prisma.worker.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: WITH_LINKS });
    const byId = new Map(records.map((r) => [r.id, r]));
    return rows.flatMap((r) => (byId.has(r.id) ? [{ ...byId.get(r.id)!, score: r.score }] : []));
  }

  linksExist(tx: Tx, links: { partnerAgencyId?: string | null; intermediaryId?: string | null; caseworkerId?: string | null }) {
    return Promise.all([
      links.partnerAgencyId ? tx.partnerAgency.count({ where: { id: links.partnerAgencyId } }) : 1,
      links.intermediaryId ? tx.intermediary.count({ where: { id: links.intermediaryId } }) : 1,
      links.caseworkerId ? tx.user.count({ where: { id: links.caseworkerId, role: { in: ['STAFF', 'ADMIN'] }, active: true } }) : 1,
    ]);
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
    await tx.workerDocument.updateMany({
      where: { workerId },
      data: { numberEnc: null, numberIndex: null, issuer: null, fileKey: null, fileSha256: null, fileSize: null, fileContentType: null, fileUploadedAt: null },
    });
    await tx.patentPayment.updateMany({ where: { workerId }, data: { receiptNumber: null } });
    await tx.workerEvent.updateMany({ where: { workerId }, data: { text: null } });
  }
}
