-- AlterTable
ALTER TABLE "worker_notices" ADD COLUMN     "sent_at" TIMESTAMPTZ(3);
