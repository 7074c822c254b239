-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PlacementStatus" ADD VALUE 'PLANNED';
ALTER TYPE "PlacementStatus" ADD VALUE 'CANCELLED';

-- CreateTable
CREATE TABLE "contract_notification_corrections" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "previous_notified_on" DATE NOT NULL,
    "previous_reference" TEXT,
    "previous_late" BOOLEAN NOT NULL,
    "notified_on" DATE NOT NULL,
    "reference" TEXT,
    "late" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "corrected_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_notification_corrections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "contract_notification_corrections_notification_id_sequence_key" ON "contract_notification_corrections"("notification_id", "sequence");

-- AddForeignKey
ALTER TABLE "contract_notification_corrections" ADD CONSTRAINT "contract_notification_corrections_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "contract_notifications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written invariants (no semicolons inside strings or comments: the engine splits on them, \073 is one)
ALTER TABLE "contract_notification_corrections" ADD CONSTRAINT "contract_notification_corrections_change_check"
  CHECK (notified_on <> previous_notified_on OR reference IS DISTINCT FROM previous_reference);
ALTER TABLE "contract_notification_corrections" ADD CONSTRAINT "contract_notification_corrections_reason_check"
  CHECK (length(btrim(reason)) >= 3);
ALTER TABLE "contract_notification_corrections" ADD CONSTRAINT "contract_notification_corrections_sequence_check"
  CHECK (sequence >= 1);

-- Corrections are history: never rewritten or removed.
CREATE FUNCTION contract_notification_corrections_append_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''contract_notification_corrections is append-only (% refused)'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER contract_notification_corrections_no_update_delete
  BEFORE UPDATE OR DELETE ON "contract_notification_corrections"
  FOR EACH ROW EXECUTE FUNCTION contract_notification_corrections_append_only();

CREATE TRIGGER contract_notification_corrections_no_truncate
  BEFORE TRUNCATE ON "contract_notification_corrections"
  FOR EACH STATEMENT EXECUTE FUNCTION contract_notification_corrections_append_only();

-- A notice's date or reference changes only together with the correction row that keeps the old
-- values: the newest correction of the notice must record exactly this change.
CREATE FUNCTION contract_notifications_corrected_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
    IF (NEW.notified_on, NEW.reference) IS DISTINCT FROM (OLD.notified_on, OLD.reference) AND NOT EXISTS (
      SELECT 1 FROM (SELECT * FROM contract_notification_corrections c WHERE c.notification_id = OLD.id
                      ORDER BY c.sequence DESC LIMIT 1) latest
       WHERE latest.previous_notified_on = OLD.notified_on AND latest.previous_reference IS NOT DISTINCT FROM OLD.reference
         AND latest.notified_on = NEW.notified_on AND latest.reference IS NOT DISTINCT FROM NEW.reference
         AND latest.late = NEW.late) THEN
      RAISE EXCEPTION ''a contract notification changes only with a correction row (contract_notification_corrections)'' USING ERRCODE = ''check_violation''\073
    END IF\073
    RETURN NEW\073
  END';

CREATE TRIGGER contract_notifications_corrected_only
  BEFORE UPDATE ON "contract_notifications"
  FOR EACH ROW EXECUTE FUNCTION contract_notifications_corrected_only();
