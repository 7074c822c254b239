-- Name search by words (WorkersRepository.list, search branch). The nearest-neighbour scan of the
-- GiST trigram index on the whole search_text had to recheck every dossier whose trigrams were
-- spread over several of its words before it could return the first row of a misspelling inside a
-- word (Курбанов for Қурбонов: ~3,000 heap rechecks among 100,000 dossiers, tens of ms). Search now
-- matches each query word against the distinct name words (a few hundred to a few thousand, not one
-- row per dossier), then reads the dossiers that hold the words found, in word order and then id.

DROP INDEX "workers_search_text_trgm_gist";

-- The lexicon: every distinct word of workers.search_text, with how many dossiers hold it.
CREATE TABLE "name_words" (
    "word" TEXT NOT NULL,
    "workers" INTEGER NOT NULL,

    CONSTRAINT "name_words_pkey" PRIMARY KEY ("word")
);
-- fastupdate off: a query never scans a pending list (the lexicon changes rarely)
CREATE INDEX "name_words_word_trgm" ON "name_words" USING GIN ("word" gin_trgm_ops) WITH (fastupdate = off);

-- Which dossier holds which word: the primary key reads the dossiers of one word in id order.
CREATE TABLE "worker_name_words" (
    "word" TEXT NOT NULL,
    "worker_id" UUID NOT NULL,

    CONSTRAINT "worker_name_words_pkey" PRIMARY KEY ("word","worker_id")
);

-- A query of several words: the dossiers holding a match for two of them at once (bitmap AND).
-- An expression index, which schema.prisma cannot name (Prisma leaves it alone).
CREATE INDEX "workers_search_words_gin" ON "workers" USING GIN ((string_to_array("search_text", ' '))) WITH (fastupdate = off);

-- (\073 is the octal escape of a semicolon: Prisma's WASM schema engine splits scripts on every semicolon.)
-- The lexicon's words within min_similarity of q (pg_trgm word_similarity(q, word)), through the
-- trigram index. The threshold operator <% reads pg_trgm.word_similarity_threshold: the SET clause
-- makes the set_config() below last for this call only, whatever the caller's transaction. Scans
-- other than the bitmap scan of the trigram index are off: on a small lexicon the planner would
-- otherwise compute word_similarity for every word.
CREATE FUNCTION worker_search_words(q TEXT, min_similarity REAL)
RETURNS TABLE (word TEXT, similarity REAL)
LANGUAGE plpgsql VOLATILE STRICT ROWS 10
SET pg_trgm.word_similarity_threshold = 1
SET enable_seqscan = off
SET enable_indexscan = off
SET enable_indexonlyscan = off
AS E'BEGIN
  PERFORM set_config(''pg_trgm.word_similarity_threshold'', min_similarity::TEXT, true)\073
  RETURN QUERY SELECT n.word, word_similarity(q, n.word) FROM name_words n WHERE q <% n.word\073
END';

-- Kept by triggers on workers, never by the application. Every change of the lexicon goes in word
-- order (so concurrent writers lock its rows in one order and cannot deadlock) as an upsert of a
-- count, and a word whose count falls to zero is deleted (an erased dossier's names do not stay
-- behind). A concurrent insert of that word waits for the row lock and then inserts it anew.
CREATE FUNCTION workers_name_words_insert() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  WITH added AS (
    INSERT INTO worker_name_words (word, worker_id)
    SELECT DISTINCT x.word, n.id FROM new_rows n, unnest(string_to_array(n.search_text, '' '')) AS x(word) WHERE x.word <> ''''
    RETURNING word)
  INSERT INTO name_words AS l (word, workers)
  SELECT word, count(*) FROM added GROUP BY word ORDER BY word
  ON CONFLICT (word) DO UPDATE SET workers = l.workers + EXCLUDED.workers\073
  RETURN NULL\073
END';

CREATE FUNCTION workers_name_words_update() RETURNS trigger LANGUAGE plpgsql AS E'DECLARE
  old_words TEXT[] := ARRAY(SELECT DISTINCT x FROM unnest(string_to_array(OLD.search_text, '' '')) AS x WHERE x <> '''')\073
  new_words TEXT[] := ARRAY(SELECT DISTINCT x FROM unnest(string_to_array(NEW.search_text, '' '')) AS x WHERE x <> '''')\073
  kept TEXT[] := CASE WHEN OLD.id = NEW.id THEN ARRAY(SELECT unnest(old_words) INTERSECT SELECT unnest(new_words)) ELSE ''{}'' END\073
BEGIN
  WITH removed AS (
    DELETE FROM worker_name_words WHERE word = ANY (old_words) AND word <> ALL (kept) AND worker_id = OLD.id
    RETURNING word),
  added AS (
    INSERT INTO worker_name_words (word, worker_id)
    SELECT x, NEW.id FROM unnest(new_words) AS x WHERE x <> ALL (kept)
    RETURNING word),
  delta AS (SELECT word, -1 AS d FROM removed UNION ALL SELECT word, 1 FROM added)
  INSERT INTO name_words AS l (word, workers)
  SELECT word, sum(d) FROM delta GROUP BY word ORDER BY word
  ON CONFLICT (word) DO UPDATE SET workers = l.workers + EXCLUDED.workers\073
  DELETE FROM name_words WHERE word = ANY (old_words) AND workers <= 0\073
  RETURN NULL\073
END';

CREATE FUNCTION workers_name_words_delete() RETURNS trigger LANGUAGE plpgsql AS E'DECLARE
  touched TEXT[]\073
BEGIN
  WITH gone AS (SELECT DISTINCT x.word, o.id FROM old_rows o, unnest(string_to_array(o.search_text, '' '')) AS x(word) WHERE x.word <> ''''),
  removed AS (
    DELETE FROM worker_name_words p USING gone g WHERE p.word = g.word AND p.worker_id = g.id
    RETURNING p.word),
  counted AS (
    INSERT INTO name_words AS l (word, workers)
    SELECT word, -count(*) FROM removed GROUP BY word ORDER BY word
    ON CONFLICT (word) DO UPDATE SET workers = l.workers + EXCLUDED.workers
    RETURNING l.word)
  SELECT array_agg(word) INTO touched FROM counted\073
  DELETE FROM name_words WHERE word = ANY (touched) AND workers <= 0\073
  RETURN NULL\073
END';

CREATE FUNCTION workers_name_words_truncate() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  TRUNCATE worker_name_words, name_words\073
  RETURN NULL\073
END';

-- per statement on insert (a bulk import is one pass), per changed row on update
CREATE TRIGGER workers_name_words_insert AFTER INSERT ON "workers"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workers_name_words_insert();
CREATE TRIGGER workers_name_words_update AFTER UPDATE OF "search_text", "id" ON "workers"
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION workers_name_words_update();
CREATE TRIGGER workers_name_words_delete AFTER DELETE ON "workers"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workers_name_words_delete();
CREATE TRIGGER workers_name_words_truncate AFTER TRUNCATE ON "workers"
  FOR EACH STATEMENT EXECUTE FUNCTION workers_name_words_truncate();

-- the dossiers already there
INSERT INTO worker_name_words (word, worker_id)
SELECT DISTINCT x.word, w.id FROM workers w, unnest(string_to_array(w.search_text, ' ')) AS x(word) WHERE x.word <> '';
INSERT INTO name_words (word, workers) SELECT word, count(*) FROM worker_name_words GROUP BY word;
