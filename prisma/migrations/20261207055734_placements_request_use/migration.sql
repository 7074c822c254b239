-- DropIndex
DROP INDEX "placements_labour_request_id_idx";

-- CreateIndex
CREATE INDEX "placements_labour_request_id_status_end_date_idx" ON "placements"("labour_request_id", "status", "end_date");
