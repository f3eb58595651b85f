import "server-only";
import { randomBytes } from "node:crypto";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import { type Caller, hashToken, TOKEN_DISPLAY_LENGTH, TOKEN_PREFIX } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { forbidden, notFound } from "@/lib/http/errors";
import { maskIfSecret } from "@/lib/secrets/mask";
import type { CreatedToken, TokenStatus, TokenView } from "@/lib/tokens/contract";
import type { TCreateTokenBody } from "@/lib/tokens/schemas";

// Personal API tokens. The value is shown once and stored as a SHA-256 hash; the first ten
// characters (the prefix) identify it in lists, logs and the audit trail.

const DAY_MS = 86_400_000;

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} satisfies Prisma.ApiTokenSelect;

type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;

export interface CreateTokenInput {
  userId: string;
  name: string;
  expiresInDays: number;
  /** Who creates it: the owner on the page, or the command line for an operator. */
  actor: AuditActor;
}

export async function createToken(input: CreateTokenInput): Promise<CreatedToken> {
  const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
  for (let attempt = 0; ; attempt++) {
    // 256 random bits: guessing is hopeless, so a plain (fast) hash is the right store.
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const prefix = token.slice(0, TOKEN_DISPLAY_LENGTH);
    try {
      const row = await prisma.$transaction(async (tx) => {
        const created = await tx.apiToken.create({
          data: { userId: input.userId, name: input.name, prefix, hash: hashToken(token), expiresAt },
          select: tokenSelect,
        });
        await recordAudit(tx, {
          actor: input.actor,
          action: "token.created",
          entityType: "ApiToken",
          entityId: created.id,
          after: { name: created.name, prefix, ownerId: input.userId, expiresAt },
        });
        return created;
      });
      return { ...toView(row), token };
    } catch (error) {
      // Prefixes are unique and 42 bits long: a clash is rare, a second draw ends it.
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!clash || attempt >= 2) throw error;
    }
  }
}

/**
 * A token for the caller themself. Only from a browser session: a leaked token must not be
 * able to mint fresh ones that outlive its revocation.
 */
export async function createOwnToken(caller: Caller, body: TCreateTokenBody): Promise<CreatedToken> {
  if (caller.via === "token") {
    throw forbidden(
      "API tokens cannot create tokens. Create one on the API tokens page or with npm run token.",
    );
  }
  return createToken({
    userId: caller.id,
    name: body.name,
    expiresInDays: body.expiresInDays,
    actor: callerActor(caller),
  });
}

export async function revokeOwnToken(caller: Caller, tokenId: string): Promise<TokenView> {
  return revokeToken({ userId: caller.id, tokenId, actor: callerActor(caller) });
}

export async function listTokens({ caller }: { caller: Pick<Caller, "id"> }): Promise<TokenView[]> {
  const userId = caller.id;
  const rows = await prisma.apiToken.findMany({
    where: { userId },
    select: tokenSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => toView(row));
}

/** Revokes one of the owner's tokens; someone else's is "not found". Revoking twice is harmless. */
export async function revokeToken(input: {
  userId: string;
  tokenId: string;
  actor: AuditActor;
}): Promise<TokenView> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: input.tokenId, userId: input.userId },
      select: tokenSelect,
    });
    if (!token) throw notFound("API token");
    if (token.revokedAt) return toView(token);
    const revoked = await tx.apiToken.update({
      where: { id: token.id },
      data: { revokedAt: new Date() },
      select: tokenSelect,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "token.revoked",
      entityType: "ApiToken",
      entityId: token.id,
      before: { prefix: token.prefix, revokedAt: null },
      after: { prefix: token.prefix, revokedAt: revoked.revokedAt },
    });
    return toView(revoked);
  });
}

function toView(row: TokenRow, now = new Date()): TokenView {
  const status: TokenStatus = row.revokedAt
    ? "REVOKED"
    : row.expiresAt && row.expiresAt <= now
      ? "EXPIRED"
      : "ACTIVE";
  return {
    id: row.id,
    // A name written before the secret rules existed (a key pasted as the name) is masked.
    name: maskIfSecret(row.name),
    prefix: row.prefix,
    status,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
