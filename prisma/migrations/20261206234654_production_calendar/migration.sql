-- CreateTable
CREATE TABLE "calendar_years" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "verify" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calendar_years_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "calendar_days" (
    "date" DATE NOT NULL,
    "year" INTEGER NOT NULL,
    "working" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "calendar_days_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE INDEX "calendar_days_year_idx" ON "calendar_days"("year");

-- AddForeignKey
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_year_fkey" FOREIGN KEY ("year") REFERENCES "calendar_years"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- A day belongs to the year it is filed under
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_in_its_year" CHECK (EXTRACT(YEAR FROM "date") = "year");
