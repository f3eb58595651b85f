import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { context, propagation, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTracing, tracingRequested } from "@/lib/tracing";
import { buildCompany, type Company } from "@/test/support/company";
import { resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// OpenTelemetry traces: off by default; switched on by the standard OTEL_* variables, the SDK
// exports a span per API request to an OTLP/HTTP endpoint — here a local receiver that reads
// OTLP's JSON encoding, as a collector would — with the route pattern, never ids or tokens.

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}
interface OtlpSpan {
  name: string;
  attributes: OtlpAttribute[];
  status?: { code?: number };
}

let receiver: Server;
const bodies: string[] = [];
let company: Company;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url === "/v1/traces") bodies.push(Buffer.concat(chunks).toString("utf8"));
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  await resetDatabase();
  company = await buildCompany();
});

afterAll(async () => {
  // The SDK registered itself globally in this worker: unregister, so no other file sees it.
  trace.disable();
  context.disable();
  propagation.disable();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function spansOf(raw: string[]): OtlpSpan[] {
  return raw.flatMap((body) =>
    (JSON.parse(body).resourceSpans ?? []).flatMap(
      (resource: { scopeSpans?: Array<{ spans?: OtlpSpan[] }> }) =>
        (resource.scopeSpans ?? []).flatMap((scope) => scope.spans ?? []),
    ),
  );
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : undefined);
};

describe("tracing", () => {
  it("is off unless an OTLP endpoint or a traces exporter is set, and OTEL_SDK_DISABLED wins", () => {
    expect(tracingRequested({})).toBe(false);
    expect(
      tracingRequested({ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318" }),
    ).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(
      true,
    );
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: "console" })).toBe(true);
    expect(
      tracingRequested({ OTEL_SDK_DISABLED: "true", OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318" }),
    ).toBe(false);
  });

  it("exports a span per API request to the OTLP endpoint, by route pattern and status", async () => {
    const { port } = receiver.address() as AddressInfo;
    Object.assign(process.env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_SERVICE_NAME: "preflight-test",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
    });
    const stop = await startTracing();
    expect(stop).not.toBeNull();
    try {
      const { GET: me } = await import("@/app/api/v1/me/route");
      expect((await callRoute(me, "GET", "/api/v1/me", { token: company.maker.token })).status).toBe(200);
      const { GET: automation } = await import("@/app/api/v1/automations/[id]/route");
      const missing = "00000000-0000-4000-8000-000000000000";
      const answer = await callRoute(automation, "GET", `/api/v1/automations/${missing}`, {
        token: company.maker.token,
        params: { id: missing },
      });
      expect(answer.status).toBe(404);
    } finally {
      await stop?.();
      for (const key of [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_SERVICE_NAME",
        "OTEL_METRICS_EXPORTER",
        "OTEL_LOGS_EXPORTER",
      ])
        delete process.env[key];
    }
    const spans = spansOf(bodies);
    const meSpan = spans.find((span) => span.name === "GET /api/v1/me");
    expect(meSpan, JSON.stringify(spans.map((span) => span.name))).toBeDefined();
    expect(attribute(meSpan!, "http.route")).toBe("/api/v1/me");
    expect(attribute(meSpan!, "http.response.status_code")).toBe(200);
    expect(attribute(meSpan!, "preflight.request_id")).toEqual(expect.any(String));
    const detail = spans.find((span) => span.name === "GET /api/v1/automations/{id}");
    expect(attribute(detail!, "http.response.status_code")).toBe(404);
    // Nothing that identifies a record or proves who called: no id, no token.
    const everything = bodies.join("\n");
    expect(everything).not.toContain("00000000-0000-4000-8000-000000000000");
    expect(everything).not.toContain(company.maker.token);
    expect(everything).toContain("preflight-test");
  });
});
