-- The company's 90-day trend from one row per (day, type), and an index for the summary's counts
-- (docs/decisions/023-company-trend-rows-and-counts-index.md).
--
-- At a million automations the company dashboard's trend summed 1.35 M department snapshot rows
-- (3,000 departments x 5 types x 90 days) on every request: 189 ms of the details' 509 ms. The
-- company's totals per day and type are kept here by a trigger on outstanding_snapshots, from
-- the table as it is after each statement, so they are the departments' sums by construction,
-- whoever writes the snapshots (the job queue, the demo's back-fill, the benchmark's COPY, tests).

CREATE TABLE "outstanding_snapshot_totals" (
    "day" DATE NOT NULL,
    "type" "PrerequisiteType" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "outstanding_snapshot_totals_pkey" PRIMARY KEY ("day","type")
);

-- Recomputes the totals of every day a statement on outstanding_snapshots touched. Totals are
-- rewritten (deleted and inserted, no ON CONFLICT: the benchmark's loader drops keys while it
-- copies), under a transaction-level advisory lock so that two writers of the same day take turns
-- and the second sums what the first committed.
CREATE FUNCTION preflight_refresh_snapshot_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT day) INTO touched FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT day) INTO touched FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT day) INTO touched
      FROM (SELECT day FROM old_rows UNION SELECT day FROM new_rows) d;
  END IF;
  IF touched IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('outstanding_snapshot_totals'));
  DELETE FROM outstanding_snapshot_totals WHERE day = ANY (touched);
  INSERT INTO outstanding_snapshot_totals (day, type, count)
  SELECT s.day, s.type, sum(s.count)::int
    FROM outstanding_snapshots s
   WHERE s.day = ANY (touched)
   GROUP BY s.day, s.type;
  RETURN NULL;
END $$;

CREATE TRIGGER outstanding_snapshots_totals_insert
  AFTER INSERT ON outstanding_snapshots REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION preflight_refresh_snapshot_totals();
CREATE TRIGGER outstanding_snapshots_totals_update
  AFTER UPDATE ON outstanding_snapshots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION preflight_refresh_snapshot_totals();
CREATE TRIGGER outstanding_snapshots_totals_delete
  AFTER DELETE ON outstanding_snapshots REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION preflight_refresh_snapshot_totals();

-- The snapshots taken so far.
INSERT INTO outstanding_snapshot_totals (day, type, count)
SELECT day, type, sum(count)::int FROM outstanding_snapshots GROUP BY day, type;

-- The summary and the top blockers read dashboard_counts by metric over every department; the
-- primary key (departmentId, metric) made them read each department's blocker rows too. The
-- index does not hold `n`, so the triggers' updates of a count stay HOT (no index to maintain).
CREATE INDEX "dashboard_counts_metric_departmentId_idx" ON "dashboard_counts"("metric", "departmentId");
