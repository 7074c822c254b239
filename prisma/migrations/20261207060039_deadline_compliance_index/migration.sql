-- CreateIndex
CREATE INDEX "deadlines_kind_due_date_status_completed_on_employer_id_idx" ON "deadlines"("kind", "due_date", "status", "completed_on", "employer_id");
