-- AlterTable
ALTER TABLE "deadlines" ADD COLUMN     "assignee_id" UUID;

-- CreateIndex
CREATE INDEX "deadlines_assignee_id_due_date_id_idx" ON "deadlines"("assignee_id", "due_date", "id");

-- Deadlines already there take their worker's caseworker.
UPDATE "deadlines" d SET "assignee_id" = w."caseworker_id" FROM "workers" w WHERE w."id" = d."worker_id" AND w."caseworker_id" IS NOT NULL;

-- A new deadline is assigned to its worker's caseworker, whoever writes it.
CREATE FUNCTION deadlines_assignee_from_worker() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
    NEW.assignee_id := (SELECT w.caseworker_id FROM workers w WHERE w.id = NEW.worker_id)\073
    RETURN NEW\073
  END';

CREATE TRIGGER deadlines_assignee_from_worker
  BEFORE INSERT ON "deadlines"
  FOR EACH ROW EXECUTE FUNCTION deadlines_assignee_from_worker();

-- A worker given another caseworker takes their deadlines along.
CREATE FUNCTION workers_caseworker_to_deadlines() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
    UPDATE deadlines SET assignee_id = NEW.caseworker_id WHERE worker_id = NEW.id\073
    RETURN NULL\073
  END';

CREATE TRIGGER workers_caseworker_to_deadlines
  AFTER UPDATE OF "caseworker_id" ON "workers"
  FOR EACH ROW WHEN (OLD."caseworker_id" IS DISTINCT FROM NEW."caseworker_id")
  EXECUTE FUNCTION workers_caseworker_to_deadlines();
