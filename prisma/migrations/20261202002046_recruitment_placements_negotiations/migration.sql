-- CreateEnum
CREATE TYPE "LabourRequestStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'FILLED', 'CLOSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RecruitmentOrderStatus" AS ENUM ('OPEN', 'FULFILLED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CandidateStatus" AS ENUM ('PROPOSED', 'SELECTED', 'DECLINED');

-- CreateEnum
CREATE TYPE "ArrivalStatus" AS ENUM ('EXPECTED', 'CHECKED_IN', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PlacementStatus" AS ENUM ('ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "ContractNotificationKind" AS ENUM ('CONCLUSION', 'TERMINATION');

-- CreateEnum
CREATE TYPE "NegotiationStatus" AS ENUM ('OPEN', 'AGREED', 'BROKEN_OFF');

-- CreateEnum
CREATE TYPE "NegotiationParty" AS ENUM ('CENTRE', 'EMPLOYER');

-- CreateTable
CREATE TABLE "labour_requests" (
    "id" UUID NOT NULL,
    "employer_id" UUID NOT NULL,
    "occupation_code" TEXT NOT NULL,
    "workers_requested" INTEGER NOT NULL,
    "preferred_citizenships" TEXT[],
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "work_place" TEXT NOT NULL,
    "monthly_wage_rub" INTEGER NOT NULL,
    "hours_per_week" INTEGER NOT NULL,
    "housing_provided" BOOLEAN NOT NULL DEFAULT false,
    "meals_provided" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "status" "LabourRequestStatus" NOT NULL DEFAULT 'DRAFT',
    "approved_count" INTEGER NOT NULL DEFAULT 0,
    "placed_count" INTEGER NOT NULL DEFAULT 0,
    "quota_allocation_id" UUID,
    "decision_reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "labour_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota_allocations" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "occupation_code" TEXT,
    "citizenship" CHAR(2),
    "limit" INTEGER NOT NULL,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "quota_allocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recruitment_orders" (
    "id" UUID NOT NULL,
    "labour_request_id" UUID NOT NULL,
    "partner_agency_id" UUID NOT NULL,
    "candidates_requested" INTEGER NOT NULL,
    "status" "RecruitmentOrderStatus" NOT NULL DEFAULT 'OPEN',
    "note" TEXT,
    "created_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recruitment_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_candidates" (
    "order_id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "status" "CandidateStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposed_by_id" UUID,
    "decided_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_candidates_pkey" PRIMARY KEY ("order_id","worker_id")
);

-- CreateTable
CREATE TABLE "arrivals" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "expected_on" DATE NOT NULL,
    "transport" TEXT NOT NULL,
    "status" "ArrivalStatus" NOT NULL DEFAULT 'EXPECTED',
    "checked_in_at" TIMESTAMPTZ(3),
    "note" TEXT,
    "created_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "arrivals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "arrival_workers" (
    "arrival_id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "expected" BOOLEAN NOT NULL DEFAULT true,
    "checked_in_on" DATE,

    CONSTRAINT "arrival_workers_pkey" PRIMARY KEY ("arrival_id","worker_id")
);

-- CreateTable
CREATE TABLE "placements" (
    "id" UUID NOT NULL,
    "labour_request_id" UUID NOT NULL,
    "employer_id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "end_reason" TEXT,
    "status" "PlacementStatus" NOT NULL DEFAULT 'ACTIVE',
    "monthly_wage_rub" INTEGER NOT NULL,
    "hours_per_week" INTEGER NOT NULL,
    "housing_provided" BOOLEAN NOT NULL DEFAULT false,
    "meals_provided" BOOLEAN NOT NULL DEFAULT false,
    "deductions_rub" INTEGER NOT NULL DEFAULT 0,
    "agreed_offer_id" UUID,
    "created_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "placements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_notifications" (
    "id" UUID NOT NULL,
    "placement_id" UUID NOT NULL,
    "kind" "ContractNotificationKind" NOT NULL,
    "notified_on" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "reference" TEXT,
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "negotiations" (
    "id" UUID NOT NULL,
    "labour_request_id" UUID NOT NULL,
    "status" "NegotiationStatus" NOT NULL DEFAULT 'OPEN',
    "latest_offer_id" UUID,
    "agreed_offer_id" UUID,
    "agreed_at" TIMESTAMPTZ(3),
    "broken_off_reason" TEXT,
    "broken_off_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "negotiations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "negotiation_offers" (
    "id" UUID NOT NULL,
    "negotiation_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "party" "NegotiationParty" NOT NULL,
    "made_by_id" UUID NOT NULL,
    "monthly_wage_rub" INTEGER NOT NULL,
    "hours_per_week" INTEGER NOT NULL,
    "includes_overtime" BOOLEAN NOT NULL DEFAULT false,
    "housing_provided" BOOLEAN NOT NULL DEFAULT false,
    "meals_provided" BOOLEAN NOT NULL DEFAULT false,
    "deductions_rub" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "floor_rub" INTEGER NOT NULL,
    "net_estimate_rub" INTEGER NOT NULL,
    "local_wage_rub" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "negotiation_offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "entity_type" TEXT,
    "entity_id" TEXT,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "labour_requests_employer_id_status_idx" ON "labour_requests"("employer_id", "status");

-- CreateIndex
CREATE INDEX "labour_requests_status_idx" ON "labour_requests"("status");

-- CreateIndex
CREATE INDEX "quota_allocations_year_idx" ON "quota_allocations"("year");

-- CreateIndex
CREATE INDEX "recruitment_orders_labour_request_id_idx" ON "recruitment_orders"("labour_request_id");

-- CreateIndex
CREATE INDEX "recruitment_orders_partner_agency_id_idx" ON "recruitment_orders"("partner_agency_id");

-- CreateIndex
CREATE INDEX "order_candidates_worker_id_idx" ON "order_candidates"("worker_id");

-- CreateIndex
CREATE INDEX "arrivals_order_id_idx" ON "arrivals"("order_id");

-- CreateIndex
CREATE INDEX "arrivals_expected_on_idx" ON "arrivals"("expected_on");

-- CreateIndex
CREATE INDEX "arrival_workers_worker_id_idx" ON "arrival_workers"("worker_id");

-- CreateIndex
CREATE INDEX "placements_employer_id_status_idx" ON "placements"("employer_id", "status");

-- CreateIndex
CREATE INDEX "placements_worker_id_idx" ON "placements"("worker_id");

-- CreateIndex
CREATE INDEX "placements_labour_request_id_idx" ON "placements"("labour_request_id");

-- CreateIndex
CREATE UNIQUE INDEX "contract_notifications_placement_id_kind_key" ON "contract_notifications"("placement_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "negotiations_labour_request_id_key" ON "negotiations"("labour_request_id");

-- CreateIndex
CREATE UNIQUE INDEX "negotiations_latest_offer_id_key" ON "negotiations"("latest_offer_id");

-- CreateIndex
CREATE UNIQUE INDEX "negotiations_agreed_offer_id_key" ON "negotiations"("agreed_offer_id");

-- CreateIndex
CREATE UNIQUE INDEX "negotiation_offers_negotiation_id_seq_key" ON "negotiation_offers"("negotiation_id", "seq");

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_created_at_idx" ON "notifications"("user_id", "read_at", "created_at");

-- AddForeignKey
ALTER TABLE "labour_requests" ADD CONSTRAINT "labour_requests_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "labour_requests" ADD CONSTRAINT "labour_requests_occupation_code_fkey" FOREIGN KEY ("occupation_code") REFERENCES "occupations"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "labour_requests" ADD CONSTRAINT "labour_requests_quota_allocation_id_fkey" FOREIGN KEY ("quota_allocation_id") REFERENCES "quota_allocations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_allocations" ADD CONSTRAINT "quota_allocations_occupation_code_fkey" FOREIGN KEY ("occupation_code") REFERENCES "occupations"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recruitment_orders" ADD CONSTRAINT "recruitment_orders_labour_request_id_fkey" FOREIGN KEY ("labour_request_id") REFERENCES "labour_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recruitment_orders" ADD CONSTRAINT "recruitment_orders_partner_agency_id_fkey" FOREIGN KEY ("partner_agency_id") REFERENCES "partner_agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_candidates" ADD CONSTRAINT "order_candidates_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "recruitment_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_candidates" ADD CONSTRAINT "order_candidates_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "arrivals" ADD CONSTRAINT "arrivals_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "recruitment_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "arrival_workers" ADD CONSTRAINT "arrival_workers_arrival_id_fkey" FOREIGN KEY ("arrival_id") REFERENCES "arrivals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "arrival_workers" ADD CONSTRAINT "arrival_workers_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_labour_request_id_fkey" FOREIGN KEY ("labour_request_id") REFERENCES "labour_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_agreed_offer_id_fkey" FOREIGN KEY ("agreed_offer_id") REFERENCES "negotiation_offers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_notifications" ADD CONSTRAINT "contract_notifications_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "negotiations" ADD CONSTRAINT "negotiations_labour_request_id_fkey" FOREIGN KEY ("labour_request_id") REFERENCES "labour_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "negotiation_offers" ADD CONSTRAINT "negotiation_offers_negotiation_id_fkey" FOREIGN KEY ("negotiation_id") REFERENCES "negotiations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants the database guards too (no semicolons in comments: the migration runner splits on them)
ALTER TABLE "labour_requests" ADD CONSTRAINT "labour_requests_workers_check" CHECK (workers_requested BETWEEN 1 AND 10000);
ALTER TABLE "labour_requests" ADD CONSTRAINT "labour_requests_period_check" CHECK (period_end >= period_start);
ALTER TABLE "labour_requests" ADD CONSTRAINT "labour_requests_wage_check" CHECK (monthly_wage_rub > 0 AND hours_per_week BETWEEN 1 AND 60);
ALTER TABLE "labour_requests" ADD CONSTRAINT "labour_requests_counts_check" CHECK (approved_count BETWEEN 0 AND workers_requested AND placed_count BETWEEN 0 AND approved_count);
ALTER TABLE "quota_allocations" ADD CONSTRAINT "quota_allocations_counts_check" CHECK ("limit" >= 0 AND approved >= 0 AND approved <= "limit");
ALTER TABLE "quota_allocations" ADD CONSTRAINT "quota_allocations_year_check" CHECK (year BETWEEN 2000 AND 2100);
CREATE UNIQUE INDEX "quota_allocations_scope_key" ON "quota_allocations"("year", COALESCE("occupation_code", ''), COALESCE("citizenship", ''));
ALTER TABLE "recruitment_orders" ADD CONSTRAINT "recruitment_orders_candidates_check" CHECK (candidates_requested BETWEEN 1 AND 10000);
ALTER TABLE "placements" ADD CONSTRAINT "placements_dates_check" CHECK (end_date IS NULL OR end_date >= start_date);
ALTER TABLE "placements" ADD CONSTRAINT "placements_terms_check" CHECK (monthly_wage_rub > 0 AND hours_per_week BETWEEN 1 AND 60 AND deductions_rub >= 0);
CREATE UNIQUE INDEX "placements_one_active_per_worker" ON "placements"("worker_id") WHERE status = 'ACTIVE';
ALTER TABLE "negotiation_offers" ADD CONSTRAINT "negotiation_offers_terms_check" CHECK (monthly_wage_rub > 0 AND hours_per_week BETWEEN 1 AND 60 AND deductions_rub >= 0);
