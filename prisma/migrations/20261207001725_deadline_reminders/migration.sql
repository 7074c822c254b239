-- AlterTable
ALTER TABLE "users" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'ru';

-- CreateTable
CREATE TABLE "reminder_leads" (
    "kind" "DeadlineKind" NOT NULL,
    "days" INTEGER[],

    CONSTRAINT "reminder_leads_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "deadline_reminders" (
    "id" UUID NOT NULL,
    "deadline_id" UUID NOT NULL,
    "lead" INTEGER NOT NULL,
    "remind_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deadline_reminders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outgoing_mail" (
    "id" UUID NOT NULL,
    "user_id" UUID,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outgoing_mail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deadline_scan_runs" (
    "day" DATE NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "deadline_scan_runs_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "worker_notices" (
    "id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "deadline_id" UUID NOT NULL,
    "language" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_notices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "deadline_reminders_deadline_id_lead_key" ON "deadline_reminders"("deadline_id", "lead");

-- CreateIndex
CREATE UNIQUE INDEX "outgoing_mail_message_id_key" ON "outgoing_mail"("message_id");

-- CreateIndex
CREATE INDEX "worker_notices_worker_id_created_at_idx" ON "worker_notices"("worker_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "worker_notices_deadline_id_language_key" ON "worker_notices"("deadline_id", "language");

-- AddForeignKey
ALTER TABLE "deadline_reminders" ADD CONSTRAINT "deadline_reminders_deadline_id_fkey" FOREIGN KEY ("deadline_id") REFERENCES "deadlines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_notices" ADD CONSTRAINT "worker_notices_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_notices" ADD CONSTRAINT "worker_notices_deadline_id_fkey" FOREIGN KEY ("deadline_id") REFERENCES "deadlines"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "users" ADD CONSTRAINT "users_language" CHECK ("language" IN ('ru', 'en'));
