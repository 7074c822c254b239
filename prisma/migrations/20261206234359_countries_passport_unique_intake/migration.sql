-- CreateEnum
CREATE TYPE "CountryRegime" AS ENUM ('RUSSIA', 'EAEU', 'PATENT', 'VISA');

-- AlterTable
ALTER TABLE "worker_documents" ADD COLUMN     "country" CHAR(2);

-- CreateTable
CREATE TABLE "countries" (
    "code" CHAR(2) NOT NULL,
    "alpha3" CHAR(3) NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_ru" TEXT NOT NULL,
    "regime" "CountryRegime" NOT NULL,

    CONSTRAINT "countries_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE UNIQUE INDEX "countries_alpha3_key" ON "countries"("alpha3");

-- A passport number belongs to one dossier: a VALID passport's (issuing country, number blind
-- index) is unique. The issuing country of a passport is the holder's citizenship when it was
-- recorded: filled here for the passports on file, and by the trigger below for a new one that
-- does not give it (the documents route, a row written in SQL), so no path can leave it out.
UPDATE "worker_documents" d SET "country" = w."citizenship"
FROM "workers" w WHERE w."id" = d."worker_id" AND d."type" = 'PASSPORT' AND d."country" IS NULL;

-- Dossiers opened with force=true may already share a passport number. The first recorded keeps
-- it, the later ones are set aside (SUPERSEDED, as a document no longer current) and their
-- dossiers get a note naming the dossier that holds the number, for a caseworker to resolve.
WITH repeats AS (
  SELECT r."id", r."worker_id", first_w."case_number" AS holder
  FROM (SELECT d."id", d."worker_id",
               first_value(d."worker_id") OVER (PARTITION BY d."country", d."number_index" ORDER BY d."created_at", d."id") AS holder_id,
               row_number() OVER (PARTITION BY d."country", d."number_index" ORDER BY d."created_at", d."id") AS n
        FROM "worker_documents" d
        WHERE d."type" = 'PASSPORT' AND d."status" = 'VALID' AND d."number_index" IS NOT NULL) r
  JOIN "workers" first_w ON first_w."id" = r."holder_id"
  WHERE r."n" > 1
), set_aside AS (
  UPDATE "worker_documents" d SET "status" = 'SUPERSEDED', "version" = d."version" + 1, "updated_at" = now()
  FROM repeats x WHERE x."id" = d."id"
  RETURNING d."id"
)
INSERT INTO "worker_events" ("id", "worker_id", "kind", "text")
SELECT gen_random_uuid(), x."worker_id", 'NOTE',
       'Passport set aside when passport numbers became unique: the same number is on file in dossier ' || x."holder" || ', check whether the two dossiers are the same person'
FROM repeats x JOIN set_aside s ON s."id" = x."id";

ALTER TABLE "worker_documents" ADD CONSTRAINT "worker_documents_passport_country_check"
  CHECK ("type" <> 'PASSPORT' OR "number_index" IS NULL OR "country" IS NOT NULL);

CREATE UNIQUE INDEX "worker_documents_passport_number_key" ON "worker_documents" ("country", "number_index")
  WHERE "type" = 'PASSPORT' AND "status" = 'VALID' AND "number_index" IS NOT NULL;

CREATE FUNCTION worker_documents_passport_country() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF NEW.type = ''PASSPORT'' AND NEW.country IS NULL THEN
    NEW.country := (SELECT w.citizenship FROM workers w WHERE w.id = NEW.worker_id)\073
  END IF\073
  RETURN NEW\073
END';

CREATE TRIGGER worker_documents_passport_country BEFORE INSERT OR UPDATE OF "type", "country" ON "worker_documents"
  FOR EACH ROW EXECUTE FUNCTION worker_documents_passport_country();
