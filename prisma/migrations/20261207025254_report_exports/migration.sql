-- CreateEnum
CREATE TYPE "ReportExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ReportExportFormat" AS ENUM ('CSV', 'XLSX');

-- CreateTable
CREATE TABLE "report_exports" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "format" "ReportExportFormat" NOT NULL,
    "params" JSONB NOT NULL,
    "status" "ReportExportStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "row_count" INTEGER,
    "file_key" TEXT,
    "file_size" BIGINT,
    "file_sha256" TEXT,
    "error_code" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_exports_created_by_id_created_at_idx" ON "report_exports"("created_by_id", "created_at");

-- CreateIndex
CREATE INDEX "report_exports_created_at_idx" ON "report_exports"("created_at");

-- CreateIndex
CREATE INDEX "report_exports_expires_at_idx" ON "report_exports"("expires_at");

-- AddForeignKey
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What Prisma's schema cannot say: the known report types, a progress in percent, a finished export with its file
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_type_check"
  CHECK ("type" IN ('quota-summary', 'wage-summary', 'deadline-compliance', 'placements', 'commission-request-summary'));
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_progress_check" CHECK ("progress" BETWEEN 0 AND 100);
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_done_check"
  CHECK ("status" <> 'DONE' OR ("file_key" IS NOT NULL AND "finished_at" IS NOT NULL AND "progress" = 100));
