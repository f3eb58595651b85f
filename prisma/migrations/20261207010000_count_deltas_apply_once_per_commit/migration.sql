-- A transaction's count deltas are applied by one trigger firing at its COMMIT, not one per
-- queued delta row.
--
-- The deferred constraint trigger that applies them was on dashboard_count_deltas, and a
-- constraint trigger fires once per row: a revocation of 100,000 dependents at 1,000,000
-- automations queued thousands of delta rows and spent 418 ms at COMMIT in firings that each
-- found their row already applied (migration 20261206210000_count_deltas_applied_once made them
-- return early; 38 ms of 1,499 firings at 100,000). Now the first statement of a transaction
-- that queues deltas also writes one row for the transaction in dashboard_count_commits (a
-- statement trigger; ON CONFLICT DO NOTHING after that), and the constraint trigger is on that
-- table: it fires once, applies the transaction's deltas in (department, metric) order as
-- before, and deletes the row.

-- CreateTable: one row per transaction with deltas waiting; unlogged, like the deltas.
CREATE UNLOGGED TABLE "dashboard_count_commits" (
    "txid" BIGINT NOT NULL DEFAULT txid_current(),

    CONSTRAINT "dashboard_count_commits_pkey" PRIMARY KEY ("txid")
);

CREATE FUNCTION preflight_queue_count_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM queued) THEN
    INSERT INTO dashboard_count_commits (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER dashboard_count_deltas_queue AFTER INSERT ON dashboard_count_deltas
  REFERENCING NEW TABLE AS queued FOR EACH STATEMENT EXECUTE FUNCTION preflight_queue_count_commit();

CREATE OR REPLACE FUNCTION preflight_apply_count_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dashboard_count_commits WHERE txid = NEW.txid;
  WITH mine AS (
    DELETE FROM dashboard_count_deltas WHERE txid = NEW.txid
    RETURNING "departmentId", metric, n
  )
  INSERT INTO dashboard_counts ("departmentId", metric, n)
  SELECT "departmentId", metric, sum(n)::int FROM mine
   GROUP BY "departmentId", metric HAVING sum(n) <> 0
   ORDER BY "departmentId", metric
  ON CONFLICT ("departmentId", metric) DO UPDATE SET n = dashboard_counts.n + excluded.n;
  RETURN NULL;
END $$;

DROP TRIGGER dashboard_count_deltas_apply ON dashboard_count_deltas;

CREATE CONSTRAINT TRIGGER dashboard_count_commits_apply
  AFTER INSERT ON dashboard_count_commits DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION preflight_apply_count_deltas();
