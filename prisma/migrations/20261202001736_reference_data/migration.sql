-- CreateTable
CREATE TABLE "minimum_wages" (
    "year" INTEGER NOT NULL,
    "amount_rub" INTEGER NOT NULL,
    "note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "minimum_wages_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "regional_coefficients" (
    "region" TEXT NOT NULL,
    "coefficient" DECIMAL(4,3) NOT NULL,
    "note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "regional_coefficients_pkey" PRIMARY KEY ("region")
);

-- CreateTable
CREATE TABLE "regional_bans" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "activity_codes" TEXT[],
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "regional_bans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "occupations" (
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "title_ru" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "occupations_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "local_wages" (
    "year" INTEGER NOT NULL,
    "occupation_code" TEXT NOT NULL,
    "amount_rub" INTEGER NOT NULL,
    "note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "local_wages_pkey" PRIMARY KEY ("year","occupation_code")
);

-- CreateTable
CREATE TABLE "labour_parameters" (
    "key" TEXT NOT NULL,
    "value" DECIMAL(10,4) NOT NULL,
    "note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "labour_parameters_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "regional_bans_effective_from_idx" ON "regional_bans"("effective_from");

-- AddForeignKey
ALTER TABLE "local_wages" ADD CONSTRAINT "local_wages_occupation_code_fkey" FOREIGN KEY ("occupation_code") REFERENCES "occupations"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Invariants the database guards too (no semicolons in comments: the migration runner splits on them)
ALTER TABLE "minimum_wages" ADD CONSTRAINT "minimum_wages_amount_check" CHECK (amount_rub > 0);
ALTER TABLE "minimum_wages" ADD CONSTRAINT "minimum_wages_year_check" CHECK (year BETWEEN 2000 AND 2100);
ALTER TABLE "regional_coefficients" ADD CONSTRAINT "regional_coefficients_coefficient_check" CHECK (coefficient > 0);
ALTER TABLE "regional_bans" ADD CONSTRAINT "regional_bans_dates_check" CHECK (effective_to IS NULL OR effective_to > effective_from);
ALTER TABLE "regional_bans" ADD CONSTRAINT "regional_bans_codes_check" CHECK (cardinality(activity_codes) > 0);
ALTER TABLE "local_wages" ADD CONSTRAINT "local_wages_amount_check" CHECK (amount_rub > 0);
ALTER TABLE "local_wages" ADD CONSTRAINT "local_wages_year_check" CHECK (year BETWEEN 2000 AND 2100);
ALTER TABLE "labour_parameters" ADD CONSTRAINT "labour_parameters_value_check" CHECK (value >= 0);
