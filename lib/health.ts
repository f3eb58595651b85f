import "server-only";
import { pool } from "@/lib/db";

export async function databaseReachable(): Promise<boolean> {
  try {
    await pool().query("select 1");
    return true;
  } catch {
    return false;
  }
}
