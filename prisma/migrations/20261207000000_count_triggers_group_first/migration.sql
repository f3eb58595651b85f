-- The count triggers of prerequisites and automations group their transition rows before
-- working out metrics; a statement that updates or deletes prerequisites no longer locks their
-- automations, and no longer joins every row to its automation.
--
-- Measured on a revocation of 10,000 dependents at 100,000 automations (BENCHMARKS.md, issue
-- #16), the count triggers took 353 ms, 264 of them in the prerequisites' trigger: it locked
-- the automations (FOR SHARE, a semi-join whose row marks copied every whole transition row
-- into an on-disk sort), joined the new rows and the old rows, each, to every automation not
-- retired (a hash of all of them), and called the metrics function for each of 20,000 rows.
--
-- A prerequisite counts while its automation is not retired. The lock made a concurrent
-- retirement (or its undoing, or deleting the automation) wait for the statement, or the
-- statement for it, so that each saw the other. Now the side that changes the automation locks
-- its prerequisites instead (the automations' count trigger FOR SHARE for those retired or
-- brought back, the delete trigger FOR UPDATE), which is the product's lock order (an automation,
-- then its prerequisites: decision 009) and costs nothing on the far more frequent updates of
-- prerequisites. An INSERT of prerequisites still locks their automations (a new row is not
-- there for the other side to lock), and so does an UPDATE that moves a row to another automation.
-- An updated row is checked against the retired automations only (a hashed list of a few per
-- cent); a deleted row against its automation, which may be gone (the cascade from deleting it,
-- which counted its prerequisites out).
--
-- Rows are grouped by what the metrics depend on (department, type, status, basis, blocker; or
-- department, status, owner missing, open findings) and the metrics worked out once per group:
-- hundreds of groups for a bulk write instead of one call per row. What is counted is unchanged.

CREATE OR REPLACE FUNCTION preflight_count_prerequisites() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  -- Of the automations locked, how many are retired (null when none were locked).
  retired integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT "automationId" FROM new_rows ORDER BY 1);
  ELSIF TG_OP = 'UPDATE' THEN
    -- (A separate IF: a DELETE's trigger has no new_rows to name, even in a condition it skips.)
    IF EXISTS (SELECT "automationId" FROM new_rows EXCEPT SELECT "automationId" FROM old_rows) THEN
      ids := ARRAY(SELECT "automationId" FROM new_rows UNION SELECT "automationId" FROM old_rows ORDER BY 1);
    END IF;
  END IF;
  IF ids IS NOT NULL THEN
    -- In id order; a retirement of one of them waits for this transaction, or this statement
    -- for it, so the statuses read next are the ones the counts are kept for.
    SELECT count(*) FILTER (WHERE l.status = 'RETIRED') INTO retired
      FROM (SELECT id, status FROM automations WHERE id = ANY (ids) ORDER BY id FOR SHARE) AS l;
  END IF;

  -- An inserted or updated row's automation exists (the foreign key): only a retired one is
  -- left out.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT g.d, m, sum(g.s)
      FROM (SELECT p."departmentId" AS d, p.type, p.status, p.basis, p.blocker, count(*) AS s
              FROM new_rows p
             WHERE retired = 0
                OR NOT EXISTS (SELECT 1 FROM automations a WHERE a.id = p."automationId" AND a.status = 'RETIRED')
             GROUP BY 1, 2, 3, 4, 5) AS g,
           preflight_prerequisite_metrics(g.type::text, g.status::text, g.basis::text, g.blocker) AS m
     GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Out as it was, in as it is; unchanged rows cancel out (no join of the transition tables:
    -- see preflight_count_automations).
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT g.d, m, sum(g.s)
      FROM (SELECT x.d, x.type, x.status, x.basis, x.blocker, sum(x.s) AS s
              FROM (SELECT n."departmentId" AS d, n."automationId" AS a, n.type, n.status, n.basis, n.blocker, 1 AS s
                      FROM new_rows n
                    UNION ALL
                    SELECT o."departmentId", o."automationId", o.type, o.status, o.basis, o.blocker, -1
                      FROM old_rows o) AS x
             WHERE retired = 0
                OR NOT EXISTS (SELECT 1 FROM automations a WHERE a.id = x.a AND a.status = 'RETIRED')
             GROUP BY 1, 2, 3, 4, 5) AS g,
           preflight_prerequisite_metrics(g.type::text, g.status::text, g.basis::text, g.blocker) AS m
     WHERE g.s <> 0
     GROUP BY 1, 2 HAVING sum(g.s) <> 0;
  ELSE
    -- A deleted row counts out unless its automation is retired or gone.
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT g.d, m, -sum(g.s)
      FROM (SELECT p."departmentId" AS d, p.type, p.status, p.basis, p.blocker, count(*) AS s
              FROM old_rows p
             WHERE EXISTS (SELECT 1 FROM automations a WHERE a.id = p."automationId" AND a.status <> 'RETIRED')
             GROUP BY 1, 2, 3, 4, 5) AS g,
           preflight_prerequisite_metrics(g.type::text, g.status::text, g.basis::text, g.blocker) AS m
     GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION preflight_count_automations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- The automations retired or brought back by this statement.
  toggled uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT g.d, m, sum(g.s)
      FROM (SELECT a."departmentId" AS d, a.status, a."ownerMissing" IS NOT NULL AS owner_missing,
                   a."hasOpenFindings" AS open_findings, count(*) AS s
              FROM new_rows a GROUP BY 1, 2, 3, 4) AS g,
           preflight_automation_metrics(g.status::text, g.owner_missing, g.open_findings) AS m
     GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    toggled := ARRAY(
      SELECT id
        FROM (SELECT id, true AS after, status = 'RETIRED' AS retired FROM new_rows
              UNION ALL
              SELECT id, false, status = 'RETIRED' FROM old_rows) AS t
       GROUP BY id
      HAVING bool_or(after AND retired) <> bool_or(NOT after AND retired)
       ORDER BY id);
    IF cardinality(toggled) > 0 THEN
      -- Their prerequisites, locked (in id order, after the automations: decision 009): a
      -- concurrent change to one of them is counted by its own statement before this reads it,
      -- or waits and then sees the automation's new status.
      PERFORM 1 FROM prerequisites WHERE "automationId" = ANY (toggled) ORDER BY id FOR SHARE;
    END IF;
    -- Every row counted out as it was and in as it is (what did not change cancels out), and
    -- the prerequisites of the automations retired or brought back. No join of the two
    -- transition tables: the plan is cached from the first, often one-row, statement and a
    -- nested loop over them is quadratic for the next statement of 10,000 rows.
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT d, m, sum(s)
      FROM (SELECT g.d, m, g.s
              FROM (SELECT x.d, x.status, x.owner_missing, x.open_findings, sum(x.s) AS s
                      FROM (SELECT n."departmentId" AS d, n.status, n."ownerMissing" IS NOT NULL AS owner_missing,
                                   n."hasOpenFindings" AS open_findings, 1 AS s
                              FROM new_rows n
                            UNION ALL
                            SELECT o."departmentId", o.status, o."ownerMissing" IS NOT NULL, o."hasOpenFindings", -1
                              FROM old_rows o) AS x
                     GROUP BY 1, 2, 3, 4) AS g,
                   preflight_automation_metrics(g.status::text, g.owner_missing, g.open_findings) AS m
             WHERE g.s <> 0
            UNION ALL
            SELECT p."departmentId", m, CASE WHEN n.status = 'RETIRED' THEN -1 ELSE 1 END
              FROM unnest(toggled) AS t(id)
              JOIN new_rows n ON n.id = t.id
              JOIN prerequisites p ON p."automationId" = t.id,
                   preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m) AS y
     GROUP BY d, m HAVING sum(s) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- Deleting an automation counts its prerequisites out: locked first, so that a concurrent
-- change to one of them is either counted before this reads it or finds it gone.
CREATE OR REPLACE FUNCTION preflight_uncount_automation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
  SELECT OLD."departmentId", m, -1
    FROM preflight_automation_metrics(OLD.status::text, OLD."ownerMissing" IS NOT NULL, OLD."hasOpenFindings") AS m;
  IF OLD.status <> 'RETIRED' THEN
    PERFORM 1 FROM prerequisites WHERE "automationId" = OLD.id ORDER BY id FOR UPDATE;
    INSERT INTO dashboard_count_deltas ("departmentId", metric, n)
    SELECT p."departmentId", m, -count(*)
      FROM prerequisites p,
           preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m
     WHERE p."automationId" = OLD.id
     GROUP BY 1, 2;
  END IF;
  RETURN OLD;
END $$;
