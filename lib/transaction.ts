import "server-only";
import type pg from "pg";
import { pool, type Tx } from "@/lib/db";

// The set-based writers (re-derivation, notifications, audit) run inside the transaction of
// the change that causes them. For most changes that is a Prisma interactive transaction. A
// change that re-derives thousands of automations at once (revoking a company-wide
// connector) runs on a plain pg client instead: its writes carry arrays of ten thousand
// values, which Prisma's raw-query path serialises once more before pg does, and a pg query
// is on the wire as soon as it is issued, so the next statement's parameters can be built
// while Postgres works (a Prisma query starts only when awaited).

/** A Prisma interactive transaction, or a pg client inside BEGIN … COMMIT. */
export type Transaction = Tx | pg.ClientBase;

/** Raw SQL on either kind of transaction. */
export interface Statements {
  rows<R>(text: string, values: readonly unknown[]): Promise<R[]>;
  /** Runs a statement; returns the number of rows it touched. */
  run(text: string, values: readonly unknown[]): Promise<number>;
}

export function statements(tx: Transaction): Statements {
  if ("$queryRawUnsafe" in tx) {
    return {
      rows: (text, values) => tx.$queryRawUnsafe(text, ...values),
      run: (text, values) => tx.$executeRawUnsafe(text, ...values),
    };
  }
  return {
    rows: async (text, values) => (await tx.query(text, [...values])).rows,
    run: async (text, values) => (await tx.query(text, [...values])).rowCount ?? 0,
  };
}

/**
 * Runs `work` in a transaction of its own on a pooled pg client: committed when it returns,
 * rolled back when it throws. A client whose rollback fails is discarded, not pooled.
 */
export async function inPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
