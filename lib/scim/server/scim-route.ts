import "server-only";
import { inspect } from "node:util";
import type { NextRequest } from "next/server";
import { LastAdminError } from "@/lib/admin/server/deactivate-person";
import { Prisma } from "@/lib/generated/prisma/client";
import { readCapped } from "@/lib/http/server/read-capped";
import { unsafeTextFields } from "@/lib/http/unsafe-text";
import { SCIM_CONTENT_TYPE } from "@/lib/scim/constants";
import { ScimError, scimBadRequest, scimErrorBody } from "@/lib/scim/errors";
import { authenticateScim, type ScimCaller } from "@/lib/scim/server/scim-tokens";
import { maskLog } from "@/lib/secrets/mask";

// Every /scim/v2 route goes through `scimRoute`, SCIM's counterpart of apiRoute: the SCIM token
// (and only it), its rate limit, the body read as JSON (application/scim+json or
// application/json), and every failure answered in SCIM's error format — never a 500 for
// something the identity provider sent.

export interface ScimContext {
  request: NextRequest;
  scim: ScimCaller;
  params: Record<string, string>;
  /** The parsed JSON body; undefined on a request without one. */
  body: unknown;
}

export interface ScimAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type NextRouteContext = { params?: Promise<Record<string, string | string[]> | undefined> } | undefined;

const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPES = /^application\/(scim\+)?json\s*(;|$)/i;

export function scimRoute(handler: (context: ScimContext) => Promise<ScimAnswer>) {
  return async (request: NextRequest, context: NextRouteContext): Promise<Response> => {
    try {
      const scim = await authenticateScim(request.headers.get("authorization"));
      // A route without dynamic segments gets no params from Next.
      const raw = (await context?.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]),
      );
      const body = await readBody(request);
      const answer = await handler({ request, scim, params, body });
      return respond(answer.status ?? 200, answer.body, answer.headers);
    } catch (error) {
      return scimErrorResponse(error);
    }
  };
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const common = { "cache-control": "no-store", ...headers };
  if (body === undefined) return new Response(null, { status, headers: common });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": `${SCIM_CONTENT_TYPE}; charset=utf-8`, ...common },
  });
}

async function readBody(request: NextRequest): Promise<unknown> {
  if (request.method === "GET" || request.method === "DELETE" || !request.body) return undefined;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  const text = (await readCapped(request.body, MAX_BODY_BYTES, tooLarge)).toString("utf8");
  if (text.trim() === "") return undefined;
  if (!JSON_TYPES.test(request.headers.get("content-type") ?? "")) {
    throw new ScimError(415, `Send the body as JSON with Content-Type: ${SCIM_CONTENT_TYPE}.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw scimBadRequest("invalidSyntax", "The request body is not valid JSON.");
  }
  // Text no attribute can hold (NUL, unpaired surrogates, bidirectional overrides), as the JSON
  // API refuses it: PostgreSQL cannot store the first two (the audit trail is jsonb).
  const [path, problem] = Object.entries(unsafeTextFields(body))[0] ?? [];
  if (path) throw scimBadRequest("invalidValue", `${path}: ${problem}`);
  return body;
}

function tooLarge(): ScimError {
  return new ScimError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`);
}

export function scimErrorResponse(error: unknown): Response {
  if (error instanceof ScimError) return respond(error.status, scimErrorBody(error), error.headers);
  // The portal must keep someone who can change people, whoever deactivates the last ADMIN.
  if (error instanceof LastAdminError)
    return scimErrorResponse(scimBadRequest("mutability", `${error.message} (Refused over SCIM.)`));
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return scimErrorResponse(
      new ScimError(409, "Another person already has this userName, e-mail or externalId.", "uniqueness"),
    );
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
    return scimErrorResponse(new ScimError(404, "Resource not found."));
  }
  console.error("Unhandled error in SCIM route:", maskLog(inspect(error)));
  return respond(
    500,
    scimErrorBody(new ScimError(500, "Something went wrong on our side. It has been logged.")),
  );
}
