-- CreateIndex
CREATE INDEX "worker_events_worker_id_to_status_occurred_at_idx" ON "worker_events"("worker_id", "to_status", "occurred_at");

-- CreateIndex
CREATE INDEX "workers_created_at_idx" ON "workers"("created_at");
