-- CreateTable
CREATE TABLE "complaint_access_failures" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "window_ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_access_failures_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "complaint_access_failures_window_ends_at_idx" ON "complaint_access_failures"("window_ends_at");
