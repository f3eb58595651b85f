-- What each outstanding prerequisite waits on, counted like the rest of the dashboard
-- (docs/decisions/021-dashboard-counts-kept-by-triggers.md, "Top blockers"): the details'
-- top blockers read dashboard_counts' "blocker:<kind>:<name>" metrics, not the prerequisites.

-- AlterTable
ALTER TABLE "prerequisites" ADD COLUMN "blocker" TEXT;

-- The blocker a prerequisite names: the shared-key service it needs (SERVICE:<service>), or
-- the system a credential or Windows sign-in is for (SYSTEM:<name, trimmed and lower-cased>,
-- the part of its key after the type); null for the rest (a gateway, an Entra connection, a
-- desktop flow's own Windows sign-in, which is no system's).
CREATE FUNCTION preflight_prerequisite_blocker(type text, key text, system_access_id uuid)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
           WHEN type = 'SHARED_KEY_CONNECTOR' THEN
             (SELECT 'SERVICE:' || s.service FROM system_accesses s
               WHERE s.id = system_access_id AND s.service IS NOT NULL)
           WHEN type IN ('CREDENTIAL', 'WINDOWS_SIGN_IN') AND system_access_id IS NOT NULL THEN
             'SYSTEM:' || substr(key, strpos(key, ':') + 1)
         END
$$;

-- Kept by the database, whoever writes the row: set when a row is inserted or changes what it
-- is for; a system's service changed in place is carried to its rows by the trigger below.
CREATE FUNCTION preflight_set_prerequisite_blocker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT'
     OR (NEW.type, NEW.key, NEW."systemAccessId") IS DISTINCT FROM (OLD.type, OLD.key, OLD."systemAccessId") THEN
    NEW.blocker := preflight_prerequisite_blocker(NEW.type::text, NEW.key, NEW."systemAccessId");
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER prerequisites_blocker BEFORE INSERT OR UPDATE ON prerequisites
  FOR EACH ROW EXECUTE FUNCTION preflight_set_prerequisite_blocker();

CREATE FUNCTION preflight_carry_service_to_blockers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE prerequisites p
     SET blocker = preflight_prerequisite_blocker(p.type::text, p.key, p."systemAccessId")
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE p."systemAccessId" = n.id AND p.type = 'SHARED_KEY_CONNECTOR'
     AND n.service IS DISTINCT FROM o.service;
  RETURN NULL;
END $$;

CREATE TRIGGER system_accesses_blocker_update AFTER UPDATE ON system_accesses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION preflight_carry_service_to_blockers();

-- The metrics one prerequisite counts for while its automation is not retired: outstanding by
-- type and by blocker, or satisfied on a declaration only.
CREATE FUNCTION preflight_prerequisite_metrics(type text, status text, basis text, blocker text)
RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT m
    FROM (VALUES (CASE WHEN status <> 'SATISFIED' THEN 'outstanding:' || type
                       WHEN basis = 'DECLARED' THEN 'declared_only' END),
                 (CASE WHEN status <> 'SATISFIED' THEN 'blocker:' || blocker END)) AS v(m)
   WHERE m IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION preflight_dashboard_recount()
RETURNS TABLE ("departmentId" uuid, metric text, n integer) LANGUAGE sql STABLE AS $$
  SELECT d, m, count(*)::int
    FROM (SELECT a."departmentId" AS d, m
            FROM automations a,
                 preflight_automation_metrics(a.id, a.status::text, a."ownerMissing" IS NOT NULL) AS m
          UNION ALL
          SELECT p."departmentId", m
            FROM prerequisites p
            JOIN automations a ON a.id = p."automationId" AND a.status <> 'RETIRED',
                 preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m) AS x
   GROUP BY d, m
$$;

CREATE OR REPLACE FUNCTION preflight_count_automations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT a."departmentId", m, count(*)
      FROM new_rows a, preflight_automation_metrics(a.id, a.status::text, a."ownerMissing" IS NOT NULL) AS m
     GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Every row counted out as it was and in as it is (what did not change cancels out), and
    -- the prerequisites of the automations retired or brought back. No join of the two
    -- transition tables: the plan is cached from the first, often one-row, statement and a
    -- nested loop over them is quadratic for the next statement of 10,000 rows.
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT d, m, sum(s)
      FROM (SELECT n."departmentId" AS d, m, 1 AS s
              FROM new_rows n,
                   preflight_automation_metrics(n.id, n.status::text, n."ownerMissing" IS NOT NULL) AS m
            UNION ALL
            SELECT o."departmentId", m, -1
              FROM old_rows o,
                   preflight_automation_metrics(o.id, o.status::text, o."ownerMissing" IS NOT NULL) AS m
            UNION ALL
            SELECT p."departmentId", m, CASE WHEN f.now_retired THEN -1 ELSE 1 END
              FROM (SELECT id, bool_or(after AND retired) AS now_retired, bool_or(NOT after AND retired) AS was_retired
                      FROM (SELECT id, true AS after, status = 'RETIRED' AS retired FROM new_rows
                            UNION ALL
                            SELECT id, false, status = 'RETIRED' FROM old_rows) AS t
                     GROUP BY id) AS f
              JOIN prerequisites p ON p."automationId" = f.id,
                   preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m
             WHERE f.now_retired <> f.was_retired) AS x
     GROUP BY d, m HAVING sum(s) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION preflight_uncount_automation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
  SELECT OLD."departmentId", m, -1
    FROM preflight_automation_metrics(OLD.id, OLD.status::text, OLD."ownerMissing" IS NOT NULL) AS m;
  IF OLD.status <> 'RETIRED' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT p."departmentId", m, -count(*)
      FROM prerequisites p,
           preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m
     WHERE p."automationId" = OLD.id
     GROUP BY 1, 2;
  END IF;
  RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION preflight_count_prerequisites() RETURNS trigger LANGUAGE plpgsql AS $$
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
           preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m
     GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Out as it was, in as it is; unchanged rows cancel out (no join of the transition tables:
    -- see preflight_count_automations).
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT d, m, sum(s)
      FROM (SELECT n."departmentId" AS d, m, 1 AS s
              FROM new_rows n JOIN automations a ON a.id = n."automationId" AND a.status <> 'RETIRED',
                   preflight_prerequisite_metrics(n.type::text, n.status::text, n.basis::text, n.blocker) AS m
            UNION ALL
            SELECT o."departmentId", m, -1
              FROM old_rows o JOIN automations a ON a.id = o."automationId" AND a.status <> 'RETIRED',
                   preflight_prerequisite_metrics(o.type::text, o.status::text, o.basis::text, o.blocker) AS m) AS x
     GROUP BY d, m HAVING sum(s) <> 0;
  ELSE
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT p."departmentId", m, -count(*)
      FROM old_rows p JOIN automations a ON a.id = p."automationId" AND a.status <> 'RETIRED',
           preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m
     GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;

DROP FUNCTION preflight_prerequisite_metric(text, text, text);

-- CreateIndex: a top blocker's systems, for how their name is spelt.
CREATE INDEX "prerequisites_blocker_systemAccessId_idx" ON "prerequisites"("blocker", "systemAccessId");

-- Back-fill: every row's blocker (not counted statement by statement), then every count again.
ALTER TABLE prerequisites DISABLE TRIGGER prerequisites_count_update;
UPDATE prerequisites SET blocker = preflight_prerequisite_blocker(type::text, key, "systemAccessId");
ALTER TABLE prerequisites ENABLE TRIGGER prerequisites_count_update;
DELETE FROM dashboard_count_deltas WHERE txid = txid_current();
DELETE FROM dashboard_counts;
INSERT INTO dashboard_counts ("departmentId", metric, n) SELECT * FROM preflight_dashboard_recount();
