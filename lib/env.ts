import { z } from "zod";
import { DEV_IDP_DEFAULTS } from "@/lib/auth/demo-accounts";
import { Role } from "@/lib/generated/prisma/enums";

// The only module that reads process.env (a Biome rule bans it elsewhere). Every
// variable is validated once; a bad value stops the process with its name and the problem.

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const groupRoles = z
  .string()
  .optional()
  .transform((value, context): Record<string, Role> => {
    if (!value) return {};
    try {
      return z.record(z.string().min(1), z.enum(Role)).parse(JSON.parse(value));
    } catch {
      context.addIssue({
        code: "custom",
        message: `must be a JSON object of group id to role (${Object.keys(Role).join(", ")}), e.g. {"<group-id>":"IT_APPROVER"}`,
      });
      return z.NEVER;
    }
  });

/** SHUTDOWN_GRACE_MS when unset; scripts/serve.ts waits longer than it before it kills the server. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (scripts/serve.ts sets it to the embedded database when unset)" })
    .trim()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * How long a request waits for a connection (a free one from the pool, or a new one to the
   * server) before it is answered 503: a database that is down or saturated must not hang requests.
   */
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1_500),
  /** Postgres cancels a statement of the app's pool that runs longer (0: never). Exports set their own 60 s. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Connections of the job queue (pg-boss) per instance, besides DATABASE_POOL_SIZE. */
  JOBS_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(4),
  /** The public address of the portal, used for sign-in redirects and links in e-mails. */
  APP_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  /** Signs session cookies. Required in production; development and tests use a fixed local one. */
  AUTH_SECRET: optionalString,
  /** Microsoft Entra ID (production sign-in). */
  AUTH_ENTRA_TENANT_ID: optionalString,
  AUTH_ENTRA_CLIENT_ID: optionalString,
  AUTH_ENTRA_CLIENT_SECRET: optionalString,
  /** JSON object mapping Entra group object ids to roles, e.g. {"<group-id>":"IT_APPROVER"}. */
  AUTH_ENTRA_GROUP_ROLES: optionalString.pipe(groupRoles),
  /** Any other OpenID Connect provider (Okta, Google Workspace, Keycloak...). */
  AUTH_OIDC_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().trim().default("Single sign-on"),
  /** The claim holding role names (MAKER, IT_APPROVER, MANAGER, ADMIN); dots reach into objects, e.g. realm_access.roles. */
  AUTH_OIDC_ROLES_CLAIM: z.string().trim().min(1).default("roles"),
  /** Sign-in attempts per client IP and minute; token requests per token and minute. */
  AUTH_SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  API_TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** SCIM requests per SCIM token and minute: an initial provisioning cycle sends thousands at once. */
  SCIM_RATE_LIMIT: z.coerce.number().int().min(1).default(6000),
  /**
   * Proxies in front of Preflight that append to X-Forwarded-For (load balancer, CDN): the
   * client address for rate limits is that many entries from the right. 0 (no proxy): the
   * connection's address, and X-Forwarded-For is ignored.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The bundled development identity provider (started by scripts/serve.ts): its issuer URL. */
  DEV_IDP_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DEV_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(DEV_IDP_DEFAULTS.port),
  /** Development values; the dev identity provider listens on 127.0.0.1 only. */
  DEV_IDP_CLIENT_ID: z.string().trim().min(1).default(DEV_IDP_DEFAULTS.clientId),
  DEV_IDP_CLIENT_SECRET: z.string().trim().min(1).default(DEV_IDP_DEFAULTS.clientSecret),
  ALLOW_DEV_IDP_IN_PRODUCTION: booleanFlag,
  /** e-mail: smtp://user:pass@host:port — notifications are in-app only when unset. */
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().trim().default("Preflight <preflight@localhost>"),
  /**
   * On SIGTERM, how long the requests in flight get to finish before they are cut (a download
   * still running is aborted); the job queue and the pools close after it (lib/shutdown.ts).
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_SHUTDOWN_GRACE_MS),
  /**
   * Read by `next build` (it is baked into the build): the key of server actions' ids and
   * closures, base64 of 16, 24 or 32 bytes. The same for every build of one deployment.
   */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        (value) =>
          /^[A-Za-z0-9+/]+={0,2}$/.test(value) && [16, 24, 32].includes(Buffer.from(value, "base64").length),
        "must be base64 of 16, 24 or 32 bytes (openssl rand -base64 32)",
      )
      .optional(),
  ),
  /** Disables the background job queue in this process (e.g. in unit tests). */
  JOBS_DISABLED: booleanFlag,
  /** Serves GET /api/bench/constant, the benchmark's web-tier ceiling; `npm run bench` sets it. */
  BENCH_CONSTANT_ROUTE: booleanFlag,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Bearer token that GET /api/metrics requires; unset: the route answers 404. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
});

export type Env = z.infer<typeof EnvSchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`).join("\n");
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment:\n${describeIssues(result.error)}`);
  }
  const env = result.data;
  const problems: string[] = [];
  if (env.NODE_ENV === "production" && (!env.AUTH_SECRET || env.AUTH_SECRET.length < 32)) {
    problems.push(
      "AUTH_SECRET: required in production, at least 32 characters (e.g. openssl rand -base64 48)",
    );
  }
  // Half a provider configuration is a typo, not a choice: say so at start, not at sign-in.
  for (const [name, keys] of Object.entries(PROVIDER_SETTINGS)) {
    const set = keys.filter((key) => env[key] !== undefined);
    if (set.length > 0 && set.length < keys.length) {
      problems.push(
        `${keys.filter((key) => env[key] === undefined).join(", ")}: required with the other ${name} settings`,
      );
    }
  }
  if (problems.length > 0)
    throw new Error(`Invalid environment:\n${problems.map((line) => `  ${line}`).join("\n")}`);
  return env;
}

const PROVIDER_SETTINGS = {
  "Microsoft Entra ID": ["AUTH_ENTRA_TENANT_ID", "AUTH_ENTRA_CLIENT_ID", "AUTH_ENTRA_CLIENT_SECRET"],
  OIDC: ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"],
} as const satisfies Record<string, readonly (keyof Env)[]>;

let cached: Env | undefined;

/** The validated environment, parsed on first use. */
export function env(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    // next-auth 4 reads its public address from NEXTAUTH_URL itself; derive it from APP_URL so
    // there is one setting (an explicit NEXTAUTH_URL still wins).
    process.env.NEXTAUTH_URL ??= cached.APP_URL;
  }
  return cached;
}

/**
 * A secret given by reference, e.g. the live sync's client secret: the variable's value, read
 * when it is needed and never kept, logged or stored. Only names such as MY_SECRET are read.
 */
export function secretVariable(name: string): string | undefined {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) return undefined;
  return process.env[name] || undefined;
}

/**
 * The variables whose names start with `prefix`, as they are now (not cached): settings read
 * each time they are used, such as the live sync's (lib/inventory/server/sync-settings.ts).
 */
export function variablesWithPrefix(prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith(prefix) && Boolean(entry[1]),
    ),
  );
}
