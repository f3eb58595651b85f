import { describe, expect, it } from "vitest";
import { csvCell, csvFilename, csvLineSql } from "@/lib/export/server/csv";

describe("CSV cells", () => {
  it("are quoted, with quotes doubled, and empty for null", () => {
    expect(csvCell('Say "hi", then go')).toBe('"Say ""hi"", then go"');
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe('""');
  });

  it("defuse what a spreadsheet would run as a formula", () => {
    for (const value of ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"]) {
      expect(csvCell(value)).toBe(`"'${value}"`);
    }
    expect(csvCell("a=b")).toBe('"a=b"');
  });

  it("are written by Postgres in the same way", () => {
    const sql = csvLineSql([
      { header: "Name", sql: "a.name" },
      { header: "When", sql: 'a."createdAt"', kind: "timestamp" },
      { header: "Count", sql: "n", kind: "number" },
    ]);
    expect(sql).toContain(`replace(regexp_replace((a.name)::text, '^([=+@\\t\\r-])', '''\\1'), '"', '""')`);
    expect(sql).toContain(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);
    expect(sql.startsWith("concat_ws(',', ")).toBe(true);
  });

  it("name the file after the list and the day", () => {
    expect(csvFilename("prerequisites", new Date("2026-11-26T23:59:00Z"))).toBe(
      "prerequisites-2026-11-26.csv",
    );
  });
});
