-- AlterTable
ALTER TABLE "intermediaries" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "partner_agencies" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
