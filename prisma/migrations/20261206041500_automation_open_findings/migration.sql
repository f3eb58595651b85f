-- "With findings" is counted from a flag on the automation, kept by the findings' triggers.
--
-- Before, each statement on inventory_findings worked out whether an automation had an
-- unresolved finding before it, from its transition table. Two faults:
--   * an INSERT … ON CONFLICT DO UPDATE that both inserts and reopens findings of one
--     automation (an inventory re-import does) fires an INSERT and an UPDATE trigger, each
--     seeing the other's rows already written: the automation was counted by neither (the
--     counts property test found it, with several findings in one statement);
--   * the "before" side correlated a subquery with the transition table, with a plan cached at
--     the connection's first (one-row) write: 20,000 findings inserted after one took 16.1 s
--     instead of 0.4 s.
-- Now the findings' triggers set automations."hasOpenFindings" from the table as it is after
-- the statement (idempotent: the second of two triggers finds nothing to change), and the
-- automations' own count trigger counts the flag's change like a status change: old row out,
-- new row in. The recount (db:verify) still reads the findings themselves, so a flag out of
-- line with them shows as a difference there.

ALTER TABLE "automations" ADD COLUMN "hasOpenFindings" BOOLEAN NOT NULL DEFAULT false;

-- Back-fill while the counts still come from the findings (the flag's change cancels out).
UPDATE automations a SET "hasOpenFindings" = true
 WHERE EXISTS (SELECT 1 FROM inventory_findings f WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL);

-- The metrics one automation counts for in its department: none once it is retired.
CREATE FUNCTION preflight_automation_metrics(status text, owner_missing boolean, open_findings boolean)
RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT m
    FROM (VALUES ('automations'),
                 ('automations:' || status),
                 (CASE WHEN owner_missing THEN 'without_owner' END),
                 (CASE WHEN open_findings THEN 'with_findings' END)) AS v(m)
   WHERE status <> 'RETIRED' AND m IS NOT NULL
$$;

-- Every count from the tables themselves: findings read from inventory_findings, not the flag.
CREATE OR REPLACE FUNCTION preflight_dashboard_recount()
RETURNS TABLE ("departmentId" uuid, metric text, n integer) LANGUAGE sql STABLE AS $$
  SELECT d, m, count(*)::int
    FROM (SELECT a."departmentId" AS d, m
            FROM automations a,
                 preflight_automation_metrics(
                   a.status::text, a."ownerMissing" IS NOT NULL,
                   EXISTS (SELECT 1 FROM inventory_findings f
                            WHERE f."automationId" = a.id AND f."resolvedAt" IS NULL)) AS m
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
      FROM new_rows a,
           preflight_automation_metrics(a.status::text, a."ownerMissing" IS NOT NULL, a."hasOpenFindings") AS m
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
                   preflight_automation_metrics(n.status::text, n."ownerMissing" IS NOT NULL, n."hasOpenFindings") AS m
            UNION ALL
            SELECT o."departmentId", m, -1
              FROM old_rows o,
                   preflight_automation_metrics(o.status::text, o."ownerMissing" IS NOT NULL, o."hasOpenFindings") AS m
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
    FROM preflight_automation_metrics(OLD.status::text, OLD."ownerMissing" IS NOT NULL, OLD."hasOpenFindings") AS m;
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

-- inventory_findings: the flag of every automation the statement touched, from the table as it
-- now is. The automations are locked in id order first (FOR NO KEY UPDATE), so two writers of
-- one automation's findings take turns; the findings are found by automation only ("resolved"
-- is read, not filtered on: with statistics from before a large import, a filter on it made the
-- planner AND in a bitmap of every unresolved finding for each automation).
CREATE OR REPLACE FUNCTION preflight_count_findings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT "automationId" FROM old_rows ORDER BY 1);
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(SELECT "automationId" FROM new_rows UNION SELECT "automationId" FROM old_rows ORDER BY 1);
  ELSE
    ids := ARRAY(SELECT DISTINCT "automationId" FROM new_rows ORDER BY 1);
  END IF;
  PERFORM 1 FROM automations WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE automations a SET "hasOpenFindings" = x.open
    FROM (SELECT t.id, coalesce(bool_or(f.id IS NOT NULL AND f."resolvedAt" IS NULL), false) AS open
            FROM unnest(ids) AS t(id)
            LEFT JOIN inventory_findings f ON f."automationId" = t.id
           GROUP BY t.id) x
   WHERE a.id = x.id AND a."hasOpenFindings" IS DISTINCT FROM x.open;
  RETURN NULL;
END $$;

DROP FUNCTION preflight_automation_metrics(uuid, text, boolean);
