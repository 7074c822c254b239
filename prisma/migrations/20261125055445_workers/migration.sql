-- Trigram similarity for fuzzy name search, in either script
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "IntermediaryStatus" AS ENUM ('VERIFIED', 'UNVERIFIED', 'BLACKLISTED');

-- CreateEnum
CREATE TYPE "WorkerStatus" AS ENUM ('CANDIDATE', 'SELECTED', 'IN_TRANSIT', 'ARRIVED', 'DOCUMENTS_IN_PROGRESS', 'READY_TO_WORK', 'EMPLOYED', 'BETWEEN_JOBS', 'DEPARTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "RecruitmentChannel" AS ENUM ('PARTNER_AGENCY', 'DIRECT', 'FAMILY', 'INTERMEDIARY', 'WALK_IN');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "WorkerEventKind" AS ENUM ('CREATED', 'TRANSITION', 'NOTE', 'UPDATED');

-- AlterTable
ALTER TABLE "partner_agencies" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "licence" TEXT,
ADD COLUMN     "region" TEXT;

-- CreateTable
CREATE TABLE "intermediaries" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2),
    "phone" TEXT,
    "status" "IntermediaryStatus" NOT NULL DEFAULT 'UNVERIFIED',
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "intermediaries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workers" (
    "id" UUID NOT NULL,
    "case_number" TEXT NOT NULL,
    "last_name_cyr" TEXT NOT NULL,
    "first_name_cyr" TEXT NOT NULL,
    "patronymic_cyr" TEXT,
    "last_name_lat" TEXT NOT NULL,
    "first_name_lat" TEXT NOT NULL,
    "patronymic_lat" TEXT,
    "search_text" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "citizenship" CHAR(2) NOT NULL,
    "languages" TEXT[],
    "phone" TEXT,
    "occupations" TEXT[],
    "recruitment_channel" "RecruitmentChannel" NOT NULL,
    "partner_agency_id" UUID,
    "intermediary_id" UUID,
    "caseworker_id" UUID,
    "consent_given_on" DATE,
    "consent_scope" TEXT,
    "arrival_date" DATE,
    "status" "WorkerStatus" NOT NULL,
    "unannounced" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMPTZ(3),
    "erased_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_number_counters" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "case_number_counters_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "worker_events" (
    "id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "kind" "WorkerEventKind" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "from_status" "WorkerStatus",
    "to_status" "WorkerStatus",
    "text" TEXT,

    CONSTRAINT "worker_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workers_case_number_key" ON "workers"("case_number");

-- CreateIndex
CREATE INDEX "workers_search_text_trgm" ON "workers" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "workers_birth_date_idx" ON "workers"("birth_date");

-- CreateIndex
CREATE INDEX "workers_status_idx" ON "workers"("status");

-- CreateIndex
CREATE INDEX "workers_citizenship_idx" ON "workers"("citizenship");

-- CreateIndex
CREATE INDEX "workers_partner_agency_id_idx" ON "workers"("partner_agency_id");

-- CreateIndex
CREATE INDEX "worker_events_worker_id_occurred_at_idx" ON "worker_events"("worker_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "workers" ADD CONSTRAINT "workers_partner_agency_id_fkey" FOREIGN KEY ("partner_agency_id") REFERENCES "partner_agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workers" ADD CONSTRAINT "workers_intermediary_id_fkey" FOREIGN KEY ("intermediary_id") REFERENCES "intermediaries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_events" ADD CONSTRAINT "worker_events_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
