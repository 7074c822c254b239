-- CreateTable
CREATE TABLE "worker_pipeline" (
    "worker_id" UUID NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL,
    "citizenship" CHAR(2) NOT NULL,
    "partner_agency_id" UUID,
    "unannounced" BOOLEAN NOT NULL,
    "candidate_at" TIMESTAMPTZ(3),
    "selected_at" TIMESTAMPTZ(3),
    "in_transit_at" TIMESTAMPTZ(3),
    "arrived_at" TIMESTAMPTZ(3),
    "ready_at" TIMESTAMPTZ(3),
    "placed_at" TIMESTAMPTZ(3),

    CONSTRAINT "worker_pipeline_pkey" PRIMARY KEY ("worker_id")
);

-- CreateIndex
CREATE INDEX "worker_pipeline_entered_at_idx" ON "worker_pipeline"("entered_at");

-- AddForeignKey
ALTER TABLE "worker_pipeline" ADD CONSTRAINT "worker_pipeline_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- worker_pipeline is the pipeline report's reading of the status histories, kept by triggers.
-- worker_pipeline_refresh(ids) rewrites the rows of those workers from workers and worker_events.
CREATE FUNCTION worker_pipeline_refresh(ids UUID[]) RETURNS void LANGUAGE sql AS E'
  INSERT INTO worker_pipeline AS p (worker_id, entered_at, citizenship, partner_agency_id, unannounced,
    candidate_at, selected_at, in_transit_at, arrived_at, ready_at, placed_at)
  SELECT w.id, w.created_at, w.citizenship, w.partner_agency_id, w.unannounced,
    min(e.occurred_at) FILTER (WHERE e.to_status = ''CANDIDATE''),
    min(e.occurred_at) FILTER (WHERE e.to_status = ''SELECTED''),
    min(e.occurred_at) FILTER (WHERE e.to_status = ''IN_TRANSIT''),
    min(e.occurred_at) FILTER (WHERE e.to_status = ''ARRIVED''),
    min(e.occurred_at) FILTER (WHERE e.to_status = ''READY_TO_WORK''),
    min(e.occurred_at) FILTER (WHERE e.to_status = ''EMPLOYED'')
  FROM workers w
  LEFT JOIN worker_events e ON e.worker_id = w.id AND e.to_status IS NOT NULL
  WHERE w.id = ANY (ids)
  GROUP BY w.id
  ON CONFLICT (worker_id) DO UPDATE SET entered_at = EXCLUDED.entered_at, citizenship = EXCLUDED.citizenship,
    partner_agency_id = EXCLUDED.partner_agency_id, unannounced = EXCLUDED.unannounced,
    candidate_at = EXCLUDED.candidate_at, selected_at = EXCLUDED.selected_at, in_transit_at = EXCLUDED.in_transit_at,
    arrived_at = EXCLUDED.arrived_at, ready_at = EXCLUDED.ready_at, placed_at = EXCLUDED.placed_at
';

CREATE FUNCTION worker_pipeline_workers_insert() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM worker_pipeline_refresh(ARRAY(SELECT id FROM new_rows))\073
  RETURN NULL\073
END';

CREATE FUNCTION worker_pipeline_workers_update() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  UPDATE worker_pipeline SET entered_at = NEW.created_at, citizenship = NEW.citizenship,
    partner_agency_id = NEW.partner_agency_id, unannounced = NEW.unannounced
  WHERE worker_id = NEW.id\073
  RETURN NULL\073
END';

CREATE FUNCTION worker_pipeline_events_change() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM worker_pipeline_refresh(ARRAY(SELECT DISTINCT worker_id FROM new_rows WHERE to_status IS NOT NULL))\073
  ELSIF TG_OP = ''UPDATE'' THEN
    PERFORM worker_pipeline_refresh(ARRAY(SELECT worker_id FROM new_rows UNION SELECT worker_id FROM old_rows))\073
  ELSE
    PERFORM worker_pipeline_refresh(ARRAY(SELECT DISTINCT worker_id FROM old_rows WHERE to_status IS NOT NULL))\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER worker_pipeline_workers_insert AFTER INSERT ON "workers"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION worker_pipeline_workers_insert();
CREATE TRIGGER worker_pipeline_workers_update AFTER UPDATE OF "created_at", "citizenship", "partner_agency_id", "unannounced" ON "workers"
  FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.citizenship IS DISTINCT FROM NEW.citizenship
    OR OLD.partner_agency_id IS DISTINCT FROM NEW.partner_agency_id OR OLD.unannounced IS DISTINCT FROM NEW.unannounced)
  EXECUTE FUNCTION worker_pipeline_workers_update();
CREATE TRIGGER worker_pipeline_events_insert AFTER INSERT ON "worker_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION worker_pipeline_events_change();
CREATE TRIGGER worker_pipeline_events_update AFTER UPDATE ON "worker_events"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION worker_pipeline_events_change();
CREATE TRIGGER worker_pipeline_events_delete AFTER DELETE ON "worker_events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION worker_pipeline_events_change();

-- the workers already recorded
SELECT worker_pipeline_refresh(ARRAY(SELECT id FROM workers));
