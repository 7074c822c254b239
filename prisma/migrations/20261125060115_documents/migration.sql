-- CreateEnum
CREATE TYPE "DocumentType" AS ENUM ('PASSPORT', 'MIGRATION_CARD', 'REGISTRATION_NOTICE', 'PATENT', 'WORK_PERMIT', 'MEDICAL_CERTIFICATE', 'FINGERPRINT_RECORD', 'LANGUAGE_CERTIFICATE', 'VMI_POLICY', 'LABOUR_CONTRACT', 'INN', 'SNILS');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('VALID', 'SUPERSEDED', 'REVOKED');

-- CreateTable
CREATE TABLE "worker_documents" (
    "id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "type" "DocumentType" NOT NULL,
    "number_enc" TEXT,
    "number_index" TEXT,
    "issued_on" DATE,
    "expires_on" DATE,
    "issuer" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'VALID',
    "supersedes_id" UUID,
    "paid_until" DATE,
    "file_key" TEXT,
    "file_sha256" TEXT,
    "file_size" INTEGER,
    "file_content_type" TEXT,
    "file_uploaded_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "worker_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patent_payments" (
    "id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "paid_on" DATE NOT NULL,
    "months" INTEGER NOT NULL,
    "amount_rub" INTEGER NOT NULL,
    "receipt_number" TEXT,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "patent_payments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "worker_documents_supersedes_id_key" ON "worker_documents"("supersedes_id");

-- CreateIndex
CREATE INDEX "worker_documents_worker_id_type_idx" ON "worker_documents"("worker_id", "type");

-- CreateIndex
CREATE INDEX "worker_documents_number_index_idx" ON "worker_documents"("number_index");

-- CreateIndex
CREATE INDEX "patent_payments_document_id_idx" ON "patent_payments"("document_id");

-- CreateIndex
CREATE INDEX "patent_payments_worker_id_paid_on_idx" ON "patent_payments"("worker_id", "paid_on");

-- AddForeignKey
ALTER TABLE "worker_documents" ADD CONSTRAINT "worker_documents_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_documents" ADD CONSTRAINT "worker_documents_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "worker_documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patent_payments" ADD CONSTRAINT "patent_payments_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patent_payments" ADD CONSTRAINT "patent_payments_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "worker_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Money is whole roubles, months of a patent payment 1 to 12, dates coherent
ALTER TABLE "patent_payments" ADD CONSTRAINT "patent_payments_months_check" CHECK (months BETWEEN 1 AND 12);
ALTER TABLE "patent_payments" ADD CONSTRAINT "patent_payments_amount_check" CHECK (amount_rub > 0);
ALTER TABLE "worker_documents" ADD CONSTRAINT "worker_documents_dates_check" CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on > issued_on);
