import { pool, prisma } from "@/lib/db";

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
}

export { pool, prisma };
