import { pool, prisma } from "@/lib/db";
import { forgetLocalRateLimits } from "@/lib/http/server/rate-limit";

let tables: string[] | undefined;

/** Empties every table of the app (not the migrations table), as a fresh database would be. */
export async function resetDatabase(): Promise<void> {
  tables ??= (
    await pool().query<{ name: string }>(
      `select quote_ident(tablename) as name from pg_tables
       where schemaname = 'public' and tablename <> '_prisma_migrations'`,
    )
  ).rows.map((row) => row.name);
  if (tables.length > 0) await pool().query(`truncate ${tables.join(", ")} restart identity cascade`);
  forgetLocalRateLimits();
}

export { pool, prisma };

/** Row counts of the tables a refused write must leave untouched. */
export async function rowCounts() {
  const { rows } = await pool().query<Record<string, string>>(`
    select (select count(*) from automations) as automations,
           (select count(*) from system_accesses) as systems,
           (select count(*) from prerequisites) as prerequisites,
           (select count(*) from requests) as requests,
           (select count(*) from notifications) as notifications,
           (select count(*) from audit_events) as audit`);
  return rows[0]!;
}

const digestSql = new Map<string, string>();

/**
 * An md5 of every table's rows, by table (the migrations table and `except` aside): equal before
 * and after a request when it changed nothing.
 */
export async function tableDigests(except: readonly string[] = []): Promise<Record<string, string>> {
  const cacheKey = except.join(",");
  let sql = digestSql.get(cacheKey);
  if (!sql) {
    const { rows } = await pool().query<{ name: string }>(
      `select tablename as name from pg_tables
       where schemaname = 'public' and tablename <> '_prisma_migrations' and not (tablename = any($1))
       order by 1`,
      [except],
    );
    sql = rows
      .map(
        ({ name }) =>
          `select '${name}' as name, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as md5 from "${name}" t`,
      )
      .join(" union all ");
    digestSql.set(cacheKey, sql);
  }
  const { rows } = await pool().query<{ name: string; md5: string }>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, row.md5]));
}
