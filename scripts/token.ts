/**
 * Personal API tokens from the command line, for operators and scripts:
 *
 *   npm run token -- create --email it@preflight.test [--days 30] [--name "Nightly export"]
 *   npm run token -- list --email it@preflight.test
 *   npm run token -- revoke --email it@preflight.test --prefix pf_AbCdEfG
 *
 * `create` prints the token as the LAST line of its output and nowhere else (so
 * `TOKEN=$(npm run -s token -- create … | tail -n 1)` works); everything else names a token by
 * its prefix only. Needs DATABASE_URL. Exit codes: 0 ok, 1 error, 2 usage.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { ensureServerCondition } from "./lib/server-condition";

const USAGE = `Usage: npm run token -- <command> --email <email> [options]

Commands:
  create   Create a token for the person (active, signed in at least once or added by an ADMIN).
           --days <1-365>  lifetime in days (default 90)   --name <text>  what it is for
  list     The person's tokens: prefix, status, expiry, last use.
  revoke   Revoke one of the person's tokens: --prefix <pf_…>`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      days: { type: "string" },
      name: { type: "string" },
      prefix: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const command = positionals[0];
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!command || !["create", "list", "revoke"].includes(command)) throw new UsageError(USAGE);
  if (!values.email) throw new UsageError(`--email is required.\n\n${USAGE}`);
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: point it at the portal's database (postgresql://…).");
  }

  const { prisma } = await import("../lib/db");
  const { SYSTEM_ACTOR } = await import("@/lib/audit/server/record-audit");
  const { createToken, listTokens, revokeToken } = await import("@/lib/tokens/server/tokens");
  const { ZCreateTokenBody } = await import("../lib/tokens/schemas");

  const email = values.email.trim().toLowerCase();
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, active: true, email: true },
  });
  if (!user) {
    throw new Error(
      `Nobody with e-mail ${email}. They appear after their first sign-in, or when an ADMIN adds them.`,
    );
  }
  const actor = SYSTEM_ACTOR(`npm run token (${os.userInfo().username})`);

  if (command === "list") {
    const tokens = await listTokens({ caller: user });
    if (tokens.length === 0) console.log(`${email} has no API tokens.`);
    for (const token of tokens) {
      console.log(
        `${token.prefix}…  ${token.status.padEnd(7)}  expires ${day(token.expiresAt)}  last used ${day(token.lastUsedAt)}  ${token.name}`,
      );
    }
    return 0;
  }

  if (command === "revoke") {
    if (!values.prefix) throw new UsageError(`--prefix is required for revoke.\n\n${USAGE}`);
    const prefix = values.prefix.replace(/…$/, "");
    const token = await prisma.apiToken.findFirst({
      where: { userId: user.id, prefix },
      select: { id: true },
    });
    if (!token) throw new Error(`${email} has no token with prefix ${prefix}.`);
    const revoked = await revokeToken({ userId: user.id, tokenId: token.id, actor });
    console.log(`Revoked API token ${revoked.prefix}… ("${revoked.name}") of ${email}.`);
    return 0;
  }

  if (!user.active)
    throw new Error(`${email} is deactivated: a token would not work. An ADMIN can reactivate them.`);
  const parsed = ZCreateTokenBody.safeParse({
    name: values.name ?? `Command line (${new Date().toISOString().slice(0, 10)})`,
    expiresInDays: values.days,
  });
  if (!parsed.success) {
    const flag = (path: PropertyKey[]) => (path[0] === "expiresInDays" ? "--days" : `--${path.join(".")}`);
    throw new UsageError(
      parsed.error.issues.map((issue) => `${flag(issue.path)}: ${issue.message}`).join("\n"),
    );
  }
  const created = await createToken({ userId: user.id, ...parsed.data, actor });
  console.log(
    `Created API token "${created.name}" (${created.prefix}…) for ${email}, expires ${day(created.expiresAt)}.`,
  );
  console.log("Send it as: Authorization: Bearer <token>. It is shown once, on the next line:");
  console.log(created.token);
  return 0;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "never";
}

ensureServerCondition();
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
