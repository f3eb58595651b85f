-- The company dashboard's summary reads every count once for the whole company, not summed
-- over every department on each request (docs/decisions/021-dashboard-counts-kept-by-triggers.md,
-- "Company-wide counts"). At 1,000,000 automations in 3,000 departments the summary summed
-- 30,000 count rows and grouped 15,000 more for its chart on every request.
--
-- 1. dashboard_company_counts (slot, metric, n): every metric of dashboard_counts summed over
--    the departments, in 16 slots. The apply at COMMIT adds a transaction's deltas to the slot
--    of its txid (txid % 16), after its department rows and in metric order, so concurrent
--    writers spread over 16 rows per metric instead of queueing on one, and none can deadlock
--    (department rows, then company rows, each in one order). A reader sums the slots.
-- 2. The metric "outstanding": a department's outstanding prerequisites of every type, so the
--    summary's chart by department reads one row per department.
-- 3. preflight_rewrite_dashboard_counts(): dashboard_counts and the company counts rewritten
--    from the tables, for TRUNCATE, db:verify --repair and the benchmark's loader.

-- No count is applied while the functions change and the new counts are back-filled. A
-- transaction that queued its deltas before and commits after adds no "outstanding" of its own:
-- run `npm run db:verify` after deploying (docs/operations/dashboard-counts.md).
LOCK TABLE dashboard_counts IN EXCLUSIVE MODE;

-- CreateTable
CREATE TABLE "dashboard_company_counts" (
    "slot" SMALLINT NOT NULL,
    "metric" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "dashboard_company_counts_pkey" PRIMARY KEY ("metric","slot")
);

-- The metrics one prerequisite counts for while its automation is not retired: outstanding by
-- type, in all and by blocker, or satisfied on a declaration only.
CREATE OR REPLACE FUNCTION preflight_prerequisite_metrics(type text, status text, basis text, blocker text)
RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT m
    FROM (VALUES (CASE WHEN status <> 'SATISFIED' THEN 'outstanding:' || type
                       WHEN basis = 'DECLARED' THEN 'declared_only' END),
                 (CASE WHEN status <> 'SATISFIED' THEN 'outstanding' END),
                 (CASE WHEN status <> 'SATISFIED' THEN 'blocker:' || blocker END)) AS v(m)
   WHERE m IS NOT NULL
$$;

-- A transaction's deltas at its COMMIT: the department rows in (department, metric) order, then
-- its slot of the company rows in metric order, then the queue emptied.
CREATE OR REPLACE FUNCTION preflight_apply_count_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dashboard_count_commits WHERE txid = NEW.txid;
  INSERT INTO dashboard_counts ("departmentId", metric, n)
  SELECT "departmentId", metric, sum(n)::int FROM dashboard_count_deltas WHERE txid = NEW.txid
   GROUP BY "departmentId", metric HAVING sum(n) <> 0
   ORDER BY "departmentId", metric
  ON CONFLICT ("departmentId", metric) DO UPDATE SET n = dashboard_counts.n + excluded.n;
  INSERT INTO dashboard_company_counts (slot, metric, n)
  SELECT (NEW.txid % 16)::smallint, metric, sum(n)::int FROM dashboard_count_deltas WHERE txid = NEW.txid
   GROUP BY metric HAVING sum(n) <> 0
   ORDER BY metric
  ON CONFLICT (metric, slot) DO UPDATE SET n = dashboard_company_counts.n + excluded.n;
  DELETE FROM dashboard_count_deltas WHERE txid = NEW.txid;
  RETURN NULL;
END $$;

-- Every count from the tables again, the company's included; what this transaction queued is
-- dropped, since the recount already holds it.
CREATE FUNCTION preflight_rewrite_dashboard_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dashboard_count_deltas WHERE txid = txid_current();
  DELETE FROM dashboard_counts;
  INSERT INTO dashboard_counts ("departmentId", metric, n) SELECT * FROM preflight_dashboard_recount();
  DELETE FROM dashboard_company_counts;
  INSERT INTO dashboard_company_counts (slot, metric, n)
  SELECT 0, metric, sum(n)::int FROM dashboard_counts GROUP BY metric;
END $$;

-- TRUNCATE of a counted table (tests, the benchmark's loader).
CREATE OR REPLACE FUNCTION preflight_recount_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM preflight_rewrite_dashboard_counts();
  RETURN NULL;
END $$;

-- Back-fill from the counts there are: "outstanding" is the sum of "outstanding:<type>", and the
-- company's counts the sum over departments (no recount of the tables: that takes minutes at a
-- million automations); the lock taken first holds off every commit that changes counts until
-- this one.
INSERT INTO dashboard_counts ("departmentId", metric, n)
SELECT "departmentId", 'outstanding', sum(n)::int FROM dashboard_counts
 WHERE metric LIKE 'outstanding:%' GROUP BY "departmentId" HAVING sum(n) <> 0;

INSERT INTO dashboard_company_counts (slot, metric, n)
SELECT 0, metric, sum(n)::int FROM dashboard_counts GROUP BY metric;
