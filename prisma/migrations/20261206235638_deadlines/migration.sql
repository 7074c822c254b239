-- CreateEnum
CREATE TYPE "DeadlineKind" AS ENUM ('MIGRATION_REGISTRATION', 'MEDICAL_EXAM', 'PATENT_APPLICATION', 'PATENT_PAYMENT', 'CONTRACT_COPY', 'CONTRACT_NOTIFICATION', 'CONTRACT_TERMINATION_NOTIFICATION', 'DOCUMENT_EXPIRY', 'STATUS_CLIFF');

-- CreateEnum
CREATE TYPE "DeadlineStatus" AS ENUM ('OPEN', 'DONE', 'MISSED', 'WAIVED');

-- CreateEnum
CREATE TYPE "PeriodUnit" AS ENUM ('WORKING_DAYS', 'DAYS', 'MONTHS');

-- CreateTable
CREATE TABLE "deadlines" (
    "id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "employer_id" UUID,
    "key" TEXT NOT NULL,
    "kind" "DeadlineKind" NOT NULL,
    "due_date" DATE NOT NULL,
    "status" "DeadlineStatus" NOT NULL DEFAULT 'OPEN',
    "source_type" TEXT NOT NULL,
    "source_id" UUID NOT NULL,
    "done_type" TEXT,
    "done_id" UUID,
    "completed_on" DATE,
    "completed_by_id" UUID,
    "waive_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deadlines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deadline_rules" (
    "id" UUID NOT NULL,
    "kind" "DeadlineKind" NOT NULL,
    "trigger" TEXT NOT NULL,
    "regime" TEXT,
    "citizenship" CHAR(2),
    "offset" INTEGER NOT NULL,
    "unit" "PeriodUnit" NOT NULL,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deadline_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deadlines_status_due_date_idx" ON "deadlines"("status", "due_date");

-- CreateIndex
CREATE INDEX "deadlines_employer_id_status_due_date_idx" ON "deadlines"("employer_id", "status", "due_date");

-- CreateIndex
CREATE UNIQUE INDEX "deadlines_worker_id_key_key" ON "deadlines"("worker_id", "key");

-- CreateIndex
CREATE INDEX "deadline_rules_kind_idx" ON "deadline_rules"("kind");

-- AddForeignKey
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A waived deadline says why, a done one when
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_waived_with_reason" CHECK ("status" <> 'WAIVED' OR "waive_reason" IS NOT NULL);
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_done_with_date" CHECK ("status" <> 'DONE' OR "completed_on" IS NOT NULL);

-- A rule's dates are in order, and one row per (kind, trigger, regime, citizenship) starts on a given day
ALTER TABLE "deadline_rules" ADD CONSTRAINT "deadline_rules_dates" CHECK ("effective_to" IS NULL OR "effective_to" >= "effective_from");
CREATE UNIQUE INDEX "deadline_rules_one_start" ON "deadline_rules" ("kind", "trigger", "regime", "citizenship", "effective_from") NULLS NOT DISTINCT;
