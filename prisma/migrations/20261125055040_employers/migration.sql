-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('CONSTRUCTION', 'AGRICULTURE', 'FOOD_PROCESSING', 'HOUSING_UTILITIES', 'TRADE', 'TRANSPORT', 'OTHER');

-- AlterTable
ALTER TABLE "employers" ADD COLUMN     "address" TEXT,
ADD COLUMN     "email" TEXT,
ADD COLUMN     "ogrn" TEXT,
ADD COLUMN     "okved" TEXT,
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "sector" "Sector" NOT NULL DEFAULT 'OTHER',
ADD COLUMN     "verified" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "employers_ogrn_key" ON "employers"("ogrn");
