-- CreateTable
CREATE TABLE "dashboard_counts" (
    "departmentId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "dashboard_counts_pkey" PRIMARY KEY ("departmentId","metric")
);

-- AddForeignKey
ALTER TABLE "dashboard_counts" ADD CONSTRAINT "dashboard_counts_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The counts each transaction changes, waiting for its commit (see below). Unlogged: a row
-- lives only inside the transaction that wrote it.
CREATE UNLOGGED TABLE "dashboard_count_deltas" (
    "id" BIGSERIAL NOT NULL,
    "txid" BIGINT NOT NULL DEFAULT txid_current(),
    "departmentId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "dashboard_count_deltas_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "dashboard_count_deltas_txid_idx" ON "dashboard_count_deltas"("txid");

-- ---------------------------------------------------------------------------------------
-- Dashboard counts kept by triggers (docs/decisions/021-dashboard-counts-kept-by-triggers.md).
--
-- Statement-level AFTER triggers on automations, prerequisites and inventory_findings turn
-- each statement's transition tables into count changes by (department, metric) and queue
-- them in dashboard_count_deltas. A deferred constraint trigger applies a transaction's
-- queue at its COMMIT, in one statement, in (department, metric) order: every writer takes
-- the counter rows last and in one global order, so writers cannot deadlock on them and
-- hold them only while committing. Direct SQL (COPY, fixtures, repairs) is counted too.
-- ---------------------------------------------------------------------------------------

-- The metrics one automation counts for in its department: none once it is retired.
CREATE FUNCTION preflight_automation_metrics(automation_id uuid, status text, owner_missing boolean)
RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT m
    FROM (VALUES ('automations'),
                 ('automations:' || status),
                 (CASE WHEN owner_missing THEN 'without_owner' END),
                 (CASE WHEN EXISTS (SELECT 1 FROM inventory_findings f
                                     WHERE f."automationId" = automation_id AND f."resolvedAt" IS NULL)
                       THEN 'with_findings' END)) AS v(m)
   WHERE status <> 'RETIRED' AND m IS NOT NULL
$$;

-- The metric one prerequisite counts for while its automation is not retired (null: none).
CREATE FUNCTION preflight_prerequisite_metric(type text, status text, basis text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status <> 'SATISFIED' THEN 'outstanding:' || type
              WHEN basis = 'DECLARED' THEN 'declared_only' END
$$;

-- Every count from the tables themselves: the migration's back-fill, db:verify and repairs.
CREATE FUNCTION preflight_dashboard_recount()
RETURNS TABLE ("departmentId" uuid, metric text, n integer) LANGUAGE sql STABLE AS $$
  SELECT d, m, count(*)::int
    FROM (SELECT a."departmentId" AS d, m
            FROM automations a,
                 preflight_automation_metrics(a.id, a.status::text, a."ownerMissing" IS NOT NULL) AS m
          UNION ALL
          SELECT p."departmentId", preflight_prerequisite_metric(p.type::text, p.status::text, p.basis::text)
            FROM prerequisites p
            JOIN automations a ON a.id = p."automationId" AND a.status <> 'RETIRED') AS x
   WHERE m IS NOT NULL
   GROUP BY d, m
$$;

-- At COMMIT: the transaction's queued changes, summed, in (department, metric) order.
CREATE FUNCTION preflight_apply_count_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE CONSTRAINT TRIGGER dashboard_count_deltas_apply
  AFTER INSERT ON dashboard_count_deltas DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION preflight_apply_count_deltas();

-- automations: a row's own metrics, and its prerequisites' when it is retired or brought back.
CREATE FUNCTION preflight_count_automations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT a."departmentId", m, count(*)
      FROM new_rows a, preflight_automation_metrics(a.id, a.status::text, a."ownerMissing" IS NOT NULL) AS m
     GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT d, m, sum(s)
      FROM (SELECT n."departmentId" AS d, m, 1 AS s
              FROM new_rows n JOIN old_rows o ON o.id = n.id,
                   preflight_automation_metrics(n.id, n.status::text, n."ownerMissing" IS NOT NULL) AS m
             WHERE (n.status, n."departmentId", n."ownerMissing") IS DISTINCT FROM (o.status, o."departmentId", o."ownerMissing")
            UNION ALL
            SELECT o."departmentId", m, -1
              FROM new_rows n JOIN old_rows o ON o.id = n.id,
                   preflight_automation_metrics(o.id, o.status::text, o."ownerMissing" IS NOT NULL) AS m
             WHERE (n.status, n."departmentId", n."ownerMissing") IS DISTINCT FROM (o.status, o."departmentId", o."ownerMissing")
            UNION ALL
            SELECT p."departmentId", preflight_prerequisite_metric(p.type::text, p.status::text, p.basis::text),
                   CASE WHEN n.status = 'RETIRED' THEN -1 ELSE 1 END
              FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN prerequisites p ON p."automationId" = n.id
             WHERE (n.status = 'RETIRED') <> (o.status = 'RETIRED')) AS x
     WHERE m IS NOT NULL
     GROUP BY d, m HAVING sum(s) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- A deleted automation takes its own and its prerequisites' counts with it, here, while its
-- prerequisites can still be read; the cascade that deletes them then finds no automation
-- and counts nothing (see preflight_count_prerequisites).
CREATE FUNCTION preflight_uncount_automation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
  SELECT OLD."departmentId", m, -1
    FROM preflight_automation_metrics(OLD.id, OLD.status::text, OLD."ownerMissing" IS NOT NULL) AS m;
  IF OLD.status <> 'RETIRED' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT p."departmentId", m, -count(*)
      FROM prerequisites p,
           preflight_prerequisite_metric(p.type::text, p.status::text, p.basis::text) AS m
     WHERE p."automationId" = OLD.id AND m IS NOT NULL
     GROUP BY 1, 2;
  END IF;
  RETURN OLD;
END $$;

-- prerequisites: what each row counts for while its automation (as it stands now) is not retired.
-- The automations are locked FOR SHARE first, in id order (the lock order of decision 009), and
-- counted in the next statement, with a fresh snapshot: a concurrent retire or move of the same
-- automation is then either seen here or sees these rows.
CREATE FUNCTION preflight_count_prerequisites() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM automations WHERE id IN (SELECT "automationId" FROM old_rows) ORDER BY id FOR SHARE;
  ELSE
    PERFORM 1 FROM automations WHERE id IN (SELECT "automationId" FROM new_rows) ORDER BY id FOR SHARE;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT p."departmentId", m, count(*)
      FROM new_rows p JOIN automations a ON a.id = p."automationId" AND a.status <> 'RETIRED',
           preflight_prerequisite_metric(p.type::text, p.status::text, p.basis::text) AS m
     WHERE m IS NOT NULL
     GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT d, m, sum(s)
      FROM (SELECT n."departmentId" AS d,
                   preflight_prerequisite_metric(n.type::text, n.status::text, n.basis::text) AS m, 1 AS s
              FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN automations a ON a.id = n."automationId" AND a.status <> 'RETIRED'
             WHERE (n."departmentId", n."automationId", n.type, n.status, n.basis)
                   IS DISTINCT FROM (o."departmentId", o."automationId", o.type, o.status, o.basis)
            UNION ALL
            SELECT o."departmentId",
                   preflight_prerequisite_metric(o.type::text, o.status::text, o.basis::text), -1
              FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN automations a ON a.id = o."automationId" AND a.status <> 'RETIRED'
             WHERE (n."departmentId", n."automationId", n.type, n.status, n.basis)
                   IS DISTINCT FROM (o."departmentId", o."automationId", o.type, o.status, o.basis)) AS x
     WHERE m IS NOT NULL
     GROUP BY d, m HAVING sum(s) <> 0;
  ELSE
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT p."departmentId", m, -count(*)
      FROM old_rows p JOIN automations a ON a.id = p."automationId" AND a.status <> 'RETIRED',
           preflight_prerequisite_metric(p.type::text, p.status::text, p.basis::text) AS m
     WHERE m IS NOT NULL
     GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;

-- inventory_findings: whether each automation touched has an unresolved finding, before and after.
-- Two writers of one automation's findings are put in line by its row (FOR NO KEY UPDATE, in id
-- order), and each counts in the next statement, seeing what the one before it committed.
CREATE FUNCTION preflight_count_findings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM automations WHERE id IN (SELECT "automationId" FROM old_rows) ORDER BY id FOR NO KEY UPDATE;
  ELSE
    PERFORM 1 FROM automations WHERE id IN (SELECT "automationId" FROM new_rows) ORDER BY id FOR NO KEY UPDATE;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT a."departmentId", 'with_findings', sum(h.now_has - h.had)
      FROM (SELECT DISTINCT "automationId" AS id FROM new_rows) t
      JOIN automations a ON a.id = t.id AND a.status <> 'RETIRED',
           LATERAL (SELECT (EXISTS (SELECT 1 FROM inventory_findings f
                                     WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL))::int AS now_has,
                           (EXISTS (SELECT 1 FROM inventory_findings f
                                     WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL
                                       AND NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.id = f.id)))::int AS had) h
     GROUP BY 1 HAVING sum(h.now_has - h.had) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT a."departmentId", 'with_findings', sum(h.now_has - h.had)
      FROM (SELECT "automationId" AS id FROM new_rows UNION SELECT "automationId" FROM old_rows) t
      JOIN automations a ON a.id = t.id AND a.status <> 'RETIRED',
           LATERAL (SELECT (EXISTS (SELECT 1 FROM inventory_findings f
                                     WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL))::int AS now_has,
                           (EXISTS (SELECT 1 FROM inventory_findings f
                                     WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL
                                       AND NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.id = f.id))
                            OR EXISTS (SELECT 1 FROM old_rows o
                                        WHERE o."automationId" = a.id AND o."resolvedAt" IS NULL))::int AS had) h
     GROUP BY 1 HAVING sum(h.now_has - h.had) <> 0;
  ELSE
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT a."departmentId", 'with_findings', sum(h.now_has - h.had)
      FROM (SELECT DISTINCT "automationId" AS id FROM old_rows) t
      JOIN automations a ON a.id = t.id AND a.status <> 'RETIRED',
           LATERAL (SELECT (EXISTS (SELECT 1 FROM inventory_findings f
                                     WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL))::int AS now_has,
                           (EXISTS (SELECT 1 FROM inventory_findings f
                                     WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL)
                            OR EXISTS (SELECT 1 FROM old_rows o
                                        WHERE o."automationId" = a.id AND o."resolvedAt" IS NULL))::int AS had) h
     GROUP BY 1 HAVING sum(h.now_has - h.had) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- TRUNCATE (tests, the benchmark's loader): count everything again.
CREATE FUNCTION preflight_recount_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dashboard_count_deltas WHERE txid = txid_current();
  DELETE FROM dashboard_counts;
  INSERT INTO dashboard_counts ("departmentId", metric, n) SELECT * FROM preflight_dashboard_recount();
  RETURN NULL;
END $$;

CREATE TRIGGER automations_count_insert AFTER INSERT ON automations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_automations();
CREATE TRIGGER automations_count_update AFTER UPDATE ON automations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_automations();
CREATE TRIGGER automations_count_delete BEFORE DELETE ON automations
  FOR EACH ROW EXECUTE FUNCTION preflight_uncount_automation();
CREATE TRIGGER automations_count_truncate AFTER TRUNCATE ON automations
  FOR EACH STATEMENT EXECUTE FUNCTION preflight_recount_dashboard();

CREATE TRIGGER prerequisites_count_insert AFTER INSERT ON prerequisites
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_prerequisites();
CREATE TRIGGER prerequisites_count_update AFTER UPDATE ON prerequisites
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_prerequisites();
CREATE TRIGGER prerequisites_count_delete AFTER DELETE ON prerequisites
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_prerequisites();
CREATE TRIGGER prerequisites_count_truncate AFTER TRUNCATE ON prerequisites
  FOR EACH STATEMENT EXECUTE FUNCTION preflight_recount_dashboard();

CREATE TRIGGER inventory_findings_count_insert AFTER INSERT ON inventory_findings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_findings();
CREATE TRIGGER inventory_findings_count_update AFTER UPDATE ON inventory_findings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_findings();
CREATE TRIGGER inventory_findings_count_delete AFTER DELETE ON inventory_findings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION preflight_count_findings();
CREATE TRIGGER inventory_findings_count_truncate AFTER TRUNCATE ON inventory_findings
  FOR EACH STATEMENT EXECUTE FUNCTION preflight_recount_dashboard();

-- Back-fill from what is there now.
INSERT INTO dashboard_counts ("departmentId", metric, n) SELECT * FROM preflight_dashboard_recount();
