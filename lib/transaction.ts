import "server-only";
import type pg from "pg";
import { pool, type Tx } from "@/lib/db";

// The set-based writers run in the transaction of the change that causes them: a Prisma one, or
// a plain pg client for bulk changes (docs/decisions/002-bulk-rederivation-on-a-pg-transaction.md).

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
