import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { summaryJson } from "@/lib/dashboard/server/get-dashboard-summary";
import { buildDashboardCompany, type DashboardCompany } from "@/test/support/dashboard-company";
import { DAY } from "@/test/support/dates";
import { pool, resetDatabase } from "@/test/support/db";

// The summary's median and 90th-percentile request ages read two rows by OFFSET from the
// requests' index instead of sorting every pending request. Held here to Postgres' own
// percentile_cont over the same ages, on random sets of requests: none, one, ties, requests
// created "in the future" (clock skew: age 0), decided ones that must not count, for the whole
// company and for one department.

const PERCENTILES = `
select count(*)::int as pending,
       coalesce(round(percentile_cont(0.5) within group (order by a.age)::numeric, 1), 0)::float8 as median,
       coalesce(round(percentile_cont(0.9) within group (order by a.age)::numeric, 1), 0)::float8 as p90
  from (select greatest(extract(epoch from ($2::timestamptz - r."createdAt")), 0)::float8 / 86400 as age
          from requests r
         where ($1::uuid[] is null or r."departmentId" = any($1::uuid[])) and r.status = 'PENDING') a`;

let company: DashboardCompany;

beforeAll(async () => {
  await resetDatabase();
  company = await buildDashboardCompany();
});

const request = fc.record({
  // Minutes before "now"; negative: created after it, as a skewed clock can leave.
  minutesAgo: fc.oneof(fc.integer({ min: -600, max: 200 * 24 * 60 }), fc.constantFrom(0, 60, 24 * 60)),
  pending: fc.boolean(),
  department: fc.constantFrom("finance", "sales", "hr") as fc.Arbitrary<"finance" | "sales" | "hr">,
});

describe("the summary's request ages", () => {
  it("are percentile_cont's over the pending requests in scope", async () => {
    const template = (
      await pool().query(
        `select type, "requesterId", "automationId", "prerequisiteId", "prerequisiteKey", service, justification
           from requests order by id limit 1`,
      )
    ).rows[0]!;
    const now = new Date(Date.now() + 0.37 * DAY);
    await fc.assert(
      fc.asyncProperty(fc.array(request, { maxLength: 30 }), async (requests) => {
        await pool().query("delete from requests");
        await pool().query(
          `insert into requests (type, status, "requesterId", "automationId", "prerequisiteId", "prerequisiteKey",
                                 "departmentId", service, justification, "createdAt", "updatedAt")
           select $1::"RequestType", s.status::"RequestStatus", $2, $3, $4, $5, s.department, $6, $7,
                  $8::timestamptz - make_interval(mins => s.minutes), now()
             from unnest($9::text[], $10::uuid[], $11::int[]) as s(status, department, minutes)`,
          [
            template.type,
            template.requesterId,
            template.automationId,
            template.prerequisiteId,
            template.prerequisiteKey,
            template.service,
            template.justification,
            now,
            requests.map((spec) => (spec.pending ? "PENDING" : "APPROVED")),
            requests.map((spec) => company[spec.department].id),
            requests.map((spec) => spec.minutesAgo),
          ],
        );
        for (const scope of [null, [company.finance.id], [company.sales.id, company.hr.id]]) {
          const summary = JSON.parse((await summaryJson(scope, now)).json.text);
          const expected = (await pool().query(PERCENTILES, [scope, now])).rows[0];
          expect(summary.requests).toEqual({
            pending: expected.pending,
            medianAgeDays: expected.median,
            p90AgeDays: expected.p90,
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
