import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createDatabase,
  type Instance,
  requireStandaloneBuild,
  startInstance,
  stopInstance,
} from "@/test/support/standalone";

// On the built production server: pages are in the request histogram by their route pattern
// (lib/page-metrics.ts) beside the API routes, never by a raw path.

const PORT = 3955;
const METRICS_TOKEN = "page-metrics-token-0123456789abcdef";
const ID = "4f1c0e2a-9b1d-4c53-8a35-6f0e1b2c3d4e";

let database: Awaited<ReturnType<typeof createDatabase>>;
let instance: Instance;

beforeAll(async () => {
  requireStandaloneBuild();
  database = await createDatabase(inject("databaseUrl"), "preflight_page_metrics");
  instance = await startInstance({
    name: "metrics",
    port: PORT,
    databaseUrl: database.url,
    env: { METRICS_TOKEN, JOBS_DISABLED: "true" },
  });
}, 120_000);

afterAll(async () => {
  if (instance) await stopInstance(instance);
  await database?.drop();
});

describe("page metrics", () => {
  it("counts pages by route pattern, and what matches no page as (other)", async () => {
    // Each answer read to its end: a page is counted when its last byte is sent.
    const get = async (path: string) => {
      const answer = await fetch(`${instance.url}${path}`, { redirect: "manual" });
      await answer.arrayBuffer();
      return answer;
    };
    expect((await get("/signin")).status).toBe(200);
    // Without a session, a page answers with the redirect to sign-in: counted under its pattern.
    expect((await get(`/automations/${ID}`)).status).toBe(307);
    expect((await get("/no-such-page")).status).toBeGreaterThanOrEqual(300);
    const scrape = await fetch(`${instance.url}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(
      /preflight_http_request_duration_seconds_count\{method="GET",route="\/signin",status="200"\} 1/,
    );
    expect(text).toMatch(
      /preflight_http_request_duration_seconds_count\{method="GET",route="\/automations\/\{id\}",status="307"\} 1/,
    );
    expect(text).toMatch(/route="\(other\)"/);
    expect(text).not.toContain(ID);
    expect(text).not.toContain("no-such-page");
  });
});
