-- AlterTable
ALTER TABLE "complaints" ADD COLUMN     "worker_citizenship" TEXT;

-- the daily retention scan: closed complaints whose content is not destroyed yet, by closure (destroyed ones drop out of the index)
CREATE INDEX "complaints_retention_due_idx" ON "complaints" ("closed_at") WHERE "destroyed_at" IS NULL AND "closed_at" IS NOT NULL;
