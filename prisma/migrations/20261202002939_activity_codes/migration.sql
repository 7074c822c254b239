-- CreateTable
CREATE TABLE "activity_codes" (
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activity_codes_pkey" PRIMARY KEY ("code")
);
