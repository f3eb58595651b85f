import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { automationStatus, derivePrerequisites, normaliseKey } from "@/lib/domain/prerequisites";
import {
  AUTOMATION_KINDS,
  CONNECTOR_SHARINGS,
  CONNECTOR_STATUSES,
  type ConnectorInput,
  CREDENTIAL_STORES,
  type EngineInput,
  GATEWAY_KINDS,
  GATEWAY_STATUSES,
  type PrerequisiteType,
  REQUEST_STATUSES,
  REVIEW_OUTCOMES,
  type RequestInput,
  type ReviewInput,
  RUN_MODES,
  SIGN_IN_METHODS,
  SYSTEM_LOCATIONS,
  type SystemAccessInput,
  WINDOWS_ACCOUNT_TYPES,
} from "@/lib/domain/types";

// ---------------------------------------------------------------------------------------
// Arbitraries: small pools so that names, services, departments and keys collide often.
// ---------------------------------------------------------------------------------------

const DEPARTMENTS = ["dept-finance", "dept-hr", "dept-it"] as const;
const SERVICES = ["sap-erp", " SAP-ERP", "workday", "Workday ", "crm"] as const;
const NAMES = ["ERP", "erp ", "Online banking", "SharePoint", "CRM", "PC App", "File share"] as const;

// A few fixed instants (so expiries tie with each other and with "now") plus arbitrary ones.
const date = fc.oneof(
  fc.constantFrom(
    new Date("2026-01-31T00:00:00Z"),
    new Date("2026-06-15T12:00:00Z"),
    new Date("2027-01-31T00:00:00Z"),
  ),
  fc.date({
    min: new Date("2025-01-01T00:00:00Z"),
    max: new Date("2028-12-31T00:00:00Z"),
    noInvalidDate: true,
  }),
);
const text = (pool: ReadonlyArray<string>) => fc.oneof(fc.constantFrom(...pool), fc.string({ maxLength: 6 }));
const optionalText = (pool: ReadonlyArray<string>) => fc.option(text(pool), { nil: null });

const systemArb: fc.Arbitrary<SystemAccessInput> = fc.record({
  id: fc.constantFrom("s1", "s2", "s3", "s4", "s5", "s6"),
  name: text(NAMES),
  location: fc.constantFrom(...SYSTEM_LOCATIONS),
  signInMethod: fc.constantFrom(...SIGN_IN_METHODS),
  sso: fc.boolean(),
  service: fc.option(fc.oneof(fc.constantFrom(...SERVICES), fc.constant("  ")), { nil: null }),
  credential: fc.option(
    fc.record({
      store: fc.constantFrom(...CREDENTIAL_STORES),
      name: text(["kv-finance/banking-bot", "safe/erp", " "]),
      owner: text(["Finance IT"]),
      rotatesAt: date,
    }),
    { nil: null },
  ),
  machineGroup: optionalText(["mg-finance", " "]),
  windowsAccount: optionalText(["svc-bot", "jdoe"]),
  windowsAccountType: fc.option(fc.constantFrom(...WINDOWS_ACCOUNT_TYPES), { nil: null }),
});

const connectorArb: fc.Arbitrary<ConnectorInput> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  name: text(["SAP ERP", "Workday", "CRM"]),
  service: text(SERVICES),
  status: fc.constantFrom(...CONNECTOR_STATUSES),
  keyExpiresAt: date,
  sharing: fc.constantFrom(...CONNECTOR_SHARINGS),
  departmentIds: fc.subarray([...DEPARTMENTS]),
});

const requestKeyArb = fc.oneof(
  fc.constantFrom(
    "GATEWAY",
    "ENTRA_CONNECTION",
    ...NAMES.flatMap((n) => [`SHARED_KEY_CONNECTOR:${normaliseKey(n)}`, `CREDENTIAL:${normaliseKey(n)}`]),
  ),
  fc.string({ maxLength: 8 }),
);

const requestArb: fc.Arbitrary<RequestInput> = fc.record({
  prerequisiteKey: requestKeyArb,
  status: fc.constantFrom(...REQUEST_STATUSES),
  decisionReason: optionalText(["Use the shared connector", ""]),
  createdAt: date,
});

// Mostly declarations that never match, so that reviews of other declarations are exercised;
// the properties below add matching ones themselves.
const reviewArb: fc.Arbitrary<ReviewInput> = fc.record({
  key: requestKeyArb,
  outcome: fc.constantFrom(...REVIEW_OUTCOMES),
  declaration: text(["Service identity “svc-expenses”", ""]),
  reason: optionalText(["No such secret", ""]),
});

const inputArb: fc.Arbitrary<EngineInput> = fc.record({
  automation: fc.record({
    kind: fc.constantFrom(...AUTOMATION_KINDS),
    runMode: fc.constantFrom(...RUN_MODES),
    runAs: optionalText(["Finance clerks", "svc-expenses", "  "]),
    departmentId: fc.constantFrom(...DEPARTMENTS),
    retired: fc.boolean(),
    machine: optionalText(["PC-FIN-042", "mg-finance", " "]),
    windowsAccount: optionalText(["svc-bot", "jdoe"]),
    windowsAccountType: fc.option(fc.constantFrom(...WINDOWS_ACCOUNT_TYPES), { nil: null }),
    systems: fc.array(systemArb, { maxLength: 6 }),
  }),
  gateway: fc.option(
    fc.record({
      id: fc.constantFrom("gw-1", "mg-1"),
      name: text(["gw-eu-1", "mg-finance"]),
      kind: fc.constantFrom(...GATEWAY_KINDS),
      status: fc.constantFrom(...GATEWAY_STATUSES),
    }),
    { nil: null },
  ),
  connectors: fc.uniqueArray(connectorArb, { selector: (c) => c.id, maxLength: 6 }),
  requests: fc.array(requestArb, { maxLength: 6 }),
  reviews: fc.array(reviewArb, { maxLength: 3 }),
  now: date,
});

const RUNS = { numRuns: 500 };

function expectedPerSystemType(system: SystemAccessInput): PrerequisiteType | null {
  switch (system.signInMethod) {
    case "USERNAME_PASSWORD":
      return system.sso ? null : "CREDENTIAL";
    case "WINDOWS":
      return "WINDOWS_SIGN_IN";
    case "SHARED_KEY":
      return "SHARED_KEY_CONNECTOR";
    case "ENTRA_ID":
      return null;
  }
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

describe("derivePrerequisites — properties", () => {
  it("is deterministic and never mutates its input", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const before = structuredClone(input);
        const first = derivePrerequisites(input);
        expect(input).toEqual(before);
        expect(derivePrerequisites(input)).toEqual(first);
        expect(derivePrerequisites(structuredClone(input))).toEqual(first);
      }),
      RUNS,
    );
  });

  it("does not depend on the order of the connectors", () => {
    const arb = inputArb.chain((input) =>
      fc
        .shuffledSubarray([...input.connectors], {
          minLength: input.connectors.length,
          maxLength: input.connectors.length,
        })
        .map((connectors) => [input, { ...input, connectors }] as const),
    );
    fc.assert(
      fc.property(arb, ([input, shuffled]) => {
        expect(derivePrerequisites(shuffled)).toEqual(derivePrerequisites(input));
      }),
      RUNS,
    );
  });

  it("is READY exactly when not retired and every prerequisite is SATISFIED; status follows the rules", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { prerequisites, status } = derivePrerequisites(input);
        const retired = input.automation.retired;
        const allSatisfied = prerequisites.every((p) => p.status === "SATISFIED");
        const anyBlocking = prerequisites.some((p) => p.status === "REJECTED" || p.status === "EXPIRED");
        expect(status === "READY").toBe(!retired && allSatisfied);
        expect(status === "RETIRED").toBe(retired);
        expect(status === "BLOCKED").toBe(!retired && anyBlocking);
        expect(status).toBe(automationStatus(prerequisites, retired));
      }),
      RUNS,
    );
  });

  it("retiring changes the status only, never the prerequisites", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const flip = (retired: boolean) =>
          derivePrerequisites({ ...input, automation: { ...input.automation, retired } });
        expect(flip(true).prerequisites).toEqual(flip(false).prerequisites);
      }),
      RUNS,
    );
  });

  it("no SHARED_KEY system ⇒ no SHARED_KEY_CONNECTOR prerequisite (and one per SHARED_KEY system)", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { prerequisites } = derivePrerequisites(input);
        const sharedKeySystems = input.automation.systems.filter((s) => s.signInMethod === "SHARED_KEY");
        const connectorPrereqs = prerequisites.filter((p) => p.type === "SHARED_KEY_CONNECTOR");
        expect(connectorPrereqs).toHaveLength(sharedKeySystems.length);
        if (sharedKeySystems.length === 0) expect(connectorPrereqs).toEqual([]);
      }),
      RUNS,
    );
  });

  it("creates exactly the prerequisites the sign-in methods call for, in a fixed order", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { automation } = input;
        const { prerequisites } = derivePrerequisites(input);
        const needsGateway =
          automation.kind === "DESKTOP_FLOW" ||
          automation.kind === "WEBSITE_AUTOMATION" ||
          automation.systems.some((s) => s.location === "ON_PREMISES");
        const needsEntra = automation.systems.some((s) => s.signInMethod === "ENTRA_ID");
        const desktop = automation.kind === "DESKTOP_FLOW";
        const perSystem = automation.systems.flatMap((s) => {
          const type = expectedPerSystemType(s);
          return type ? [[type, s.id, s.name]] : [];
        });
        expect(
          prerequisites.map((p) =>
            p.systemAccessId === null ? [p.type] : [p.type, p.systemAccessId, p.systemName],
          ),
        ).toEqual([
          ...(needsGateway ? [["GATEWAY"]] : []),
          ...(desktop ? [["WINDOWS_SIGN_IN"]] : []),
          ...(needsEntra ? [["ENTRA_CONNECTION"]] : []),
          ...perSystem,
        ]);
      }),
      RUNS,
    );
  });

  it("an approved, unexpired connector shared with the department satisfies every system with its service at once, and changes nothing else", () => {
    const arb = fc.record({
      input: inputArb,
      service: fc.constantFrom(...SERVICES),
      sharing: fc.constantFrom(...CONNECTOR_SHARINGS),
      otherDepartments: fc.subarray([...DEPARTMENTS]),
      validFor: fc.integer({ min: 1, max: 400 * 24 * 3600 * 1000 }),
      connectorName: text(["SAP ERP"]),
    });
    fc.assert(
      fc.property(arb, ({ input, service, sharing, otherDepartments, validFor, connectorName }) => {
        const added: ConnectorInput = {
          id: "added-connector",
          name: connectorName,
          service,
          status: "APPROVED",
          keyExpiresAt: new Date(input.now.getTime() + validFor),
          sharing,
          departmentIds: [...otherDepartments, input.automation.departmentId],
        };
        const before = derivePrerequisites(input).prerequisites;
        const after = derivePrerequisites({
          ...input,
          connectors: [...input.connectors, added],
        }).prerequisites;
        const s = normaliseKey(service);
        const matches = (systemIndex: number) => {
          const system = input.automation.systems[systemIndex];
          return system?.signInMethod === "SHARED_KEY" && normaliseKey(system.service ?? "") === s;
        };
        expect(after).toHaveLength(before.length);
        // Per-system prerequisites come in system order; map each back to its system.
        const offset = after.length - input.automation.systems.filter((x) => expectedPerSystemType(x)).length;
        const systemIndexes = input.automation.systems.flatMap((x, i) =>
          expectedPerSystemType(x) ? [i] : [],
        );
        after.forEach((p, i) => {
          const systemIndex = i >= offset ? systemIndexes[i - offset] : undefined;
          if (systemIndex !== undefined && matches(systemIndex)) {
            expect(p.type).toBe("SHARED_KEY_CONNECTOR");
            expect(p.status).toBe("SATISFIED");
          } else {
            expect(p).toEqual(before[i]);
          }
        });
      }),
      RUNS,
    );
  });

  it("a connector shared only with other departments changes nothing", () => {
    const arb = fc.record({ input: inputArb, extra: connectorArb }).map(({ input, extra }) => ({
      input,
      foreign: {
        ...extra,
        id: `foreign-${extra.id}`,
        sharing: "DEPARTMENTS" as const,
        departmentIds: extra.departmentIds.filter((d) => d !== input.automation.departmentId),
      },
    }));
    fc.assert(
      fc.property(arb, ({ input, foreign }) => {
        expect(derivePrerequisites({ ...input, connectors: [foreign, ...input.connectors] })).toEqual(
          derivePrerequisites(input),
        );
      }),
      RUNS,
    );
  });

  it("a pending request for every key leaves no gateway or connector OUTSTANDING, EXPIRED or REJECTED", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const keys = derivePrerequisites(input).prerequisites.map((p) => p.key);
        const pending = keys.map((prerequisiteKey) => ({
          prerequisiteKey,
          status: "PENDING" as const,
          decisionReason: null,
          createdAt: input.now,
        }));
        const { prerequisites } = derivePrerequisites({
          ...input,
          requests: [...input.requests, ...pending],
        });
        for (const p of prerequisites) {
          if (p.type === "GATEWAY" || p.type === "SHARED_KEY_CONNECTOR") {
            expect(["SATISFIED", "REQUESTED"]).toContain(p.status);
          }
        }
      }),
      RUNS,
    );
  });

  it("keys are unique within a derivation, and every prerequisite is well formed", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { prerequisites } = derivePrerequisites(input);
        const keys = prerequisites.map((p) => p.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const p of prerequisites) {
          expect(p.key.startsWith(p.type)).toBe(true);
          expect(p.reason.trim().length).toBeGreaterThan(0);
          expect(p.satisfiedBy !== null).toBe(p.status === "SATISFIED");
          expect(p.action === null).toBe(p.status === "SATISFIED" || p.status === "REQUESTED");
          if (p.connectorId !== null) expect(p.type).toBe("SHARED_KEY_CONNECTOR");
          if (p.gatewayId !== null) expect(p.type).toBe("GATEWAY");
        }
      }),
      RUNS,
    );
  });

  it("every SATISFIED has a basis and nothing else has one: APPROVED exactly for what IT provides", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const p of derivePrerequisites(input).prerequisites) {
          const providedByIt = p.type === "GATEWAY" || p.type === "SHARED_KEY_CONNECTOR";
          if (p.status !== "SATISFIED") expect(p.basis).toBeNull();
          else if (providedByIt) expect(p.basis).toBe("APPROVED");
          else expect(["DECLARED", "VERIFIED"]).toContain(p.basis);
        }
      }),
      RUNS,
    );
  });

  it("a desktop flow has exactly one Windows sign-in of its own, which no gateway satisfies", () => {
    const arb = fc.record({
      input: inputArb,
      gateway: fc.record({
        id: fc.constantFrom("gw-1", "mg-1"),
        name: text(["gw-eu-1", "mg-finance"]),
        kind: fc.constantFrom(...GATEWAY_KINDS),
        status: fc.constantFrom(...GATEWAY_STATUSES),
      }),
    });
    fc.assert(
      fc.property(arb, ({ input, gateway }) => {
        const own = (i: EngineInput) =>
          derivePrerequisites(i).prerequisites.filter((p) => p.key === "WINDOWS_SIGN_IN");
        const mine = own(input);
        if (input.automation.kind !== "DESKTOP_FLOW") {
          expect(mine).toEqual([]);
          return;
        }
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ type: "WINDOWS_SIGN_IN", systemAccessId: null, gatewayId: null });
        const { machine, windowsAccount, windowsAccountType } = input.automation;
        const recorded = !!machine?.trim() && !!windowsAccount?.trim();
        const accountFits = input.automation.runMode === "ATTENDED" || windowsAccountType === "SERVICE";
        if (!recorded || !accountFits) expect(mine[0]?.status).toBe("OUTSTANDING");
        // Whatever gateway is assigned (or none), the machine's sign-in is the same.
        expect(own({ ...input, gateway })).toEqual(mine.map((p) => ({ ...p, reason: expect.any(String) })));
        expect(own({ ...input, gateway: null })[0]?.status).toBe(mine[0]?.status);
      }),
      RUNS,
    );
  });

  it("IT's review applies to exactly the declaration it reviewed: VERIFIED upgrades, SENT_BACK reopens, a new declaration voids it", () => {
    const arb = fc.record({
      input: inputArb,
      outcome: fc.constantFrom(...REVIEW_OUTCOMES),
      pick: fc.nat(),
      reason: text(["No such secret"]),
    });
    fc.assert(
      fc.property(arb, ({ input, outcome, pick, reason }) => {
        const before = derivePrerequisites(input).prerequisites;
        const declared = before.filter((p) => p.basis === "DECLARED");
        if (declared.length === 0) return;
        const target = declared[pick % declared.length]!;
        const review: ReviewInput = { key: target.key, outcome, declaration: target.satisfiedBy!, reason };
        // The reviewed key's older reviews are replaced, as the table keeps one per key.
        const reviews = [...input.reviews.filter((r) => r.key !== target.key), review];
        const after = derivePrerequisites({ ...input, reviews }).prerequisites;
        expect(after.map((p) => p.key)).toEqual(before.map((p) => p.key));
        after.forEach((p, i) => {
          if (p.key !== target.key) expect(p).toEqual(before[i]);
          else if (outcome === "VERIFIED") expect(p).toEqual({ ...target, basis: "VERIFIED" });
          else {
            expect(p.status).toBe("OUTSTANDING");
            expect([p.satisfiedBy, p.basis]).toEqual([null, null]);
            expect(p.action?.kind).toBe("EDIT_SYSTEM");
          }
        });
        // The same review of another declaration changes nothing.
        const voided = [...reviews.slice(0, -1), { ...review, declaration: `${review.declaration} (old)` }];
        const again = derivePrerequisites({ ...input, reviews: voided }).prerequisites;
        expect(again.find((p) => p.key === target.key)).toEqual(target);
      }),
      RUNS,
    );
  });
});
