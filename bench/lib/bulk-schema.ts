import type pg from "pg";

// Loading into indexed tables costs one random b-tree insert per row and index; building
// each index once after the load is several times faster. Inside the seed's single
// transaction we drop the foreign keys, primary keys and indexes of the app's tables, load,
// and re-create them from the very definitions Postgres reported (so the schema ends up
// exactly as the migrations made it). Postgres's DDL is transactional: if the seed fails
// anywhere, the rollback restores every index and constraint too.

interface Definition {
  table: string;
  name: string;
  sql: string;
}

export interface SavedSchema {
  keys: Definition[];
  indexes: Definition[];
  foreignKeys: Definition[];
}

const APP_TABLES = `c.relnamespace = 'public'::regnamespace and c.relname <> '_prisma_migrations'`;

export async function dropIndexesAndKeys(client: pg.ClientBase): Promise<SavedSchema> {
  const constraints = await client.query<{ table: string; name: string; type: string; def: string }>(
    `select quote_ident(c.relname) as table, quote_ident(k.conname) as name, k.contype::text as type,
            pg_get_constraintdef(k.oid) as def
       from pg_constraint k join pg_class c on c.oid = k.conrelid
      where ${APP_TABLES} and k.contype in ('f', 'p', 'u')
      order by c.relname, k.conname`,
  );
  const indexes = await client.query<{ table: string; name: string; def: string }>(
    `select quote_ident(c.relname) as table, quote_ident(i.relname) as name, pg_get_indexdef(i.oid) as def
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
      where ${APP_TABLES}
        and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.contype in ('p', 'u'))
      order by c.relname, i.relname`,
  );
  const saved: SavedSchema = {
    keys: constraints.rows
      .filter((row) => row.type !== "f")
      .map((row) => ({ table: row.table, name: row.name, sql: row.def })),
    indexes: indexes.rows.map((row) => ({ table: row.table, name: row.name, sql: row.def })),
    foreignKeys: constraints.rows
      .filter((row) => row.type === "f")
      .map((row) => ({ table: row.table, name: row.name, sql: row.def })),
  };
  for (const fk of saved.foreignKeys)
    await client.query(`alter table ${fk.table} drop constraint ${fk.name}`);
  for (const index of saved.indexes) await client.query(`drop index ${index.name}`);
  for (const key of saved.keys) await client.query(`alter table ${key.table} drop constraint ${key.name}`);
  return saved;
}

/** Re-creates keys first (foreign keys need them), then indexes, then foreign keys (validated). */
export async function restoreIndexesAndKeys(
  client: pg.ClientBase,
  saved: SavedSchema,
  onStep: (name: string) => void = () => {},
): Promise<void> {
  for (const key of saved.keys) {
    await client.query(`alter table ${key.table} add constraint ${key.name} ${key.sql}`);
    onStep(key.name);
  }
  for (const index of saved.indexes) {
    await client.query(index.sql);
    onStep(index.name);
  }
  for (const fk of saved.foreignKeys) {
    await client.query(`alter table ${fk.table} add constraint ${fk.name} ${fk.sql}`);
    onStep(fk.name);
  }
}

export function stepCount(saved: SavedSchema): number {
  return saved.keys.length + saved.indexes.length + saved.foreignKeys.length;
}
