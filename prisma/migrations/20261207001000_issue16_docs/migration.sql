-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WorkerEventKind" ADD VALUE 'DOCUMENT_UPDATED';
ALTER TYPE "WorkerEventKind" ADD VALUE 'DOCUMENT_FILE_UPLOADED';

-- AlterTable
ALTER TABLE "patent_payments" ADD COLUMN     "reversal_reason" TEXT,
ADD COLUMN     "reversed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reversed_by_id" UUID;

-- AlterTable
ALTER TABLE "worker_documents" ADD COLUMN     "created_by_id" UUID,
ADD COLUMN     "employer_id" UUID;

-- A passport's issuing country: the same column the countries migration of issue 16
-- (*_countries_passport_unique_intake) adds, so whichever runs first adds it.
ALTER TABLE "worker_documents" ADD COLUMN IF NOT EXISTS "country" CHAR(2);

-- AlterTable
ALTER TABLE "worker_events" ADD COLUMN     "document_id" UUID;

-- AddForeignKey
ALTER TABLE "worker_events" ADD CONSTRAINT "worker_events_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "worker_documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_documents" ADD CONSTRAINT "worker_documents_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written (issue 16). NO semicolons inside comments or strings below: the runner splits on them.

-- Passports recorded before the issuing country was kept: the worker's citizenship.
UPDATE "worker_documents" d SET "country" = w."citizenship"
FROM "workers" w
WHERE w."id" = d."worker_id" AND d."type" = 'PASSPORT' AND d."country" IS NULL;

-- At most one current document per slot where the law allows one (passport per issuing country,
-- patent, work permit, registration notice, migration card, labour contract per employer).
-- Dossiers may already hold two current ones: in each slot the newest (created_at, then id) stays
-- VALID and the older ones become SUPERSEDED, each linked as renewed by the next newer one when
-- that one renews nothing yet. Nothing is deleted. Labour contracts had no employer before this
-- migration and are left as they are (a contract without an employer is outside the index).
UPDATE "worker_documents" d SET "supersedes_id" = s.older_id, "updated_at" = now()
FROM (
  SELECT "id", "supersedes_id",
         row_number() OVER slot AS n,
         lead("id") OVER slot AS older_id
  FROM "worker_documents"
  WHERE "status" = 'VALID' AND "type" IN ('PASSPORT', 'PATENT', 'WORK_PERMIT', 'REGISTRATION_NOTICE', 'MIGRATION_CARD')
  WINDOW slot AS (PARTITION BY "worker_id", "type", COALESCE("country", '') ORDER BY "created_at" DESC, "id" DESC)
) s
WHERE d."id" = s."id" AND s.older_id IS NOT NULL AND s."supersedes_id" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "worker_documents" x WHERE x."supersedes_id" = s.older_id);

UPDATE "worker_documents" d SET "status" = 'SUPERSEDED', "version" = d."version" + 1, "updated_at" = now()
FROM (
  SELECT "id", "supersedes_id",
         row_number() OVER slot AS n,
         lead("id") OVER slot AS older_id
  FROM "worker_documents"
  WHERE "status" = 'VALID' AND "type" IN ('PASSPORT', 'PATENT', 'WORK_PERMIT', 'REGISTRATION_NOTICE', 'MIGRATION_CARD')
  WINDOW slot AS (PARTITION BY "worker_id", "type", COALESCE("country", '') ORDER BY "created_at" DESC, "id" DESC)
) s
WHERE d."id" = s."id" AND s.n > 1;

CREATE UNIQUE INDEX "worker_documents_one_current_passport" ON "worker_documents" ("worker_id", "country")
  WHERE "type" = 'PASSPORT' AND "status" = 'VALID';
CREATE UNIQUE INDEX "worker_documents_one_current_per_worker" ON "worker_documents" ("worker_id", "type")
  WHERE "type" IN ('PATENT', 'WORK_PERMIT', 'REGISTRATION_NOTICE', 'MIGRATION_CARD') AND "status" = 'VALID';
CREATE UNIQUE INDEX "worker_documents_one_current_contract" ON "worker_documents" ("worker_id", "employer_id")
  WHERE "type" = 'LABOUR_CONTRACT' AND "status" = 'VALID';

-- Only a labour contract names an employer.
ALTER TABLE "worker_documents" ADD CONSTRAINT "worker_documents_employer_contract"
  CHECK ("employer_id" IS NULL OR "type" = 'LABOUR_CONTRACT');

-- A receipt number counts once per worker. Payments already recorded twice under one number:
-- the earliest stays, the later ones are reversed here (reason below, no reversing user) and the
-- paid-up date of their patents is worked out again from the payments still in force, as
-- patentPaidUntil() does (issue date + months - 1 day, capped at the expiry). Nothing is deleted.
UPDATE "patent_payments" p SET "reversed_at" = now(), "reversal_reason" = 'receipt number recorded twice: reversed by the migration of issue 16'
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "worker_id", "receipt_number" ORDER BY "created_at", "id") AS n
  FROM "patent_payments" WHERE "receipt_number" IS NOT NULL
) dup
WHERE p."id" = dup."id" AND dup.n > 1;

UPDATE "worker_documents" d SET "paid_until" = CASE
    WHEN paid.months IS NULL OR paid.months = 0 THEN NULL
    ELSE LEAST((d."issued_on" + make_interval(months => paid.months::int))::date - 1, COALESCE(d."expires_on", 'infinity'::date))
  END, "updated_at" = now()
FROM (
  SELECT "document_id", sum("months") FILTER (WHERE "reversed_at" IS NULL) AS months
  FROM "patent_payments" GROUP BY "document_id"
  HAVING bool_or("reversed_at" IS NOT NULL)
) paid
WHERE d."id" = paid."document_id" AND d."issued_on" IS NOT NULL;

CREATE UNIQUE INDEX "patent_payments_receipt_per_worker" ON "patent_payments" ("worker_id", "receipt_number")
  WHERE "reversed_at" IS NULL AND "receipt_number" IS NOT NULL;
-- a reversal names when it happened whenever it names who made it
ALTER TABLE "patent_payments" ADD CONSTRAINT "patent_payments_reversed_by_when"
  CHECK ("reversed_by_id" IS NULL OR "reversed_at" IS NOT NULL);
