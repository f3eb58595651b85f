import type {
  OpenAPIRegistry,
  ResponseConfig,
  RouteConfig,
  ZodRequestBody,
} from "@asteasolutions/zod-to-openapi";
import { z } from "@/lib/openapi/zod";

// Building blocks every route description shares: the contract's error body, list pages and
// the standard error answers.

export const ZErrorBody = z
  .object({
    error: z
      .object({
        code: z.enum([
          "BAD_REQUEST",
          "UNAUTHENTICATED",
          "FORBIDDEN",
          "NOT_FOUND",
          "CONFLICT",
          "UNPROCESSABLE",
          "PAYLOAD_TOO_LARGE",
          "UNSUPPORTED_MEDIA_TYPE",
          "RATE_LIMITED",
          "SERVICE_UNAVAILABLE",
          "INTERNAL",
        ]),
        message: z.string().openapi({ description: "Safe to show to the person; names the field at fault." }),
        fields: z.record(z.string(), z.string()).optional().openapi({
          description: 'Field path → problem, e.g. { "systems.1.service": "Required for SHARED_KEY" }',
        }),
        current: z
          .unknown()
          .optional()
          .openapi({ description: "On a 409: the record as it is now, so the client can show or merge it." }),
      })
      .catchall(z.unknown()),
  })
  .openapi("Error");

export const ZNamedRef = z.object({ id: z.uuid(), name: z.string() }).openapi("NamedRef");
export const ZPersonRef = z
  .object({ id: z.uuid(), name: z.string(), email: z.string() })
  .openapi("PersonRef");

export const ZIdParams = z.object({
  id: z.string().openapi({
    format: "uuid",
    description: "A malformed id is answered 404, like an unknown one.",
  }),
});

/** `{ items, nextCursor }` — the contract's list answer. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .openapi({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .openapi(name);
}

export function json(schema: z.ZodType, description: string): ResponseConfig {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody(schema: z.ZodType, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

const ERROR_DESCRIPTIONS = {
  400: "Malformed input; `fields` names each field at fault.",
  401: "No or bad credentials.",
  403: "Signed in, but not allowed.",
  404: "Not found, or not visible to the caller.",
  409: "Conflict: a stale `version` or a state that no longer allows this; `current` holds the record.",
  413: "The body is larger than the API accepts (1 MiB).",
  415: "The body is not `application/json`.",
  422: "Well-formed but refused (e.g. a value that looks like a secret).",
  429: "Too many requests; retry after `Retry-After` seconds.",
  503: "The database is unavailable for a moment (unreachable, restarting, too slow); retry after `Retry-After` seconds.",
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

export function errors(...statuses: ErrorStatus[]): Record<number, ResponseConfig> {
  const responses: Record<number, ResponseConfig> = {};
  for (const status of [401, 429, ...statuses] as ErrorStatus[]) {
    responses[status] = json(ZErrorBody, ERROR_DESCRIPTIONS[status]);
  }
  return responses;
}

/** A route's answers: its success, and the errors it may give besides every route's 401 and 429. */
export function answers(
  status: 200 | 201,
  success: ResponseConfig,
  ...statuses: ErrorStatus[]
): Record<number, ResponseConfig> {
  return { [status]: success, ...errors(...statuses) };
}

/** Applies to every route that needs a signed-in caller. */
export const SIGNED_IN: Array<Record<string, string[]>> = [{ bearerToken: [] }, { sessionCookie: [] }];

/** A CSV (or other text) answer: the body is a string of that media type. */
export function text(description: string, mediaType = "text/csv"): ResponseConfig {
  return { description, content: { [mediaType]: { schema: z.string() } } };
}

/** `{ items, nextCursor }` where a list answers everything at once: `nextCursor` is always null. */
export function everyOf<T extends z.ZodType>(item: T, note: string) {
  return z.object({ items: z.array(item), nextCursor: z.null().openapi({ description: note }) });
}

type Method = RouteConfig["method"];
type Params = NonNullable<RouteConfig["request"]>["params"];

/**
 * One route of a table: its words, its input and its answers. `body` is a JSON body unless it
 * is a whole request body (another media type); the success answers stand under their status,
 * the errors the route may give besides every route's 401 and 429 under `errors`.
 */
export type RouteSpec = {
  summary: string;
  description?: string;
  tags?: string[];
  params?: Params;
  query?: Params;
  body?: z.ZodType | ZodRequestBody;
  errors?: ErrorStatus[];
} & { [status in 200 | 201 | 202]?: ResponseConfig };

/**
 * Registers a table of routes that need a signed-in caller, keyed "method path", under `tag`
 * unless a route names its own. The document keeps the fields in the order they always had:
 * tags, summary, description, security, then the request and the answers.
 */
export function signedInRoutes(
  registry: OpenAPIRegistry,
  tag: string,
  table: Record<`${Method} /${string}`, RouteSpec>,
): void {
  for (const [key, spec] of Object.entries(table)) {
    const [method, path] = key.split(" ") as [Method, string];
    const { summary, description, tags = [tag], params, query, body, errors: statuses = [] } = spec;
    const request: RouteConfig["request"] = {};
    if (params) request.params = params;
    if (query) request.query = query;
    if (body) request.body = body instanceof z.ZodType ? jsonBody(body) : body;
    const responses: Record<number, ResponseConfig> = { ...errors(...statuses) };
    for (const status of [200, 201, 202] as const) if (spec[status]) responses[status] = spec[status];
    registry.registerPath({
      method,
      path,
      tags,
      summary,
      description,
      security: SIGNED_IN,
      ...(Object.keys(request).length > 0 ? { request } : {}),
      responses,
    });
  }
}

/** What a token (personal or SCIM) shows of itself: never the token, only the prefix that identifies it. */
export const tokenIdentity = {
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().openapi({ description: "Identifies the token; the token itself is never shown again." }),
};

/** An instant on the wire: ISO 8601 in UTC. */
export const ZTimestamp = z.string().openapi({ format: "date-time" });

export type NamedRef = z.infer<typeof ZNamedRef>;
export type PersonRef = z.infer<typeof ZPersonRef>;
