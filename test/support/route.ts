import { NextRequest } from "next/server";
import { checkContract } from "./contract";

// Route handlers are called directly with a NextRequest, as Next would call them, and every
// answer is checked against the API contract (./contract.ts): a status, route or field the
// OpenAPI document lacks fails the test that received it.

export const APP_ORIGIN = "http://localhost:3000";

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface CallOptions {
  /** A personal API token, sent as `Authorization: Bearer …`. */
  token?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, as JSON's content type (a malformed body, say). */
  rawBody?: string;
  /** Sent as multipart/form-data (an upload); the boundary is set by the request. */
  form?: FormData;
  /** The route's dynamic segments, e.g. { id }. */
  params?: Record<string, string>;
}

export interface RouteAnswer {
  status: number;
  /** The parsed JSON body; undefined when the answer is not JSON (a CSV file) or is empty. */
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected loosely
  body: any;
  /** The JSON body as it was sent; undefined when the answer is not JSON. */
  text: string | undefined;
  /** The answer itself: its headers, and the unread stream of a body that is not JSON. */
  response: Response;
}

const isJson = (response: Response) =>
  /^application\/(.+\+)?json\b/.test(response.headers.get("content-type") ?? "");

/** Calls a route handler; JSON answers are read and parsed once. */
export async function callRoute(
  handler: unknown,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<RouteAnswer> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  if (hasBody) headers.set("content-type", "application/json");
  const request = new NextRequest(new URL(path, APP_ORIGIN), {
    method,
    headers,
    body: options.form ?? (hasBody ? (options.rawBody ?? JSON.stringify(options.body)) : undefined),
  });
  const response = await (handler as Handler)(request, {
    params: Promise.resolve(options.params ?? {}),
  });
  // A CSV export streams: its body is left for the test to read (or to cancel half-way).
  const text = isJson(response) ? await response.text() : undefined;
  const body = text ? JSON.parse(text) : undefined;
  if (path.startsWith("/api/")) checkContract({ method, path, status: response.status, body });
  return { status: response.status, body, text, response };
}
