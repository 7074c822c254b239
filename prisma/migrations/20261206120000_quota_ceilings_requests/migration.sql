-- Every quota allocation that matches a labour request, from the most specific up to the overall one,
-- is now a ceiling of its places: each allocation counts every place held under its scope that year,
-- not only the places of the requests for which it was the most specific match.
-- A request holds its approved places while approved or filled, and those its placements used once
-- withdrawn or closed. It is counted under its occupation and its only preferred citizenship (none
-- when it names several or none). Where more places were already approved under an allocation than
-- its limit, the limit is raised to them (approved may never exceed it) and the note says so.
WITH held AS (
  SELECT a.id,
    COALESCE(SUM(CASE WHEN r.status IN ('WITHDRAWN', 'CLOSED') THEN LEAST(r.approved_count, r.placed_count) ELSE r.approved_count END), 0)::int AS places
  FROM quota_allocations a
  LEFT JOIN labour_requests r
    ON r.approved_count > 0
    AND r.period_start >= make_date(a.year, 1, 1) AND r.period_start < make_date(a.year + 1, 1, 1)
    AND (a.occupation_code IS NULL OR r.occupation_code = a.occupation_code)
    AND (a.citizenship IS NULL OR a.citizenship = (
      SELECT CASE WHEN count(DISTINCT upper(btrim(c))) = 1 THEN max(upper(btrim(c))) END FROM unnest(r.preferred_citizenships) AS c))
  GROUP BY a.id
)
UPDATE quota_allocations q
SET approved = held.places,
    "limit" = GREATEST(q."limit", held.places),
    note = CASE WHEN held.places > q."limit"
      THEN concat_ws(' ', q.note, format('(limit raised from %s to %s when every matching allocation became a ceiling: that many places were already approved under it)', q."limit", held.places))
      ELSE q.note END,
    version = q.version + 1,
    updated_at = now()
FROM held
WHERE held.id = q.id AND q.approved <> held.places
