// Every size of the benchmark company follows from one number, the automations: the issue's
// reference company has 100,000 of them, 300 departments, 20,000 people, ~350,000 system
// accesses, 2,000 connectors, 200 gateways, 50,000 requests and 1,000,000 audit events.

export interface Scale {
  automations: number;
  departments: number;
  people: number;
  /** Distinct shared-key services (SaaS APIs, internal APIs) that connectors are for. */
  services: number;
  connectors: number;
  gateways: number;
  requests: number;
  auditEvents: number;
  /** Days of outstanding-prerequisite history kept for the trend chart. */
  snapshotDays: number;
}

const REFERENCE = 100_000;

export function scaleFor(automations: number): Scale {
  const f = automations / REFERENCE;
  const scaled = (reference: number, min: number) => Math.max(min, Math.round(reference * f));
  return {
    automations,
    departments: scaled(300, 5),
    people: scaled(20_000, 60),
    services: scaled(300, 12),
    connectors: scaled(2_000, 30),
    gateways: scaled(200, 6),
    requests: Math.round(automations / 2),
    auditEvents: automations * 10,
    snapshotDays: 90,
  };
}

/** The service of the connector the revoke scenario revokes; ~10 % of automations use it. */
export const REVOKE_SERVICE = "sap-erp";
export const REVOKE_CONNECTOR_NAME = "SAP ERP (company-wide)";
export const REVOKE_SHARE = 0.1;

/** Every person of the benchmark company has an address in this domain (the seed's marker). */
export const BENCH_EMAIL_DOMAIN = "@bench.preflight.test";

/** The people the benchmark signs in as (with API tokens it creates and removes itself). */
export const BENCH_ACCOUNTS = {
  it: `it${BENCH_EMAIL_DOMAIN}`,
  admin: `admin${BENCH_EMAIL_DOMAIN}`,
  manager: `manager${BENCH_EMAIL_DOMAIN}`,
  maker: `maker${BENCH_EMAIL_DOMAIN}`,
} as const;

/** The benchmark manager manages this many departments. */
export const MANAGER_DEPARTMENTS = 3;

/** A wrong command line, or a database that does not fit it (exit code 2). */
export class UsageError extends Error {}

/** What `npm run bench` needs of bench:seed's figures (bench/results.seed.json). */
export interface SeedResult {
  database: string;
  automations: number;
}

/**
 * How far the automations may be from `npm run bench -- --scale`: the benchmark's own writes add
 * a few (and delete them again); a company seeded for another size is off by far more.
 */
const SCALE_TOLERANCE = 0.01;

/**
 * The size the run is for: --scale when the database holds that many automations (within
 * SCALE_TOLERANCE, and exactly the size its last seed was, when bench:seed's figures are of this
 * database); without --scale (--small, --only), the database's own size. Refuses otherwise.
 */
export function checkScale(
  scale: number | undefined,
  automations: number,
  seed: SeedResult | null,
  usage: string,
): number {
  if (scale === undefined) return seed?.automations ?? automations;
  const fits = Math.abs(automations - scale) <= scale * SCALE_TOLERANCE;
  if (!fits || (seed && seed.automations !== scale)) {
    const seeded = seed ? ` (seeded with --automations ${seed.automations})` : "";
    throw new UsageError(
      `This database holds ${automations.toLocaleString("en")} automations${seeded}, not the ${scale.toLocaleString("en")} ` +
        `of --scale ${scale}. Pass --scale ${seed?.automations ?? automations} for this database, or seed one for ` +
        `${scale}: npm run bench:seed -- --automations ${scale}.\n\n${usage}`,
    );
  }
  return scale;
}
