import autocannon from "autocannon";
import { type RunStats, summarise } from "./stats";

// Load over HTTP with autocannon (a maintained load generator, run in this process, separate
// from the server's): a fixed number of connections each sending the next request as soon as
// the previous answer arrived, for a fixed duration.

export interface HttpTarget {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export async function loadHttp(
  target: HttpTarget,
  options: { connections: number; seconds: number },
): Promise<RunStats> {
  const latencies: number[] = [];
  let failures = 0;
  const instance = autocannon({
    url: target.url,
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else failures++;
  });
  const result = await instance;
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return summarise(latencies, failures + result.errors + result.timeouts, seconds);
}

/** Answers one request first: the status and a short excerpt when it is not 2xx. */
export async function probe(
  target: HttpTarget,
): Promise<{ status: number; contentType: string; excerpt: string }> {
  const response = await fetch(target.url, {
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    excerpt: text.slice(0, 300),
  };
}
