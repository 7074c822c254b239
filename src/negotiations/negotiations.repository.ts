import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';

const requestFields = { id: true, employerId: true, status: true, occupationCode: true, periodStart: true, decidedById: true } as const;
export type NegotiatedRequest = Prisma.LabourRequestGetPayload<{ select: typeof requestFields }>;
export type NegotiationRecord = Prisma.NegotiationGetPayload<{ include: { offers: true } }>;
/** One group of agreed wages (for the reports): citizenship null = a request open to any citizenship. */
export interface AgreedWageRow {
  occupationCode: string;
  citizenship: string | null;
  requests: number;
  averageWageRub: number;
  minWageRub: number;
  maxWageRub: number;
  averageLocalWageRub: number | null;
  averageGapPct: number | null;
}

export type OfferData = Omit<Prisma.NegotiationOfferUncheckedCreateInput, 'id' | 'createdAt'>;

/** The only Prisma access of wage negotiations (the placements' read is NegotiationTermsRepository). */
@Injectable()
export class NegotiationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The labour request, within the caller's scope (an employer sees only its own). */
  findRequest(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<NegotiatedRequest | null> {
    return tx.labourRequest.findFirst({ where: { id, ...(scope.employerId ? { employerId: scope.employerId } : {}) }, select: requestFields });
  }

  findByRequest(labourRequestId: string, tx: Tx = this.prisma): Promise<NegotiationRecord | null> {
    return tx.negotiation.findUnique({ where: { labourRequestId }, include: { offers: { orderBy: { seq: 'asc' } } } });
  }

  /** The request's negotiation, created OPEN if there is none (INSERT … ON CONFLICT DO NOTHING: safe when two open it at once). */
  async ensure(tx: Tx, labourRequestId: string): Promise<NegotiationRecord> {
    await tx.negotiation.createMany({ data: [{ labourRequestId }], skipDuplicates: true });
    return (await this.findByRequest(labourRequestId, tx))!;
  }

  /** Inserts an offer after the last one; a concurrent offer with the same seq fails on the unique (negotiation, seq). */
  async insertOffer(tx: Tx, data: Omit<OfferData, 'seq'>) {
    const last = await tx.negotiationOffer.aggregate({ where: { negotiationId: data.negotiationId }, _max: { seq: true } });
    return tx.negotiationOffer.create({ data: { ...data, seq: (last._max.seq ?? 0) + 1 } });
  }

  /** Puts `offerId` on the table if the negotiation is still OPEN with `expectedLatest` there; false otherwise. */
  async putOnTable(tx: Tx, id: string, expectedLatest: string | null, offerId: string): Promise<boolean> {
    const { count } = await tx.negotiation.updateMany({
      where: { id, status: 'OPEN', latestOfferId: expectedLatest },
      data: { latestOfferId: offerId, version: { increment: 1 } },
    });
    return count === 1;
  }

  /** One conditional UPDATE: AGREED only if still OPEN with this very offer on the table (a concurrent acceptance finds 0 rows). */
  async accept(tx: Tx, id: string, offerId: string, at: Date): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE negotiations
      SET status = 'AGREED', agreed_offer_id = ${offerId}::uuid, agreed_at = ${at}, version = version + 1, updated_at = ${at}
      WHERE id = ${id}::uuid AND status = 'OPEN' AND latest_offer_id = ${offerId}::uuid`;
    return count === 1;
  }

  async breakOff(tx: Tx, id: string, reason: string, at: Date): Promise<boolean> {
    const { count } = await tx.negotiation.updateMany({
      where: { id, status: 'OPEN' },
      data: { status: 'BROKEN_OFF', brokenOffReason: reason, brokenOffAt: at, version: { increment: 1 } },
    });
    return count === 1;
  }

  async reopen(tx: Tx, id: string): Promise<boolean> {
    const { count } = await tx.negotiation.updateMany({ where: { id, status: 'BROKEN_OFF' }, data: { status: 'OPEN', version: { increment: 1 } } });
    return count === 1;
  }

  // ── the other party, for notifications ─────────────────────────────────────────────────
  async activeEmployerUserIds(employerId: string, tx: Tx): Promise<string[]> {
    return (await tx.user.findMany({ where: { employerId, role: 'EMPLOYER', active: true }, select: { id: true } })).map((u) => u.id);
  }

  async activeStaffUserIds(tx: Tx): Promise<string[]> {
    return (await tx.user.findMany({ where: { role: 'STAFF', active: true }, select: { id: true } })).map((u) => u.id);
  }

  /** The first of `ids` that is an active Centre user (ADMIN or STAFF), in the order given. */
  async firstActiveCentreUser(ids: (string | null | undefined)[], tx: Tx): Promise<string | null> {
    const wanted = ids.filter((x): x is string => !!x);
    if (!wanted.length) return null;
    const found = new Set(
      (await tx.user.findMany({ where: { id: { in: wanted }, active: true, role: { in: ['ADMIN', 'STAFF'] } }, select: { id: true } })).map((u) => u.id),
    );
    return wanted.find((id) => found.has(id)) ?? null;
  }

  // ── for the reports ────────────────────────────────────────────────────────────────────
  /**
   * Agreed wages of requests whose period starts in `year`, by occupation and citizenship. The
   * citizenships are those of the workers placed under the request; while nobody is placed yet,
   * the request's preferred citizenships (none preferred: citizenship null). Each agreed request
   * counts once per citizenship; the gap is to the local wage kept with the accepted offer.
   */
  async agreedWages(year: number): Promise<AgreedWageRow[]> {
    const rows = await this.prisma.$queryRaw<
      {
        occupation_code: string;
        citizenship: string | null;
        requests: number;
        avg_wage: number;
        min_wage: number;
        max_wage: number;
        avg_local: number | null;
        avg_gap: number | null;
      }[]
    >`
      WITH agreed AS (
        SELECT lr.id, lr.occupation_code, lr.preferred_citizenships, o.monthly_wage_rub AS wage, o.local_wage_rub AS local
        FROM negotiations n
        JOIN negotiation_offers o ON o.id = n.agreed_offer_id
        JOIN labour_requests lr ON lr.id = n.labour_request_id
        WHERE n.status = 'AGREED'
          AND lr.period_start >= make_date(${year}::int, 1, 1) AND lr.period_start < make_date(${year}::int + 1, 1, 1)
      ), by_citizenship AS (
        SELECT a.*, c.citizenship
        FROM agreed a
        CROSS JOIN LATERAL (
          SELECT DISTINCT w.citizenship::text AS citizenship FROM placements p JOIN workers w ON w.id = p.worker_id WHERE p.labour_request_id = a.id
          UNION
          SELECT unnest(CASE WHEN cardinality(a.preferred_citizenships) = 0 THEN ARRAY[NULL]::text[] ELSE a.preferred_citizenships END)
          WHERE NOT EXISTS (SELECT 1 FROM placements p WHERE p.labour_request_id = a.id)
        ) c
      )
      SELECT occupation_code, citizenship, count(*)::int AS requests,
        round(avg(wage))::int AS avg_wage, min(wage)::int AS min_wage, max(wage)::int AS max_wage,
        round(avg(local))::int AS avg_local,
        round(avg((wage - local) * 100.0 / NULLIF(local, 0)), 1)::float8 AS avg_gap
      FROM by_citizenship
      GROUP BY occupation_code, citizenship
      ORDER BY occupation_code, citizenship NULLS LAST`;
    return rows.map((r) => ({
      occupationCode: r.occupation_code,
      citizenship: r.citizenship,
      requests: r.requests,
      averageWageRub: r.avg_wage,
      minWageRub: r.min_wage,
      maxWageRub: r.max_wage,
      averageLocalWageRub: r.avg_local,
      averageGapPct: r.avg_gap,
    }));
  }
}
