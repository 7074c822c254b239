-- Separate from the migration that added PLANNED and CANCELLED: a value added to an enum cannot be
-- used in the transaction that added it.

-- One current placement per worker: a planned one holds the worker as an active one does.
DROP INDEX "placements_one_active_per_worker";
CREATE UNIQUE INDEX "placements_one_current_per_worker" ON "placements"("worker_id") WHERE status IN ('PLANNED', 'ACTIVE');

-- Only an ENDED placement has an end date: PLANNED and ACTIVE ones have not ended, a CANCELLED one never began.
ALTER TABLE "placements" ADD CONSTRAINT "placements_end_date_status_check" CHECK ((end_date IS NOT NULL) = (status = 'ENDED'));
