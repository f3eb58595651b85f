import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type pg from "pg";
import { hashToken, TOKEN_DISPLAY_LENGTH, TOKEN_PREFIX } from "@/lib/auth/server/caller";
import { BENCH_ACCOUNTS } from "./scale";

// Who the benchmark signs in as. Pages load their data with the browser's session cookie, so
// the page-like scenarios send one, minted with the server's AUTH_SECRET exactly as next-auth
// does after a sign-in; integrations use personal API tokens, created here for the run and
// deleted afterwards (stored as hashes, as the product does; printed nowhere).

export type Account = keyof typeof BENCH_ACCOUNTS;

export interface Principal {
  userId: string;
  email: string;
  cookie: string;
  token: string;
}

const TOKEN_NAME = "benchmark (deleted after the run)";

export async function preparePrincipals(
  client: pg.ClientBase | pg.Pool,
  secret: string,
): Promise<Record<Account, Principal>> {
  const { rows } = await client.query<{ id: string; email: string }>(
    `select id, email from users where email = any($1::text[])`,
    [Object.values(BENCH_ACCOUNTS)],
  );
  await removeTokens(client);
  const entries = await Promise.all(
    (Object.entries(BENCH_ACCOUNTS) as Array<[Account, string]>).map(async ([account, email]) => {
      const user = rows.find((row) => row.email === email);
      if (!user) {
        throw new Error(
          `No ${email} in this database: run npm run bench:seed first (it creates the benchmark's people).`,
        );
      }
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
      await client.query(
        `insert into api_tokens ("userId", name, prefix, hash, "expiresAt")
         values ($1, $2, $3, $4, now() + interval '1 day')`,
        [user.id, TOKEN_NAME, token.slice(0, TOKEN_DISPLAY_LENGTH), hashToken(token)],
      );
      const jwt = await encode({ token: { uid: user.id, provider: "entra", sub: user.id }, secret });
      const principal: Principal = {
        userId: user.id,
        email,
        cookie: `next-auth.session-token=${jwt}`,
        token,
      };
      return [account, principal] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Account, Principal>;
}

export async function removeTokens(client: pg.ClientBase | pg.Pool): Promise<void> {
  await client.query(`delete from api_tokens where name = $1`, [TOKEN_NAME]);
}
