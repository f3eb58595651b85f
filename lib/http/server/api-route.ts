import "server-only";
import { inspect } from "node:util";
import { type NextRequest, NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { canAny, type Permission } from "@/lib/auth/permissions";
import { type Caller, callerFromBearer } from "@/lib/auth/server/caller";
import { hasSessionCookie } from "@/lib/auth/server/cookies";
import { sessionCallerFromRequest } from "@/lib/auth/server/session";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  AppError,
  badRequest,
  databaseUnavailable,
  errorBody,
  forbidden,
  unauthenticated,
} from "@/lib/http/errors";
import { JsonText } from "@/lib/http/json-text";
import { checkSameOrigin } from "@/lib/http/server/csrf";
import {
  idempotencyKeyOf,
  lookUpIdempotencyKey,
  requestHash,
  storeIdempotentAnswer,
  withIdempotencyKey,
} from "@/lib/http/server/idempotency";
import { readCapped } from "@/lib/http/server/read-capped";
import { unsafeTextFields } from "@/lib/http/unsafe-text";
import { fieldErrors, invalidInput } from "@/lib/http/validation";
import { type LogContext, log, requestIdFrom, withLogContext } from "@/lib/log";
import { observeRequest } from "@/lib/metrics";
import { maskLog } from "@/lib/secrets/mask";
import { inSpan } from "@/lib/tracing";

// Every JSON route goes through `apiRoute`: it resolves the caller (session cookie or
// bearer token), refuses cross-origin cookie writes, checks the permission, validates
// params / query / body with zod, and maps errors to the contract's error body.

type AnySchema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

interface RouteContext<P, Q, B, A extends boolean> {
  request: NextRequest;
  caller: A extends true ? Caller : Caller | null;
  params: P;
  query: Q;
  body: B;
}

interface RouteOptions<PS, QS, BS, A extends boolean> {
  /** false only for public routes (health). Default: a signed-in caller is required. */
  auth?: A;
  /** The caller needs at least one of these. Record-level scope is applied in the query. */
  permission?: Permission | readonly Permission[];
  params?: PS;
  query?: QS;
  body?: BS;
  /** Status of a successful answer (201 for creations). */
  status?: number;
  /**
   * Honours the Idempotency-Key header (decision 020): POSTs that create something. Listed in
   * IDEMPOTENT_OPERATIONS (lib/http/idempotency.ts), which the OpenAPI document describes.
   */
  idempotent?: boolean;
  handler: (context: RouteContext<Infer<PS>, Infer<QS>, Infer<BS>, A>) => Promise<unknown>;
}

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Answers depend on who asks: never stored by a browser or a shared cache. */
const NO_STORE = { "cache-control": "no-store" };

export function apiRoute<
  PS extends AnySchema | undefined = undefined,
  QS extends AnySchema | undefined = undefined,
  BS extends AnySchema | undefined = undefined,
  A extends boolean = true,
>(options: RouteOptions<PS, QS, BS, A>) {
  return async (request: NextRequest, context: NextRouteContext): Promise<Response> => {
    const started = performance.now();
    // Next passes no params at all to a route without dynamic segments.
    const rawParams = (await context?.params) ?? {};
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    const route = routePattern(request.nextUrl.pathname, rawParams);
    const fields: LogContext = { requestId, route };
    const response = await inSpan(
      `${request.method} ${route}`,
      { "http.request.method": request.method, "http.route": route, "preflight.request_id": requestId },
      async (finish) => {
        const answered = await withLogContext(fields, () => answer(options, request, rawParams, fields));
        finish({ "http.response.status_code": answered.status }, answered.status >= 500);
        return answered;
      },
    );
    const status = response.status;
    const seconds = (performance.now() - started) / 1000;
    observeRequest(request.method, route, status, seconds);
    log()[status >= 500 ? "error" : "info"](
      { method: request.method, status, ms: Math.round(seconds * 1000), ...fields },
      "request",
    );
    return withRequestId(response, requestId);
  };
}

async function answer<
  PS extends AnySchema | undefined,
  QS extends AnySchema | undefined,
  BS extends AnySchema | undefined,
  A extends boolean,
>(
  options: RouteOptions<PS, QS, BS, A>,
  request: NextRequest,
  rawParams: Record<string, string | string[]>,
  fields: LogContext,
): Promise<Response> {
  try {
    const caller = await resolveCaller(request);
    if (caller) fields.userId = caller.id;
    if (options.auth !== false && !caller) throw unauthenticated();
    if (options.permission) {
      const permissions = typeof options.permission === "string" ? [options.permission] : options.permission;
      if (!canAny(caller, permissions)) throw forbidden();
    }
    const idempotencyKey = options.idempotent ? idempotencyKeyOf(request.headers) : null;
    const params = parse(options.params, rawParams, "path");
    const query = parse(
      options.query,
      refuseUnsafeText(Object.fromEntries(request.nextUrl.searchParams), "query"),
      "query",
    );
    const rawBody = options.body ? refuseUnsafeText(await readJson(request), "body") : undefined;
    const body = options.body ? parse(options.body, rawBody, "body") : undefined;
    const run = async (): Promise<Response> => {
      const result = await options.handler({
        request,
        caller: caller as RouteContext<unknown, unknown, unknown, A>["caller"],
        params: params as Infer<PS>,
        query: query as Infer<QS>,
        body: body as Infer<BS>,
      });
      if (result instanceof Response) return result;
      const text = result instanceof JsonText ? result.text : JSON.stringify(result ?? null);
      return jsonAnswer(text, options.status ?? 200);
    };
    if (!idempotencyKey || !caller) return await run();
    return await runIdempotent(
      idempotencyKey,
      caller,
      `${request.method} ${request.nextUrl.pathname}`,
      rawBody,
      run,
    );
  } catch (error) {
    return errorResponse(error);
  }
}

function jsonAnswer(text: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "application/json", ...NO_STORE, ...headers },
  });
}

/**
 * Runs the operation once per (caller, method and path, key): a retry with the same body gets
 * the first answer (marked `Idempotent-Replayed: true`); see lib/http/server/idempotency.ts.
 */
async function runIdempotent(
  key: string,
  caller: Caller,
  route: string,
  rawBody: unknown,
  run: () => Promise<Response>,
): Promise<Response> {
  const pendingKey = { userId: caller.id, route, key, requestHash: requestHash(rawBody) };
  const found = await lookUpIdempotencyKey(pendingKey);
  if (found.kind === "replay") return jsonAnswer(found.body, found.status, { "idempotent-replayed": "true" });
  const { context, run: runWithKey } = withIdempotencyKey(pendingKey, run);
  // Refused or failed, the operation's transaction rolled back the key with its change.
  const response = await runWithKey();
  const isJson = /^application\/json\b/.test(response.headers.get("content-type") ?? "");
  if (!response.ok || !isJson) return response;
  const text = await response.text();
  await storeIdempotentAnswer(context, response.status, text);
  return new Response(text, { status: response.status, headers: response.headers });
}

/**
 * The route as its file names it, e.g. /api/v1/automations/{id}: each dynamic segment's value
 * replaced by its name, from the right (a value that happens to equal a literal segment to its
 * left is left alone). Metrics and logs use it, never the raw path.
 */
export function routePattern(pathname: string, params: Record<string, string | string[]>): string {
  const segments = pathname.split("/");
  const values = new Map(
    Object.entries(params).map(([name, value]) => [Array.isArray(value) ? value.join("/") : value, name]),
  );
  for (let index = segments.length - 1; index >= 0 && values.size > 0; index--) {
    const segment = segments[index]!;
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // A malformed escape is compared as it came.
    }
    const name = values.get(decoded) ?? values.get(segment);
    if (name === undefined) continue;
    segments[index] = `{${name}}`;
    values.delete(decoded);
    values.delete(segment);
  }
  return segments.join("/");
}

/** Echoed so a client and the log pipeline can match an answer to its log lines. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    // Headers of some answers (Response.redirect) are immutable: copy it.
    const copy = new Response(response.body, response);
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}

async function resolveCaller(request: NextRequest): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) return callerFromBearer(authorization);
  if (!hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name))) return null;
  const caller = await sessionCallerFromRequest(request);
  // Cookies ride along on cross-site requests; a write must prove it came from our pages.
  if (caller && UNSAFE_METHODS.has(request.method)) checkSameOrigin(request);
  return caller;
}

function parse(schema: AnySchema | undefined, input: unknown, where: "path" | "query" | "body"): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // The message names the first problem so a person reading only the message can act on it.
  throw invalidInput(result.error, where === "body" ? "request body" : `${where} parameters`);
}

/** Larger bodies are refused before they are read. */
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

function refuseUnsafeText<T>(input: T, where: "query" | "body"): T {
  const fields = unsafeTextFields(input);
  const [path, problem] = Object.entries(fields)[0] ?? [];
  if (path)
    throw badRequest(
      `Invalid ${where === "body" ? "request body" : "query parameters"}: ${path}: ${problem}`,
      fields,
    );
  return input;
}

async function readJson(request: NextRequest): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw payloadTooLarge();
  const type = request.headers.get("content-type") ?? "";
  const text = (await readCapped(request.body, MAX_BODY_BYTES, payloadTooLarge)).toString("utf8");
  if (text.trim() !== "" && !JSON_TYPE.test(type)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the body as JSON with Content-Type: application/json.",
    );
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

function payloadTooLarge(): AppError {
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`,
  );
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = { ...NO_STORE };
    if (error.code === "UNAUTHENTICATED") headers["www-authenticate"] = 'Bearer realm="preflight"';
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
    return NextResponse.json(errorBody(error), { status: error.status, headers });
  }
  if (error instanceof ZodError) {
    return errorResponse(badRequest("Invalid input.", fieldErrors(error)));
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
    return errorResponse(new AppError("NOT_FOUND", "Record not found."));
  }
  // The database refused, dropped or timed out: not a bug, and nothing to show a stack for.
  if (isDatabaseUnavailable(error)) {
    log().warn({ err: maskLog(describeError(error)) }, "database unavailable: answered 503");
    return errorResponse(databaseUnavailable());
  }
  // Unexpected: log it with its stack on the server (a line that holds a secret, e.g. a
  // database error quoting a value, masked), tell the client nothing internal.
  log().error({ err: maskLog(inspect(error)) }, "unhandled error in API route");
  return NextResponse.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side. It has been logged." } },
    { status: 500, headers: NO_STORE },
  );
}

/** One line: the error's code and first line, never its stack. */
function describeError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const first = typeof message === "string" ? message.trim().split("\n").pop() : String(error);
  return typeof code === "string" ? `${code}: ${first}` : `${first}`;
}
