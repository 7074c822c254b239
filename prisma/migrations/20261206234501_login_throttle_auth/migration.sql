-- AlterTable
ALTER TABLE "users" DROP COLUMN "failed_logins",
DROP COLUMN "locked_until";

-- CreateTable
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3),
    "blocked_until" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_throttle_expires_at_idx" ON "login_throttle"("expires_at");

-- A count of failures is never negative
ALTER TABLE "login_throttle" ADD CONSTRAINT "login_throttle_failures_check" CHECK ("failures" >= 0);
