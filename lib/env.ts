import { z } from "zod";

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

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (scripts/serve.ts sets it to the embedded database when unset)" })
    .trim()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** The public address of the portal, used for sign-in redirects and links in e-mails. */
  APP_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  /** Signs session cookies. Required in production; development and tests use a fixed local one. */
  AUTH_SECRET: optionalString,
  /** Microsoft Entra ID (production sign-in). */
  AUTH_ENTRA_TENANT_ID: optionalString,
  AUTH_ENTRA_CLIENT_ID: optionalString,
  AUTH_ENTRA_CLIENT_SECRET: optionalString,
  /** JSON object mapping Entra group object ids to roles, e.g. {"<group-id>":"IT_APPROVER"}. */
  AUTH_ENTRA_GROUP_ROLES: optionalString,
  /** Any other OpenID Connect provider (Okta, Google Workspace, Keycloak...). */
  AUTH_OIDC_ISSUER: optionalString,
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().trim().default("Single sign-on"),
  /** The bundled development identity provider (started by scripts/serve.ts). */
  DEV_IDP_URL: optionalString,
  DEV_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3901),
  ALLOW_DEV_IDP_IN_PRODUCTION: booleanFlag,
  /** e-mail: smtp://user:pass@host:port — notifications are in-app only when unset. */
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().trim().default("Preflight <preflight@localhost>"),
  /** Disables the background job queue in this process (e.g. in unit tests). */
  JOBS_DISABLED: booleanFlag,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
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
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new Error("Invalid environment:\n  AUTH_SECRET: required in production (a long random string)");
  }
  return env;
}

let cached: Env | undefined;

/** The validated environment, parsed on first use. */
export function env(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
  }
  return cached;
}
