-- The count triggers of prerequisites and automations group their transition rows first and
-- work out the metrics once per group, and the prerequisites' trigger no longer joins every row
-- to its automation.
--
-- Measured on a revocation of 10,000 dependents at 100,000 automations (BENCHMARKS.md, issue
-- #16), the counts added 425 ms, 369 of them in the prerequisites' trigger: it locked their
-- automations (FOR SHARE, a semi-join whose row marks copied every whole transition row into an
-- on-disk sort), joined the new rows and the old rows, each, to every automation not retired (a
-- hash of all of them), and called the metrics function for each of 20,000 rows.
--
-- Now:
--   * the lock reads the automations by id, in id order, and counts how many of them are
--     retired and how many it found;
--   * a row counts unless its automation is retired: the rows are checked against the retired
--     automations only (a few per cent), and not at all when none of theirs is; a deleted row
--     whose automation is gone (the cascade from deleting it, which counted its prerequisites
--     out) is still looked up as before;
--   * rows are grouped by what their metrics depend on (department, type, status, basis,
--     blocker; for automations, department, status, owner missing, open findings) before the
--     metrics are worked out: hundreds of groups instead of tens of thousands of rows.
-- What is locked, in which order, and what is counted are unchanged.

CREATE OR REPLACE FUNCTION preflight_count_prerequisites() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  found_automations integer;
  retired integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT "automationId" FROM old_rows ORDER BY 1);
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(SELECT "automationId" FROM new_rows UNION SELECT "automationId" FROM old_rows ORDER BY 1);
  ELSE
    ids := ARRAY(SELECT DISTINCT "automationId" FROM new_rows ORDER BY 1);
  END IF;
  -- FOR SHARE: a retirement (or its undoing) of one of them waits for this transaction, or this
  -- statement for it, so the statuses read here are the ones the counts are kept for.
  SELECT count(*), count(*) FILTER (WHERE l.status = 'RETIRED') INTO found_automations, retired
    FROM (SELECT id, status FROM automations WHERE id = ANY (ids) ORDER BY id FOR SHARE) AS l;

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
             WHERE (retired = 0 AND found_automations = cardinality(ids))
                OR EXISTS (SELECT 1 FROM automations a WHERE a.id = p."automationId" AND a.status <> 'RETIRED')
             GROUP BY 1, 2, 3, 4, 5) AS g,
           preflight_prerequisite_metrics(g.type::text, g.status::text, g.basis::text, g.blocker) AS m
     GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION preflight_count_automations() RETURNS trigger LANGUAGE plpgsql AS $$
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
            SELECT p."departmentId", m, CASE WHEN f.now_retired THEN -1 ELSE 1 END
              FROM (SELECT id, bool_or(after AND retired) AS now_retired, bool_or(NOT after AND retired) AS was_retired
                      FROM (SELECT id, true AS after, status = 'RETIRED' AS retired FROM new_rows
                            UNION ALL
                            SELECT id, false, status = 'RETIRED' FROM old_rows) AS t
                     GROUP BY id) AS f
              JOIN prerequisites p ON p."automationId" = f.id,
                   preflight_prerequisite_metrics(p.type::text, p.status::text, p.basis::text, p.blocker) AS m
             WHERE f.now_retired <> f.was_retired) AS y
     GROUP BY d, m HAVING sum(s) <> 0;
  END IF;
  RETURN NULL;
END $$;
