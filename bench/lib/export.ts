import type { Caller } from "@/lib/auth/server/caller";
import { ZAutomationExportQuery } from "@/lib/automations/schemas";
import { exportAutomations } from "@/lib/automations/server/export-automations";
import { captureStatements, timeOnce } from "./direct";
import type { ExportResult } from "./report";
import type { Server } from "./server";

// A CSV export as a browser downloads it: the time to the last byte of the whole file, the
// rows in it, and how much the server's memory grew meanwhile (an export that buffers the
// file instead of streaming it shows here). The direct reference: every statement the export
// sends (captured from an in-process download), replayed in order on one connection.

export const EXPORT_PATH = "/api/v1/automations/export";

/** The seconds the export's own SQL takes, run directly with pg. */
export async function exportSqlSeconds(databaseUrl: string, caller: Caller): Promise<number> {
  const { statements } = await captureStatements(async () => {
    const response = exportAutomations({ caller, filters: ZAutomationExportQuery.parse({}) });
    await response.arrayBuffer();
  });
  return Math.round((await timeOnce(databaseUrl, statements, true)) / 10) / 100;
}

export async function measureExport(
  server: Server,
  path: string,
  headers: Record<string, string>,
  repeats: number,
): Promise<ExportResult> {
  const runs: NonNullable<ExportResult["runs"]> = [];
  for (let i = 0; i < repeats; i++) {
    const baseline = server.usage.currentMb();
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, { headers });
    if (response.status === 404 && !(response.headers.get("content-type") ?? "").includes("json")) {
      return { available: false, path, note: "the route does not exist in this build" };
    }
    if (!response.ok || !response.body) {
      const error = `answered ${response.status}: ${(await response.text()).slice(0, 200)}`;
      return { available: false, path, note: error, error };
    }
    let firstByteMs = 0;
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    // Let the sampler see the last moments of the request.
    await new Promise((resolve) => setTimeout(resolve, 250));
    runs.push({
      seconds: Math.round(seconds * 100) / 100,
      firstByteMs: Math.round(firstByteMs),
      rows: Math.max(0, lines - 1),
      megabytes: Math.round(bytes / 1e5) / 10,
      rssGrowthMb: Math.round(Math.max(0, server.usage.peakMb(started) - baseline) * 10) / 10,
    });
  }
  return { available: true, path, runs };
}
