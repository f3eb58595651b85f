import "server-only";
import { createHash } from "node:crypto";
import { queryPrepared } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/http/cursor";
import { rateLimited, unauthenticated } from "@/lib/http/errors";
import { consumeRateLimit } from "@/lib/http/server/rate-limit";

/**
 * Who is calling, as read from the database on this very request: roles, active state and
 * managed departments are never taken from the session cookie, so a role taken away or a
 * person deactivated takes effect on their next request.
 */
export interface Caller {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  departmentId: string | null;
  /** The name of the caller's department, read with the rest (GET /me shows it). */
  departmentName: string | null;
  managedDepartmentIds: string[];
  via: "session" | "token";
  /** The token's prefix when `via` is "token" (never the token itself). */
  tokenPrefix?: string;
}

/** A write by the caller to one record, at the version they read: a 409 when it has moved on. */
export interface VersionedChange {
  caller: Caller;
  id: string;
  version: number;
}

/** A change the caller asks of one record: its id and the body they sent. */
export interface RecordChange<Input> {
  caller: Caller;
  id: string;
  input: Input;
}

export const TOKEN_PREFIX = "pf_";
/** How much of a token is stored and shown to identify it: "pf_" and 7 random characters. */
export const TOKEN_DISPLAY_LENGTH = 10;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** What a caller is made of, read from `users u` (one row per person). */
const CALLER_COLUMNS = `u.id::text as id, u.email, u.name, u."departmentId"::text as "departmentId",
       (select d.name from departments d where d.id = u."departmentId") as "departmentName",
       array(select distinct r.role::text from role_assignments r where r."userId" = u.id) as roles,
       array(select m."departmentId"::text from department_managers m
              where m."userId" = u.id order by 1) as "managedDepartmentIds"`;

type CallerRow = Pick<
  Caller,
  "id" | "email" | "name" | "departmentId" | "departmentName" | "roles" | "managedDepartmentIds"
>;

/** The caller's own fields only: a row may carry more (a token's). */
function toCaller(row: CallerRow, via: Caller["via"]): Caller {
  const { id, email, name, departmentId, departmentName, managedDepartmentIds } = row;
  return {
    id,
    email,
    name,
    departmentId,
    departmentName,
    roles: [...row.roles].sort(),
    managedDepartmentIds,
    via,
  };
}

/**
 * The person behind a request, with roles and managed departments, or null when unknown or
 * deactivated. A session also brings when its sign-in happened (ms): a session from before
 * the person's last sign-out is refused, whichever copy of its cookie is shown.
 */
export async function loadCaller(
  userId: string,
  via: Caller["via"],
  sessionSignedInAt?: number,
): Promise<Caller | null> {
  if (!isUuid(userId)) return null;
  // Every request of every signed-in person starts here, so it is one prepared statement sent
  // with pg itself: through Prisma the same statement costs two to three times the CPU
  // (BENCHMARKS.md).
  const { rows } = await queryPrepared<CallerRow>(
    `select ${CALLER_COLUMNS}
       from users u
      where u.id = $1::uuid and u.active
        and ($2::float8 is null or u."sessionsRevokedAt" is null
             or u."sessionsRevokedAt" < to_timestamp($2::float8 / 1000))`,
    [userId, via === "session" ? (sessionSignedInAt ?? 0) : null],
  );
  const user = rows[0];
  return user ? toCaller(user, via) : null;
}

/** A token and, when its owner is active, the owner as a caller (id null otherwise). */
type TokenRow = {
  tokenId: string;
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
} & { [K in keyof CallerRow]: CallerRow[K] | null };

/** How stale a token's lastUsedAt may be before a call writes it again. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Resolves `Authorization: Bearer pf_…`. A missing, malformed, expired or revoked token, or
 * one whose owner was deactivated, is a 401 with a message that never repeats the token.
 */
export async function callerFromBearer(header: string): Promise<Caller> {
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const token = match?.[1];
  if (!token?.startsWith(TOKEN_PREFIX) || token.length < 20 || token.length > 200) {
    throw unauthenticated("Malformed API token: send Authorization: Bearer pf_…");
  }
  // The token and its owner in one prepared statement sent with pg, as a session's caller: an
  // API-token request costs what a session's does (BENCHMARKS.md, issue #16's eighth part).
  const { rows } = await queryPrepared<TokenRow>(
    `select t.id::text as "tokenId", t.prefix, t."expiresAt", t."revokedAt", t."lastUsedAt", owner.*
       from api_tokens t
       left join lateral (select ${CALLER_COLUMNS} from users u where u.id = t."userId" and u.active) owner
         on true
      where t.hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) throw unauthenticated("Unknown API token.");
  if (row.revokedAt) throw unauthenticated(`API token ${row.prefix}… was revoked.`);
  if (row.expiresAt && row.expiresAt <= new Date())
    throw unauthenticated(`API token ${row.prefix}… has expired.`);
  // Counted on the token that was proven (its id), never on its prefix: the prefix is shown in
  // the audit trail, and forged tokens that share it must not spend its owner's budget.
  const retryAfter = await consumeRateLimit("token", row.tokenId);
  if (retryAfter !== null) {
    throw rateLimited(
      `Too many requests with API token ${row.prefix}…; retry in ${retryAfter} s.`,
      retryAfter,
    );
  }
  if (row.id === null) throw unauthenticated("The owner of this API token is deactivated.");
  // With the owner's id, the lateral join gave every one of the owner's columns.
  const caller = toCaller(row as TokenRow & CallerRow, "token");
  // lastUsedAt is informational: a minute's precision is enough, so most calls write nothing.
  if (!row.lastUsedAt || row.lastUsedAt.getTime() < Date.now() - LAST_USED_PRECISION_MS) {
    await queryPrepared(
      `update api_tokens set "lastUsedAt" = now()
        where id = $1::uuid and ("lastUsedAt" is null or "lastUsedAt" < now() - make_interval(secs => $2::float8))`,
      [row.tokenId, LAST_USED_PRECISION_MS / 1000],
    );
  }
  return { ...caller, tokenPrefix: row.prefix };
}
