import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/bench/lib/company";
import { Random } from "@/bench/lib/random";
import { TimeSpool } from "@/bench/lib/spool";

// The audit trail's spool: rows added in any order of time come back in time order, numbered
// 1, 2, …, rows of the same time in the order they were added (pure: no database).

describe("the audit trail's spool", () => {
  it("gives back every row in time order with ascending ids, across day buckets and flushes", () => {
    const anchor = Date.UTC(2030, 2, 15);
    const spool = new TimeSpool(anchor);
    const rng = new Random(3);
    const added: Array<{ time: number; row: string }> = [];
    try {
      for (let i = 0; i < 20_000; i++) {
        // Mostly the last days (many rows per bucket, so buckets are flushed to disk), some
        // older than the buckets reach, some after the anchor, and many sharing a time.
        const time =
          i % 500 === 0
            ? anchor - 5_000 * DAY_MS - rng.float() * DAY_MS
            : i % 700 === 0
              ? anchor + rng.float() * DAY_MS
              : anchor - Math.floor(rng.float() * 40) * (DAY_MS / 4) + (i % 3) * 0.5;
        const row = `row ${i}\tcolumn\t\\N\n`;
        spool.add(time, row);
        added.push({ time, row });
      }
      expect(spool.count).toBe(20_000);
      const expected = added
        .map((entry, index) => ({ ...entry, index }))
        .sort((a, b) => a.time - b.time || a.index - b.index)
        .map((entry, n) => `${n + 1}\t${entry.row}`);
      expect([...spool.lines()]).toEqual(expected);
    } finally {
      spool.close();
    }
  });
});
