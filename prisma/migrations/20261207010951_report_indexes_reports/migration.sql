-- CreateIndex
CREATE INDEX "deadlines_due_date_idx" ON "deadlines"("due_date");

-- CreateIndex
CREATE INDEX "labour_requests_period_start_idx" ON "labour_requests"("period_start");

-- CreateIndex
CREATE INDEX "placements_start_date_idx" ON "placements"("start_date");
