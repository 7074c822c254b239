-- CreateIndex
CREATE INDEX "workers_caseworker_id_idx" ON "workers"("caseworker_id");
