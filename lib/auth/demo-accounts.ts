import type { Role } from "@/lib/generated/prisma/enums";

// The people of the bundled development identity provider (scripts/lib/dev-idp.ts). The
// demo seed creates the same people, so the first sign-in finds them instead of creating
// strangers. Plain data: imported by scripts that run outside Next.

export interface DemoAccount {
  /** The subject the dev identity provider issues; stable, like Entra's `oid`. */
  subject: string;
  email: string;
  name: string;
  /** Department name, sent as the `department` claim. */
  department: string;
  /** Sent as the `roles` claim, as Entra sends app roles. */
  roles: Role[];
  /** Sent as the `managed_departments` claim (department names). */
  managedDepartments: string[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    subject: "demo-maker",
    email: "maker@preflight.test",
    name: "Mia Maker",
    department: "Finance",
    roles: ["MAKER"],
    managedDepartments: [],
  },
  {
    subject: "demo-it",
    email: "it@preflight.test",
    name: "Ivan IT",
    department: "IT",
    roles: ["IT_APPROVER"],
    managedDepartments: [],
  },
  {
    subject: "demo-manager",
    email: "manager@preflight.test",
    name: "Maya Manager",
    department: "Finance",
    roles: ["MANAGER"],
    managedDepartments: ["Finance", "Sales"],
  },
  {
    subject: "demo-admin",
    email: "admin@preflight.test",
    name: "Ada Admin",
    department: "IT",
    roles: ["ADMIN"],
    managedDepartments: [],
  },
  {
    // A second maker; the browser tests sign out as Sam, which ends every session of theirs.
    subject: "demo-sales",
    email: "sam.sales@preflight.test",
    name: "Sam Sales",
    department: "Sales",
    roles: ["MAKER"],
    managedDepartments: [],
  },
];

/** The provider id the app registers the development identity provider under. */
export const DEV_IDP_PROVIDER_ID = "dev-idp";

/**
 * Defaults shared by the dev identity provider and the app (lib/env.ts). The secret is not a
 * secret: the dev identity provider listens on 127.0.0.1 only and accepts any password anyway.
 */
export const DEV_IDP_DEFAULTS = {
  port: 3901,
  clientId: "preflight-dev",
  clientSecret: "preflight-dev-client-secret",
} as const;

/** The callback the app registers for the dev identity provider. */
export function devIdpRedirectUri(appUrl: string): string {
  return `${new URL(appUrl).origin}/api/auth/callback/${DEV_IDP_PROVIDER_ID}`;
}

/**
 * `User.externalId` of a demo account once it signed in through the dev identity provider
 * (the app stores `<provider id>:<subject>`); the seed sets it so sign-in links at once.
 */
export function demoExternalId(account: Pick<DemoAccount, "subject">): string {
  return `${DEV_IDP_PROVIDER_ID}:${account.subject}`;
}

export function findDemoAccount(login: string): DemoAccount | undefined {
  const wanted = login.trim().toLowerCase();
  return DEMO_ACCOUNTS.find((account) => account.email === wanted || account.subject === wanted);
}
