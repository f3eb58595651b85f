import { beforeEach, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/audit/export/route";
import * as audit from "@/app/api/v1/audit/route";
import { EXPORT_BATCH } from "@/lib/audit/server/export-audit";
import { buildCompany, type Company } from "@/test/support/company";
import { pool, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

/** n audit events, one second apart from 2026-03-01 on, alternating actions. */
async function insertEvents(n: number) {
  await pool().query(
    `insert into audit_events ("actorId", "actorLabel", action, "entityType", "entityId", before, after, "createdAt")
     select case when i % 2 = 0 then $1::uuid end, case when i % 2 = 0 then 'ivan.it@preflight.test' else '=cmd|calc' end,
            case when i % 2 = 0 then 'request.approved' else 'connector.revoked' end,
            case when i % 2 = 0 then 'Request' else 'Connector' end, 'entity-' || i,
            jsonb_build_object('status', 'PENDING'), jsonb_build_object('status', 'APPROVED', 'note', 'a "quoted", value'),
            timestamptz '2026-03-01 00:00:00+00' + make_interval(secs => i)
       from generate_series(1, $2::int) as i`,
    [company.it.id, n],
  );
}

describe("GET /api/v1/audit", () => {
  it("lists newest first with filters and keyset pages; IT and ADMIN only", async () => {
    await insertEvents(10);
    const list = (query: string, token = company.admin.token) =>
      callRoute(audit.GET, "GET", `/api/v1/audit${query}`, { token });

    const all = await list("?limit=4");
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([
      "entity-10",
      "entity-9",
      "entity-8",
      "entity-7",
    ]);
    expect(all.body.items[0]).toMatchObject({
      id: expect.any(String),
      actorId: company.it.id,
      actorLabel: "ivan.it@preflight.test",
      action: "request.approved",
      entityType: "Request",
      before: { status: "PENDING" },
      createdAt: "2026-03-01T00:00:10.000Z",
    });
    const next = await list(`?limit=4&cursor=${all.body.nextCursor}`);
    expect(next.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([
      "entity-6",
      "entity-5",
      "entity-4",
      "entity-3",
    ]);
    const filtered = await list(`?actorId=${company.it.id}&action=request.approved&entityType=Request`);
    expect(filtered.body.items).toHaveLength(5);
    expect((await list("?entityId=entity-3")).body.items).toHaveLength(1);
    const window = await list("?from=2026-03-01T00:00:03Z&to=2026-03-01T00:00:05Z");
    expect(window.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([
      "entity-5",
      "entity-4",
      "entity-3",
    ]);
    expect((await list("?from=2026-03-02")).body.items).toHaveLength(0);
    expect((await list("?to=2026-03-01")).body.items).toHaveLength(10);

    expect((await list("?from=yesterday")).status).toBe(400);
    expect((await list("?cursor=bm9wZQ")).status).toBe(400);
    expect((await list("", company.it.token)).status).toBe(200);
    expect((await list("", company.maker.token)).status).toBe(403);
    expect((await list("", company.manager.token)).status).toBe(403);
  });
});

/** Reads the export as a client does, chunk by chunk (one per batch when streamed). */
async function exportCsv(query: string, token: string) {
  const answer = await callRoute(exportRoute.GET, "GET", `/api/v1/audit/export${query}`, { token });
  const { response } = answer;
  // A refusal is JSON, read by the caller already.
  if (answer.text !== undefined) return { response, text: answer.text, chunks: 0 };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks++;
    text += decoder.decode(value, { stream: true });
  }
  return { response, text, chunks };
}

describe("GET /api/v1/audit/export", () => {
  it("answers the header row only when nothing matches; IT and ADMIN only", async () => {
    const { response, text } = await exportCsv("?action=nothing.like.this", company.admin.token);
    expect(response.status).toBe(200);
    expect(text).toBe("id,createdAt,actorId,actorLabel,action,entityType,entityId,before,after\n");
    expect((await exportCsv("", company.maker.token)).response.status).toBe(403);
  });

  it("streams 5,000 rows in batches, newest first, quoted and formula-safe", async () => {
    await insertEvents(5000);
    const { response, text, chunks } = await exportCsv("?from=2026-03-01", company.it.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="preflight-audit-.*\.csv"$/,
    );

    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(5001);
    // The header, then one chunk per batch of rows.
    expect(chunks).toBeGreaterThanOrEqual(1 + Math.ceil(5000 / EXPORT_BATCH));
    expect(lines[1]).toMatch(
      /^\d+,2026-03-01T01:23:20\.000Z,[0-9a-f-]{36},ivan\.it@preflight\.test,request\.approved,/,
    );
    // A JSON cell is quoted, its quotes doubled.
    expect(lines[1]).toContain(`"{""note"":""a \\""quoted\\"", value"",""status"":""APPROVED""}"`);
    expect(lines[2]).toContain(",'=cmd|calc,connector.revoked,");
    expect(lines[5000]).toContain(",entity-1,");
  });
});
