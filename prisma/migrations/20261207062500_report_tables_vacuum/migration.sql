-- Deadline compliance and the quota summary read deadlines and placements by index-only scans, which
-- skip the table only for pages the visibility map marks all-visible, and an update clears the mark until
-- the next vacuum. By default autovacuum waits for a fifth of a table to change (400,000 of 2,000,000
-- deadlines: the daily scan marking past deadlines MISSED, reminders and completions stay under it for
-- weeks), and the summaries then visit the table for every row (deadline compliance at full scale:
-- 0.73 s with 288,426 heap fetches instead of 0.04 s). Vacuum after 2 % changed, or inserted.
ALTER TABLE "deadlines" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
ALTER TABLE "placements" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
