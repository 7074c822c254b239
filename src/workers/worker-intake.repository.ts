import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { isUniqueViolation } from '../infra/database/unique-violation';
import type { Suspect } from './worker-intake.rules';
import { WorkerErrors } from './workers.errors';
import { scopedSql } from './workers.repository';

/** Who a duplicate suspect is, as the 409 names it (to a caller who may read that dossier only). */
export interface SuspectIdentity {
  id: string;
  caseNumber: string;
  name: string;
  birthDate: string;
  score: number;
}

function suspectIdentity(score: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`json_build_object('id', w.id, 'caseNumber', w.case_number, 'name', w.last_name_lat || ' ' || w.first_name_lat,
                                      'birthDate', w.birth_date::text, 'score', ${score})`;
}

/** The partial unique index that keeps a VALID passport number (per issuing country) to one dossier. */
export const PASSPORT_NUMBER_INDEX = 'worker_documents_passport_number_key';

/**
 * A write of a document (create or change), with a passport number already on file answered
 * 409 DOCUMENT_NUMBER_TAKEN: the one place that turns the index's refusal into the API's answer,
 * for every path that records a passport (a new dossier's, POST /workers/:id/documents).
 */
export async function passportNumberChecked<T>(write: PromiseLike<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (isUniqueViolation(e) && violatedIndex(e) === PASSPORT_NUMBER_INDEX) throw WorkerErrors.documentNumberTaken();
    throw e;
  }
}

/** The index a unique violation names: Prisma's P2002 carries the driver adapter's error in its meta. */
function violatedIndex(e: unknown): string | undefined {
  const err = e as { meta?: { driverAdapterError?: { cause?: { constraint?: { index?: string } } } } } | null;
  return err?.meta?.driverAdapterError?.cause?.constraint?.index;
}

/**
 * What opening a dossier reads and writes besides the dossier itself: the duplicate suspects, each
 * named only within the caller's scope (worker-intake.rules.ts), and the passport it comes with.
 */
@Injectable()
export class WorkerIntakeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The dossiers holding a VALID passport of this issuing country and number (blind index): those
   * in the caller's scope named, the others only counted (their identity never leaves the database).
   */
  passportHolders(scope: RecordScope, country: string, numberIndex: string): Promise<Suspect<SuspectIdentity>[]> {
    return this.prisma.$queryRaw<Suspect<SuspectIdentity>[]>`
      SELECT CASE WHEN ${scopedSql(scope)} THEN ${suspectIdentity(Prisma.sql`1`)} END AS candidate
      FROM worker_documents d JOIN workers w ON w.id = d.worker_id
      WHERE d.type = 'PASSPORT' AND d.status = 'VALID' AND d.country = ${country} AND d.number_index = ${numberIndex}`;
  }

  /**
   * Dossiers born on the date whose names are close to `search` (trigram word similarity), best
   * first, those in the caller's scope first and named, the others only counted.
   */
  similarByBirthDate(scope: RecordScope, birthDate: Date, search: string, threshold = 0.5): Promise<Suspect<SuspectIdentity>[]> {
    return this.prisma.$queryRaw<Suspect<SuspectIdentity>[]>`
      SELECT CASE WHEN w.in_scope THEN ${suspectIdentity(Prisma.sql`round(w.score::numeric, 2)::float`)} END AS candidate
      FROM (SELECT w.id, w.case_number, w.last_name_lat, w.first_name_lat, w.birth_date, ${scopedSql(scope)} AS in_scope,
                   GREATEST(similarity(w.search_text, ${search}), word_similarity(${search}, w.search_text)) AS score
            FROM workers w
            WHERE w.birth_date = ${birthDate}::date AND w.erased_at IS NULL
              AND GREATEST(similarity(w.search_text, ${search}), word_similarity(${search}, w.search_text)) >= ${threshold}
            ORDER BY in_scope DESC, score DESC LIMIT 10) w`;
  }

  /** The new dossier's passport; a number on file (a concurrent creation got there first) answers 409. */
  async addPassport(
    tx: Tx,
    workerId: string,
    data: { numberEnc: string; numberIndex: string; country: string; issuedOn: Date; expiresOn: Date; issuer: string | null; createdById: string },
  ) {
    await passportNumberChecked(tx.workerDocument.create({ data: { workerId, type: 'PASSPORT', ...data } }));
  }
}
