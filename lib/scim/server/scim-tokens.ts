import "server-only";
import { randomBytes } from "node:crypto";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import { type Caller, hashToken } from "@/lib/auth/server/caller";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { forbidden, notFound } from "@/lib/http/errors";
import { consumeRateLimit } from "@/lib/http/server/rate-limit";
import type { CreatedScimToken, ScimTokenView } from "@/lib/scim/contract";
import { ScimError } from "@/lib/scim/errors";
import type { TCreateScimTokenBody } from "@/lib/scim/schemas";

// The identity provider's SCIM credential. A service credential: it belongs to no person, so it
// keeps working when the ADMIN who created it leaves. Its own prefix keeps it apart from personal
// API tokens (pf_…): the API refuses it as malformed, and SCIM accepts nothing else.

export const SCIM_TOKEN_PREFIX = "pfscim_";
/** "pfscim_" and 7 random characters: what lists, logs and the audit trail show. */
const DISPLAY_LENGTH = SCIM_TOKEN_PREFIX.length + 7;

const select = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { email: true } },
} satisfies Prisma.ScimTokenSelect;

type Row = Prisma.ScimTokenGetPayload<{ select: typeof select }>;

function toView(row: Row): ScimTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    status: row.revokedAt ? "REVOKED" : "ACTIVE",
    createdBy: row.createdBy?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Only from a browser session: a leaked personal token must not mint provisioning credentials. */
function requireSession(caller: Caller): void {
  if (caller.via === "token")
    throw forbidden("SCIM tokens are created on the admin page, not with an API token.");
}

async function issue(
  tx: Tx,
  name: string,
  actor: AuditActor,
  createdById: string,
): Promise<CreatedScimToken> {
  // 256 random bits: a plain (fast) hash is the right store. A prefix clash (42 bits) would fail
  // the transaction on the unique index; the ADMIN simply tries again.
  const token = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, DISPLAY_LENGTH);
  const row = await tx.scimToken.create({
    data: { name, prefix, hash: hashToken(token), createdById },
    select,
  });
  await recordAudit(tx, {
    actor,
    action: "scim_token.created",
    entityType: "ScimToken",
    entityId: row.id,
    after: { name, prefix },
  });
  return { ...toView(row), token };
}

export async function createScimToken(caller: Caller, body: TCreateScimTokenBody): Promise<CreatedScimToken> {
  requireSession(caller);
  return prisma.$transaction((tx) => issue(tx, body.name, callerActor(caller), caller.id));
}

export async function listScimTokens(): Promise<ScimTokenView[]> {
  const rows = await prisma.scimToken.findMany({ select, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toView);
}

async function revokeIn(tx: Tx, id: string, actor: AuditActor): Promise<Row> {
  const row = await tx.scimToken.findUnique({ where: { id }, select });
  if (!row) throw notFound("SCIM token");
  if (row.revokedAt) return row;
  const revoked = await tx.scimToken.update({ where: { id }, data: { revokedAt: new Date() }, select });
  await recordAudit(tx, {
    actor,
    action: "scim_token.revoked",
    entityType: "ScimToken",
    entityId: id,
    before: { prefix: row.prefix, revokedAt: null },
    after: { prefix: row.prefix, revokedAt: revoked.revokedAt },
  });
  return revoked;
}

/** Revoking twice is harmless. */
export async function revokeScimToken(caller: Caller, id: string): Promise<ScimTokenView> {
  requireSession(caller);
  return toView(await prisma.$transaction((tx) => revokeIn(tx, id, callerActor(caller))));
}

/**
 * A new token under the same name, the old one revoked in the same transaction: provisioning
 * fails until the new token is pasted into the identity provider. For an overlap, create a
 * second token and revoke the first once the new one is in use.
 */
export async function rotateScimToken(caller: Caller, id: string): Promise<CreatedScimToken> {
  requireSession(caller);
  const actor = callerActor(caller);
  return prisma.$transaction(async (tx) => {
    const old = await revokeIn(tx, id, actor);
    return issue(tx, old.name, actor, caller.id);
  });
}

export interface ScimCaller {
  tokenId: string;
  actor: AuditActor;
}

/** Resolves `Authorization: Bearer pfscim_…` on a SCIM request; anything else is a SCIM 401. */
export async function authenticateScim(header: string | null): Promise<ScimCaller> {
  const challenge = { "www-authenticate": 'Bearer realm="preflight-scim"' };
  const token = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? "")?.[1];
  if (!token?.startsWith(SCIM_TOKEN_PREFIX) || token.length < 30 || token.length > 200) {
    throw new ScimError(
      401,
      "Send the SCIM token an ADMIN created: Authorization: Bearer pfscim_…",
      undefined,
      challenge,
    );
  }
  const row = await prisma.scimToken.findUnique({
    where: { hash: hashToken(token) },
    select: { id: true, prefix: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row) throw new ScimError(401, "Unknown SCIM token.", undefined, challenge);
  if (row.revokedAt) throw new ScimError(401, `SCIM token ${row.prefix}… was revoked.`, undefined, challenge);
  const retryAfter = await consumeRateLimit("scim", row.id);
  if (retryAfter !== null) {
    throw new ScimError(429, `Too many SCIM requests; retry in ${retryAfter} s.`, undefined, {
      "retry-after": String(retryAfter),
    });
  }
  // lastUsedAt is informational: a minute's precision is enough, so most requests write nothing.
  const aMinuteAgo = new Date(Date.now() - 60_000);
  if (!row.lastUsedAt || row.lastUsedAt < aMinuteAgo) {
    await prisma.scimToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: aMinuteAgo } }] },
      data: { lastUsedAt: new Date() },
    });
  }
  return { tokenId: row.id, actor: { id: null, label: `scim: token ${row.prefix}…` } };
}
