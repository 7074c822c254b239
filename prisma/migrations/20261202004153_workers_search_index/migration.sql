-- DropIndex
DROP INDEX "workers_search_text_trgm";

-- CreateIndex
-- Name search ranks by a nearest-neighbour scan of this index (ORDER BY q <<-> search_text), which
-- stops after the rows a page needs instead of scoring every trigram match as the GIN index did.
-- siglen=1024: inner pages keep 8192-bit trigram signatures, selective enough that a scan visits
-- about a hundred pages for a family name instead of most of the index (the default 96 bits).
-- Prisma does not compare operator-class parameters, so schema.prisma names gist_trgm_ops alone.
CREATE INDEX "workers_search_text_trgm_gist" ON "workers" USING GIST ("search_text" gist_trgm_ops(siglen=1024));
