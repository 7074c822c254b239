-- CreateEnum
CREATE TYPE "ComplaintCategory" AS ENUM ('UNPAID_WAGES', 'WAGE_BELOW_AGREED', 'DOCUMENT_CONFISCATION', 'UNSAFE_CONDITIONS', 'HOUSING', 'VIOLENCE_OR_THREATS', 'FORCED_LABOUR', 'DISCRIMINATION', 'OFFICIAL_MISCONDUCT', 'RECRUITMENT_FEE_FRAUD', 'OTHER');

-- CreateEnum
CREATE TYPE "ComplaintSeverity" AS ENUM ('CRITICAL', 'HIGH', 'NORMAL', 'LOW');

-- CreateEnum
CREATE TYPE "ComplaintAgainst" AS ENUM ('EMPLOYER', 'INTERMEDIARY', 'OFFICIAL', 'OTHER');

-- CreateEnum
CREATE TYPE "ComplaintChannel" AS ENUM ('IN_PERSON', 'PHONE', 'PUBLIC_FORM', 'REFERRED_BY_PARTNER');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('RECEIVED', 'TRIAGED', 'INVESTIGATING', 'REFERRED', 'RESOLVED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "ComplaintFinding" AS ENUM ('SUBSTANTIATED', 'NOT_SUBSTANTIATED', 'INCONCLUSIVE');

-- CreateEnum
CREATE TYPE "ReferralRecipient" AS ENUM ('LABOUR_INSPECTORATE', 'PROSECUTOR', 'MVD', 'CONSULATE', 'NGO', 'PARTNER_AGENCY');

-- CreateTable
CREATE TABLE "complaints" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "category" "ComplaintCategory" NOT NULL,
    "severity" "ComplaintSeverity" NOT NULL,
    "against" "ComplaintAgainst" NOT NULL,
    "employer_id" UUID,
    "intermediary_id" UUID,
    "partner_agency_id" UUID,
    "placement_id" UUID,
    "worker_id" UUID,
    "channel" "ComplaintChannel" NOT NULL,
    "narrative_enc" TEXT,
    "subject_name_enc" TEXT,
    "place_enc" TEXT,
    "contact_enc" TEXT,
    "language" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "access_code_hash" TEXT,
    "assigned_to_id" UUID,
    "created_by_id" UUID,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'RECEIVED',
    "finding" "ComplaintFinding",
    "close_reason" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "triage_due_at" TIMESTAMPTZ(3) NOT NULL,
    "triaged_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "triage_escalated_at" TIMESTAMPTZ(3),
    "destroyed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_notes" (
    "id" UUID NOT NULL,
    "complaint_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "text_enc" TEXT,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_transitions" (
    "id" UUID NOT NULL,
    "complaint_id" UUID NOT NULL,
    "from_status" "ComplaintStatus",
    "to_status" "ComplaintStatus" NOT NULL,
    "reason" TEXT,
    "finding" "ComplaintFinding",
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_transitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_consents" (
    "id" UUID NOT NULL,
    "complaint_id" UUID NOT NULL,
    "recipient_kind" "ReferralRecipient" NOT NULL,
    "purpose" TEXT NOT NULL,
    "scope" TEXT[],
    "given_by" TEXT NOT NULL,
    "given_at" TIMESTAMPTZ(3) NOT NULL,
    "method" TEXT NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_by_id" UUID,
    "withdraw_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_referrals" (
    "id" UUID NOT NULL,
    "complaint_id" UUID NOT NULL,
    "recipient_kind" "ReferralRecipient" NOT NULL,
    "recipient_name" TEXT,
    "partner_agency_id" UUID,
    "consent_id" UUID,
    "shares" TEXT[],
    "letter_enc" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_referrals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_evidence" (
    "id" UUID NOT NULL,
    "complaint_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT,
    "from_complainant" BOOLEAN NOT NULL DEFAULT false,
    "uploaded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "destroyed_at" TIMESTAMPTZ(3),

    CONSTRAINT "complaint_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_policy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "triage_hours_critical" INTEGER NOT NULL DEFAULT 24,
    "triage_hours_high" INTEGER NOT NULL DEFAULT 72,
    "triage_hours_normal" INTEGER NOT NULL DEFAULT 240,
    "triage_hours_low" INTEGER NOT NULL DEFAULT 240,
    "retaliation_days" INTEGER NOT NULL DEFAULT 90,
    "retention_days" INTEGER NOT NULL DEFAULT 1825,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_policy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaints_reference_key" ON "complaints"("reference");

-- CreateIndex
CREATE INDEX "complaints_status_triage_due_at_idx" ON "complaints"("status", "triage_due_at");

-- CreateIndex
CREATE INDEX "complaints_assigned_to_id_status_idx" ON "complaints"("assigned_to_id", "status");

-- CreateIndex
CREATE INDEX "complaints_worker_id_idx" ON "complaints"("worker_id");

-- CreateIndex
CREATE INDEX "complaints_employer_id_finding_idx" ON "complaints"("employer_id", "finding");

-- CreateIndex
CREATE INDEX "complaints_received_at_idx" ON "complaints"("received_at");

-- CreateIndex
CREATE INDEX "complaints_closed_at_idx" ON "complaints"("closed_at");

-- CreateIndex
CREATE INDEX "complaint_notes_complaint_id_created_at_idx" ON "complaint_notes"("complaint_id", "created_at");

-- CreateIndex
CREATE INDEX "complaint_transitions_complaint_id_at_idx" ON "complaint_transitions"("complaint_id", "at");

-- CreateIndex
CREATE INDEX "complaint_consents_complaint_id_idx" ON "complaint_consents"("complaint_id");

-- CreateIndex
CREATE INDEX "complaint_referrals_complaint_id_idx" ON "complaint_referrals"("complaint_id");

-- CreateIndex
CREATE INDEX "complaint_referrals_partner_agency_id_idx" ON "complaint_referrals"("partner_agency_id");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_evidence_complaint_id_name_key" ON "complaint_evidence"("complaint_id", "name");

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_intermediary_id_fkey" FOREIGN KEY ("intermediary_id") REFERENCES "intermediaries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_partner_agency_id_fkey" FOREIGN KEY ("partner_agency_id") REFERENCES "partner_agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_notes" ADD CONSTRAINT "complaint_notes_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_transitions" ADD CONSTRAINT "complaint_transitions_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_consents" ADD CONSTRAINT "complaint_consents_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_referrals" ADD CONSTRAINT "complaint_referrals_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_referrals" ADD CONSTRAINT "complaint_referrals_partner_agency_id_fkey" FOREIGN KEY ("partner_agency_id") REFERENCES "partner_agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_referrals" ADD CONSTRAINT "complaint_referrals_consent_id_fkey" FOREIGN KEY ("consent_id") REFERENCES "complaint_consents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_evidence" ADD CONSTRAINT "complaint_evidence_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- the one policy row, with the defaults of DOMAIN.md
INSERT INTO "complaint_policy" ("id", "updated_at") VALUES (1, now()) ON CONFLICT DO NOTHING;
