import { Prisma } from '../generated/prisma/client';

/**
 * Name search, word by word. A worker's searchText is a list of name words (every folded spelling
 * of the last, first and father's names: transliteration.ts); the query, folded the same way, is a
 * list of query words. The database holds the distinct name words once (`name_words`, with a
 * trigram index) and which dossier holds which word (`worker_name_words`), both kept by triggers on
 * `workers` (migration 20261202040000_worker_name_words).
 *
 * - A query word matches a name word when their pg_trgm word similarity (`word_similarity(query
 *   word, name word)`: the query word against the closest stretch of the name word) is at least
 *   SEARCH_MIN_WORD_SIMILARITY. It admits a one-letter slip in a short name: Курбанов for Қурбонов
 *   is 0.5, Usopov for Yusupov 0.4.
 * - A worker's score is the mean, over the query words, of each one's best match among the worker's
 *   name words (0 when none matches), weighted by the query word's trigram count, as pg_trgm weighs
 *   the parts of a query. One word: its best match. "Holmatov Akmal" against Холматов Фаррух: 9 of
 *   15 trigrams matched fully, 0.6.
 * - A worker is found when the score is at least SEARCH_MIN_WORD_SIMILARITY; the list is ordered
 *   by score, best first, then (one query word) by the name word matched, then by id: a total
 *   order, so offset pages of one search never overlap. Scores are computed in numeric, exactly:
 *   equal scores are equal whichever way their terms were added up.
 *
 * The whole-string word_similarity(query, search_text) it replaces also let a query word match
 * across two name words (Jamshid found Hurshid Jasurovich at 0.63: "shid" ending one, "ja" starting
 * the next); words are now matched whole. The record scope and the filters sit in every branch of
 * the statement, so a liaison officer's search reads its agencies' dossiers only.
 */
export const SEARCH_MIN_WORD_SIMILARITY = 0.4;

/** How many distinct words of a query count (a full name with patronymic and "ugli" has 4–5); the rest are ignored. */
export const SEARCH_MAX_QUERY_WORDS = 6;

/** The distinct words of a folded query (searchQuery()), at most SEARCH_MAX_QUERY_WORDS. */
export function queryWords(folded: string): string[] {
  return [...new Set(folded.split(' ').filter(Boolean))].slice(0, SEARCH_MAX_QUERY_WORDS);
}

const MIN = Prisma.raw(`${SEARCH_MIN_WORD_SIMILARITY}::real`);
/**
 * A row count for LIMIT/OFFSET as an init-plan, not a parameter: the planner then estimates every
 * execution alike instead of replanning each one for its numbers (~0.4 ms), so the prepared
 * statement settles on its generic plan, which is the same plan.
 */
const limit = (n: number) => Prisma.sql`(SELECT ${n}::bigint)`;
const WORDS_OF = (alias: string) => Prisma.raw(`string_to_array(${alias}.search_text, ' ')`);

/**
 * The ranking part of the search statement: `WITH …, page AS (…)`, where `page` holds the rows
 * offset…offset+take of the workers passing `where` (over `w`) that the words find, the `columns`
 * of workers (over `w`; w.id among them) plus `score` and `tier`, in the order of PAGE_ORDER. The
 * caller selects from `page` and orders by PAGE_ORDER.
 * There must be a word. Only the columns the caller shows: the page is materialised and sorted,
 * and whole rows cost about a fifth more.
 */
export function rankedPageSql(where: Prisma.Sql, words: string[], take: number, offset: number, columns: Prisma.Sql): Prisma.Sql {
  return words.length === 1 ? oneWordSql(where, words[0], take, offset, columns) : wordsSql(where, words, take, offset, columns);
}

/** The order of a search page's rows (over `w`): score, best first, then tier (one word: the name word matched), then id. */
export const PAGE_ORDER = 'w.score DESC, w.tier, w.id';

/** Not holding any of `words` (an empty array: true at once, without splitting the search text). */
const holdsNone = (words: Prisma.Sql) => Prisma.sql`(cardinality(${words}) = 0 OR NOT (${WORDS_OF('w')} && ${words}))`;

/**
 * One query word. The name words it matches come best first, equally similar ones in alphabetical
 * order (Холматов before Холматова); each is a tier of the dossiers holding it (and no better
 * match), read in id order from the key of worker_name_words. The page is ordered by score, tier,
 * id, which is the order the tiers are read in: the database reads a tier only when those before it
 * have not filled the page (an incremental sort over the tiers, stopped by the LIMIT), so a common
 * family name (5,000 Холматовs, 600 Холматовas, equally similar to "Holmatof") costs the rows of
 * one page, not of one page per tier.
 */
function oneWordSql(where: Prisma.Sql, word: string, take: number, offset: number, columns: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH c AS MATERIALIZED (SELECT word, similarity::numeric AS s FROM worker_search_words(${word}::text, ${MIN})),
    page AS MATERIALIZED (
      SELECT w.*, t.s::float8 AS score, t.word AS tier
      FROM (SELECT c.word, c.s, ARRAY(SELECT b.word FROM c b WHERE b.s > c.s OR (b.s = c.s AND b.word < c.word)) AS better
            FROM c ORDER BY c.s DESC, c.word) t
      CROSS JOIN LATERAL (
        SELECT ${columns} FROM worker_name_words n JOIN workers w ON w.id = n.worker_id
        WHERE n.word = t.word AND ${where} AND ${holdsNone(Prisma.raw('t.better'))}
        ORDER BY n.worker_id
        LIMIT ${limit(take + offset)}) w
      ORDER BY t.s DESC, t.word, w.id
      LIMIT ${limit(take)} OFFSET ${limit(offset)})`;
}

/**
 * Several query words. The dossiers matching two or more of them are found by intersecting, in
 * the GIN index on the name words, the words that match each (a bitmap AND per pair of query
 * words), and all of them scored: hundreds at most for common names (a thousand for a name with
 * "uulu"). Those matching a single query word are tiers by their best match, as for one word, each
 * cut at offset + take and scored by that match alone; a tier that cannot reach the minimum score
 * is not read.
 */
function wordsSql(where: Prisma.Sql, words: string[], take: number, offset: number, columns: Prisma.Sql): Prisma.Sql {
  const pairs: Prisma.Sql[] = [];
  for (let i = 1; i <= words.length; i++) {
    for (let j = i + 1; j <= words.length; j++) {
      pairs.push(Prisma.sql`(${WORDS_OF('w')} && ARRAY(SELECT word FROM c WHERE i = ${Prisma.raw(String(i))})
                             AND ${WORDS_OF('w')} && ARRAY(SELECT word FROM c WHERE i = ${Prisma.raw(String(j))}))`);
    }
  }
  return Prisma.sql`
    WITH q AS MATERIALIZED (
      SELECT t.i, t.word, cardinality(show_trgm(t.word)) AS n FROM unnest(${words}::text[]) WITH ORDINALITY AS t(word, i)),
    total AS MATERIALIZED (SELECT NULLIF(sum(n), 0) AS n FROM q),
    c AS MATERIALIZED (
      SELECT q.i, q.n, m.word, m.similarity::numeric AS s FROM q CROSS JOIN LATERAL worker_search_words(q.word, ${MIN}) m),
    tiers AS (
      SELECT c.word, c.s * c.n / total.n AS score,
             ARRAY(SELECT b.word FROM c b WHERE b.i <> c.i OR b.s > c.s OR (b.s = c.s AND b.word < c.word)) AS excluded
      FROM c, total WHERE c.s * c.n / total.n >= ${MIN}),
    several AS MATERIALIZED (
      SELECT w.id, ${WORDS_OF('w')} AS words FROM workers w WHERE (${Prisma.join(pairs, ' OR ')}) AND ${where}),
    ranked AS (
      SELECT b.id, sum(b.best) / (SELECT n FROM total) AS score
      FROM (SELECT m.id, max(c.s) * c.n AS best
            FROM several m CROSS JOIN LATERAL unnest(m.words) AS u(word) JOIN c ON c.word = u.word
            GROUP BY m.id, c.i, c.n) b
      GROUP BY b.id HAVING sum(b.best) / (SELECT n FROM total) >= ${MIN}
      UNION ALL
      SELECT x.id, t.score FROM tiers t CROSS JOIN LATERAL (
        SELECT w.id FROM worker_name_words n JOIN workers w ON w.id = n.worker_id
        WHERE n.word = t.word AND ${where} AND ${holdsNone(Prisma.raw('t.excluded'))}
        ORDER BY n.worker_id
        LIMIT ${limit(take + offset)}) x
      ORDER BY score DESC, id
      LIMIT ${limit(take)} OFFSET ${limit(offset)}),
    page AS MATERIALIZED (SELECT ${columns}, r.score::float8 AS score, NULL::text AS tier FROM ranked r JOIN workers w ON w.id = r.id)`;
}
