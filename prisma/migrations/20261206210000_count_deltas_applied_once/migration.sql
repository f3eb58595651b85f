-- The count deltas of a transaction are applied once at its COMMIT, not once per delta row.
--
-- dashboard_count_deltas_apply is a deferred constraint trigger, and those fire for each row:
-- a transaction that queued N deltas ran the apply N times at COMMIT. The first firing applies
-- and deletes them all; each of the N - 1 others still looked for the transaction's rows by
-- txid, through the N dead entries the first left in the index. Quadratic: measured on an
-- empty database, 1,000 deltas committed in 41 ms, 10,000 in 3.7 s, 40,000 in 58.9 s; at a
-- million automations a revocation with 100,000 dependents took 44.3 s with the counts kept,
-- 30.9 s without (BENCHMARKS.md, issue #16). Now a firing whose own row is gone (applied by
-- an earlier firing of the same COMMIT) returns at once, by one primary-key lookup.

CREATE OR REPLACE FUNCTION preflight_apply_count_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dashboard_count_deltas WHERE id = NEW.id) THEN
    RETURN NULL;
  END IF;
  WITH mine AS (
    DELETE FROM dashboard_count_deltas WHERE txid = txid_current()
    RETURNING "departmentId", metric, n
  )
  INSERT INTO dashboard_counts ("departmentId", metric, n)
  SELECT "departmentId", metric, sum(n)::int FROM mine
   GROUP BY "departmentId", metric HAVING sum(n) <> 0
   ORDER BY "departmentId", metric
  ON CONFLICT ("departmentId", metric) DO UPDATE SET n = dashboard_counts.n + excluded.n;
  RETURN NULL;
END $$;
