import { describe, expect, it } from "vitest";
import { derivePrerequisites } from "@/lib/domain/prerequisites";
import {
  type AutomationDraft,
  clearErrors,
  controlId,
  draftFromAutomation,
  emptyDraft,
  emptySystem,
  fieldPaths,
  fixTarget,
  isServiceKey,
  LIMITS,
  newUid,
  orderedErrors,
  type PreviewContext,
  placeServerErrors,
  rotationInstant,
  type SystemDraft,
  sameAnswers,
  sanitizeDraft,
  shiftSystemErrors,
  stepOfPath,
  systemPaths,
  toCreateBody,
  toEngineInput,
  toUpdateBody,
  validateBasics,
  validateStep,
  validateSystems,
} from "./form";

// The registration wizard's model, without React: drafts to API bodies and engine input,
// the client-side checks and their exact messages, and where each error path is shown.

const FUTURE = "2099-06-30";

function system(overrides: Partial<SystemDraft> = {}): SystemDraft {
  return { ...emptySystem(), ...overrides };
}

function draft(overrides: Partial<AutomationDraft> = {}): AutomationDraft {
  return {
    ...emptyDraft(),
    name: "Expense reporting",
    description: "Reconciles card statements",
    kind: "CLOUD_FLOW",
    runMode: "ATTENDED",
    departmentId: "",
    runAs: "",
    systems: [system({ uid: "sp", name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" })],
    ...overrides,
  };
}

const banking = (overrides: Partial<SystemDraft> = {}) =>
  system({
    uid: "bank",
    name: "Online banking",
    location: "CLOUD",
    signInMethod: "USERNAME_PASSWORD",
    ...overrides,
  });

const erp = (overrides: Partial<SystemDraft> = {}) =>
  system({
    uid: "erp",
    name: "ERP",
    location: "ON_PREMISES",
    signInMethod: "SHARED_KEY",
    service: "sap-erp",
    ...overrides,
  });

const financePc = (overrides: Partial<SystemDraft> = {}) =>
  system({ uid: "pc", name: "Finance PC", location: "ON_PREMISES", signInMethod: "WINDOWS", ...overrides });

const credential = {
  credentialStore: "AZURE_KEY_VAULT",
  credentialName: "kv-finance/banking-bot",
  credentialOwner: "fiona.finance@preflight.test",
  credentialRotatesAt: FUTURE,
} as const;

/** A system draft with nothing answered, its client id aside. */
const UNANSWERED_SYSTEM = {
  name: "",
  location: "",
  signInMethod: "",
  sso: false,
  service: "",
  credentialStore: "",
  credentialName: "",
  credentialOwner: "",
  credentialRotatesAt: "",
  credentialRotatedAt: "",
  machineGroup: "",
  windowsAccount: "",
  windowsAccountType: "",
};

describe("new drafts", () => {
  it("an empty system has every answer unanswered and a fresh client id", () => {
    const empty = emptySystem();
    expect(empty).toEqual({ uid: expect.stringMatching(/^s[a-z0-9]+$/), ...UNANSWERED_SYSTEM });
    expect(emptySystem().uid).not.toBe(empty.uid);
  });

  it("client ids do not repeat", () => {
    const ids = new Set(Array.from({ length: 500 }, () => newUid()));
    expect(ids.size).toBe(500);
  });

  it("an empty draft has one empty system and the department given", () => {
    expect(emptyDraft("d-1")).toEqual({
      name: "",
      description: "",
      kind: "",
      runMode: "",
      departmentId: "d-1",
      runAs: "",
      machine: "",
      windowsAccount: "",
      windowsAccountType: "",
      systems: [expect.objectContaining({ name: "", signInMethod: "" })],
    });
    expect(emptyDraft().departmentId).toBe("");
  });
});

describe("draftFromAutomation", () => {
  type Automation = Parameters<typeof draftFromAutomation>[0];
  const automation = (overrides: Record<string, unknown> = {}) =>
    ({
      name: "Expense reporting",
      description: null,
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      departmentId: "dep-fallback",
      department: { id: "dep-1", name: "Finance" },
      runAs: null,
      systems: [
        {
          id: "sys-1",
          name: "Online banking",
          location: "CLOUD",
          signInMethod: "USERNAME_PASSWORD",
          sso: false,
          service: null,
          credentialReference: {
            store: "AZURE_KEY_VAULT",
            name: "kv-finance/banking-bot",
            owner: "fiona.finance@preflight.test",
            rotatesAt: "2099-06-30T00:00:00.000Z",
          },
          machineGroup: null,
          windowsAccount: null,
          windowsAccountType: null,
        },
        {
          id: "sys-2",
          name: "Finance PC",
          location: "ON_PREMISES",
          signInMethod: "WINDOWS",
          sso: false,
          service: null,
          credentialReference: null,
          machineGroup: "Finance desktops",
          windowsAccount: "CORP\\svc-bank-bot",
          windowsAccountType: "SERVICE",
        },
      ],
      ...overrides,
    }) as unknown as Automation;

  it("fills every answer from the automation; blanks where it has none", () => {
    expect(draftFromAutomation(automation())).toEqual({
      name: "Expense reporting",
      description: "",
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      departmentId: "dep-1",
      runAs: "",
      machine: "",
      windowsAccount: "",
      windowsAccountType: "",
      systems: [
        {
          ...UNANSWERED_SYSTEM,
          uid: "sys-1",
          name: "Online banking",
          location: "CLOUD",
          signInMethod: "USERNAME_PASSWORD",
          credentialStore: "AZURE_KEY_VAULT",
          credentialName: "kv-finance/banking-bot",
          credentialOwner: "fiona.finance@preflight.test",
          credentialRotatesAt: "2099-06-30",
        },
        {
          ...UNANSWERED_SYSTEM,
          uid: "sys-2",
          name: "Finance PC",
          location: "ON_PREMISES",
          signInMethod: "WINDOWS",
          machineGroup: "Finance desktops",
          windowsAccount: "CORP\\svc-bank-bot",
          windowsAccountType: "SERVICE",
        },
      ],
    });
  });

  it("keeps run-as and description; falls back to departmentId without a department", () => {
    const filled = draftFromAutomation(
      automation({ department: null, runAs: "svc-close", description: "Closes the month" }),
    );
    expect(filled).toMatchObject({
      departmentId: "dep-fallback",
      runAs: "svc-close",
      description: "Closes the month",
    });
  });

  it("an unreadable rotation date becomes an unanswered one", () => {
    const broken = automation();
    (broken.systems[0]!.credentialReference as { rotatesAt: string }).rotatesAt = "not a date";
    expect(draftFromAutomation(broken).systems[0]!.credentialRotatesAt).toBe("");
  });
});

describe("toCreateBody", () => {
  it("trims the answers and leaves out an unanswered department and run-as", () => {
    expect(
      toCreateBody(draft({ name: "  Expense reporting ", description: " Reconciles  ", runAs: "   " })),
    ).toEqual({
      name: "Expense reporting",
      description: "Reconciles",
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
    });
  });

  it("sends the department and run-as when answered", () => {
    expect(toCreateBody(draft({ departmentId: "dep-1", runAs: " Finance team " }))).toMatchObject({
      departmentId: "dep-1",
      runAs: "Finance team",
    });
  });

  it("sends only the fields of each system's sign-in method", () => {
    const leftovers = {
      service: "left-over",
      machineGroup: "left over",
      windowsAccount: "left over",
      windowsAccountType: "SERVICE",
      ...credential,
    } as const;
    const body = toCreateBody(
      draft({
        systems: [
          banking({
            credentialName: " kv-finance/banking-bot ",
            credentialOwner: " fiona@x.test ",
            service: "x",
          }),
          banking({ name: "Travel portal", sso: true, ...credential }),
          banking({ name: "Market portal" }),
          erp({ ...leftovers, service: " sap-erp " }),
          financePc({
            ...credential,
            service: "x",
            machineGroup: " Finance desktops ",
            windowsAccount: " CORP\\svc-bank-bot ",
            windowsAccountType: "SERVICE",
          }),
          financePc({ name: "Label printer PC" }),
          system({ name: " SharePoint ", location: "CLOUD", signInMethod: "ENTRA_ID", ...leftovers }),
        ],
      }),
    );
    expect(body.systems).toEqual([
      {
        name: "Online banking",
        location: "CLOUD",
        signInMethod: "USERNAME_PASSWORD",
        sso: false,
        credentialReference: {
          store: "",
          name: "kv-finance/banking-bot",
          owner: "fiona@x.test",
          rotatesAt: "",
        },
      },
      { name: "Travel portal", location: "CLOUD", signInMethod: "USERNAME_PASSWORD", sso: true },
      { name: "Market portal", location: "CLOUD", signInMethod: "USERNAME_PASSWORD", sso: false },
      { name: "ERP", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service: "sap-erp" },
      {
        name: "Finance PC",
        location: "ON_PREMISES",
        signInMethod: "WINDOWS",
        machineGroup: "Finance desktops",
        windowsAccount: "CORP\\svc-bank-bot",
        windowsAccountType: "SERVICE",
      },
      { name: "Label printer PC", location: "ON_PREMISES", signInMethod: "WINDOWS" },
      { name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" },
    ]);
  });

  it("a complete credential reference is sent as typed", () => {
    expect(toCreateBody(draft({ systems: [banking(credential)] })).systems[0]).toEqual({
      name: "Online banking",
      location: "CLOUD",
      signInMethod: "USERNAME_PASSWORD",
      sso: false,
      credentialReference: {
        store: "AZURE_KEY_VAULT",
        name: "kv-finance/banking-bot",
        owner: "fiona.finance@preflight.test",
        rotatesAt: FUTURE,
      },
    });
  });
});

describe("toUpdateBody", () => {
  it("is the whole form with the version it was based on", () => {
    expect(toUpdateBody(draft({ runAs: "svc" }), 3, true)).toEqual({
      ...toCreateBody(draft({ runAs: "svc" })),
      version: 3,
    });
  });

  it("a cleared run-as is sent as null; one that never was stays out", () => {
    expect(toUpdateBody(draft({ runAs: "  " }), 2, true).runAs).toBeNull();
    expect(toUpdateBody(draft({ runAs: "  " }), 2, false)).not.toHaveProperty("runAs");
  });
});

describe("isServiceKey", () => {
  it.each(["sap-erp", " SAP-ERP ", "sap.erp", "a", "wms2", "x".repeat(LIMITS.service)])(
    "accepts %j",
    (key) => {
      expect(isServiceKey(key)).toBe(true);
    },
  );

  it.each(["", "   ", "sap erp", "sap--erp", "sap_erp", "-sap", "sap.", "x".repeat(LIMITS.service + 1)])(
    "refuses %j",
    (key) => {
      expect(isServiceKey(key)).toBe(false);
    },
  );
});

describe("validateBasics", () => {
  it("accepts a complete step", () => {
    expect(validateBasics(draft({ departmentId: "dep-1" }), { departmentRequired: true })).toEqual({});
    expect(validateBasics(draft(), { departmentRequired: false })).toEqual({});
  });

  it("names every unanswered question", () => {
    expect(validateBasics(emptyDraft(), { departmentRequired: true })).toEqual({
      name: "Enter the automation's name",
      kind: "Choose what kind of automation it is",
      runMode: "Choose whether a person runs it (attended) or it runs on its own (unattended)",
      departmentId: "Choose the department it belongs to",
    });
  });

  it("asks for a department only when the maker must choose one", () => {
    expect(validateBasics(emptyDraft(), { departmentRequired: false })).not.toHaveProperty("departmentId");
  });

  it("a name of blanks is no name", () => {
    expect(validateBasics(draft({ name: "   " }), { departmentRequired: false })).toEqual({
      name: "Enter the automation's name",
    });
  });

  it("stops at the API's lengths, counted after trimming", () => {
    expect(
      validateBasics(
        draft({
          name: "n".repeat(LIMITS.name + 1),
          description: "d".repeat(LIMITS.description + 1),
          runAs: "r".repeat(LIMITS.runAs + 1),
        }),
        { departmentRequired: false },
      ),
    ).toEqual({
      name: "The name is 121 characters long; keep it to 120 or fewer",
      description: "The purpose is 2,001 characters long; keep it to 2,000 or fewer",
      runAs: "This is 201 characters long; keep it to 200 or fewer",
    });
    expect(
      validateBasics(
        draft({
          name: ` ${"n".repeat(LIMITS.name)} `,
          description: ` ${"d".repeat(LIMITS.description)} `,
          runAs: ` ${"r".repeat(LIMITS.runAs)} `,
        }),
        { departmentRequired: false },
      ),
    ).toEqual({});
  });
});

describe("validateSystems", () => {
  it("accepts systems of every sign-in method, answered in full", () => {
    expect(
      validateSystems(
        draft({
          systems: [
            banking(credential),
            banking({ name: "Travel portal", sso: true }),
            banking({ name: "Market portal" }),
            erp(),
            financePc(),
            system({ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }),
          ],
        }),
      ),
    ).toEqual({});
  });

  it("asks for at least one system", () => {
    expect(validateSystems(draft({ systems: [] }))).toEqual({
      systems: "Add at least one system it signs in to",
    });
  });

  it("names an unnamed system by its place, a named one by its name", () => {
    expect(validateSystems(draft({ systems: [system(), system({ name: " ERP " })] }))).toEqual({
      "systems.0.name": "Enter the name of system 1",
      "systems.0.location": "Choose where system 1 lives",
      "systems.0.signInMethod": "Choose how system 1 signs in",
      "systems.1.location": "Choose where “ERP” lives",
      "systems.1.signInMethod": "Choose how “ERP” signs in",
    });
  });

  it("refuses a name listed twice, whatever its case and blanks", () => {
    expect(validateSystems(draft({ systems: [erp(), erp({ uid: "erp2", name: " erp " })] }))).toEqual({
      "systems.1.name": "“erp” is listed twice — give each system its own name",
    });
  });

  it("a shared key needs a well-formed service", () => {
    expect(validateSystems(draft({ systems: [erp({ service: "  " })] }))).toEqual({
      "systems.0.service": "Pick an approved connector, or name the service “ERP” uses (e.g. sap-erp)",
    });
    expect(validateSystems(draft({ systems: [erp({ service: "SAP ERP" })] }))).toEqual({
      "systems.0.service":
        "Write the service as a key like sap-erp: letters and digits, with single “-” or “.” between them",
    });
  });

  it("a credential reference is optional, but once started it is complete", () => {
    expect(
      validateSystems(draft({ systems: [banking({ credentialName: "kv-finance/banking-bot" })] })),
    ).toEqual({
      "systems.0.credentialReference.store": "Choose where the credential for “Online banking” is kept",
      "systems.0.credentialReference.owner": "Enter the e-mail address of the credential's owner",
      "systems.0.credentialReference.rotatesAt": "Enter the date the password is next rotated",
    });
    expect(validateSystems(draft({ systems: [banking({ credentialStore: "AZURE_KEY_VAULT" })] }))).toEqual({
      "systems.0.credentialReference.name":
        "Enter the name of the secret or entry — where it lives, never the password",
      "systems.0.credentialReference.owner": "Enter the e-mail address of the credential's owner",
      "systems.0.credentialReference.rotatesAt": "Enter the date the password is next rotated",
    });
  });

  it("the owner is an e-mail address and the rotation lies ahead", () => {
    expect(
      validateSystems(
        draft({
          systems: [banking({ ...credential, credentialOwner: "fiona", credentialRotatesAt: "2020-01-31" })],
        }),
      ),
    ).toEqual({
      "systems.0.credentialReference.owner": "Enter the owner's e-mail address, like name@example.com",
      "systems.0.credentialReference.rotatesAt": "Enter a rotation date in the future",
    });
  });

  it("a system that signs in with SSO has no credential to check", () => {
    expect(
      validateSystems(
        draft({ systems: [banking({ sso: true, credentialOwner: "fiona", credentialRotatesAt: "x" })] }),
      ),
    ).toEqual({});
  });
});

describe("validateStep", () => {
  const options = { departmentRequired: false };

  it("step 1 (basics) says what validateBasics says, in its words rather than the schema's", () => {
    expect(validateStep(0, emptyDraft(), options)).toEqual({
      name: "Enter the automation's name",
      kind: "Choose what kind of automation it is",
      runMode: "Choose whether a person runs it (attended) or it runs on its own (unattended)",
    });
  });

  it("adds what only the API's schema refuses, on the step of its field", () => {
    expect(validateStep(0, draft({ departmentId: "finance" }), options)).toEqual({
      departmentId: "departmentId must be a department id.",
    });
  });

  it("a name over the schema's limit is refused with its length, in the form's words", () => {
    expect(validateStep(1, draft({ systems: [erp({ name: "E".repeat(5000) })] }), options)).toEqual({
      "systems.0.name": "The system's name is 5,000 characters long; keep it to 100 or fewer",
    });
    expect(validateStep(0, draft({ name: "N".repeat(5000) }), options)).toEqual({
      name: "The name is 5,000 characters long; keep it to 120 or fewer",
    });
  });

  it("keeps to its own step's fields", () => {
    expect(validateStep(1, draft({ name: "", kind: "" }), options)).toEqual({});
    expect(validateStep(0, draft({ systems: [system()] }), options)).toEqual({});
  });

  it("step 2 (systems) prefers the friendly message where both speak", () => {
    expect(validateStep(1, draft({ systems: [erp({ service: "" })] }), options)).toEqual({
      "systems.0.service": "Pick an approved connector, or name the service “ERP” uses (e.g. sap-erp)",
    });
  });

  it("the prerequisites and review steps have nothing to check", () => {
    expect(validateStep(2, emptyDraft(), options)).toEqual({});
    expect(validateStep(3, emptyDraft(), options)).toEqual({});
  });
});

describe("error paths", () => {
  it("controlId turns a path into a DOM id", () => {
    expect(controlId("name")).toBe("f-name");
    expect(controlId("systems.1.credentialReference.owner")).toBe("f-systems-1-credentialReference-owner");
    expect(controlId("(root)")).toBe("f--root-");
  });

  it("stepOfPath: basics on step 0, systems on step 1, anything else on the review", () => {
    for (const path of ["name", "description", "kind", "runMode", "departmentId", "runAs"])
      expect(stepOfPath(path), path).toBe(0);
    for (const path of ["systems", "systems.0.name", "systems.12.credentialReference.owner"])
      expect(stepOfPath(path), path).toBe(1);
    for (const path of ["version", "(root)", "systemsExtra", "owner"]) expect(stepOfPath(path), path).toBe(3);
  });

  it("fieldPaths lists the controls shown for each sign-in method, in reading order", () => {
    const shown = draft({
      systems: [
        banking(),
        banking({ name: "Travel portal", sso: true }),
        erp(),
        financePc(),
        system({ name: "SharePoint", signInMethod: "ENTRA_ID" }),
        system(),
      ],
    });
    expect(fieldPaths(shown)).toEqual([
      "name",
      "description",
      "kind",
      "runMode",
      "departmentId",
      "runAs",
      "systems",
      "systems.0.name",
      "systems.0.location",
      "systems.0.signInMethod",
      "systems.0.sso",
      "systems.0.credentialReference.store",
      "systems.0.credentialReference.name",
      "systems.0.credentialReference.owner",
      "systems.0.credentialReference.rotatesAt",
      "systems.0.credentialReference.rotatedAt",
      "systems.1.name",
      "systems.1.location",
      "systems.1.signInMethod",
      "systems.1.sso",
      "systems.2.name",
      "systems.2.location",
      "systems.2.signInMethod",
      "systems.2.service",
      "systems.3.name",
      "systems.3.location",
      "systems.3.signInMethod",
      "systems.3.machineGroup",
      "systems.3.windowsAccount",
      "systems.3.windowsAccountType",
      "systems.4.name",
      "systems.4.location",
      "systems.4.signInMethod",
      "systems.5.name",
      "systems.5.location",
      "systems.5.signInMethod",
    ]);
  });
});

describe("placeServerErrors", () => {
  const shown = draft({ systems: [banking(), banking({ name: "Travel portal", sso: true })] });

  it("puts a message on the control of its path", () => {
    expect(
      placeServerErrors(
        { name: "name is required.", "systems.0.credentialReference.owner": "bad owner" },
        shown,
      ),
    ).toEqual({
      errors: { name: "name is required.", "systems.0.credentialReference.owner": "bad owner" },
      general: [],
    });
  });

  it("reads credential for credentialReference and [n] for .n", () => {
    expect(
      placeServerErrors({ "systems.0.credential.store": "bad store", "systems[1].name": "bad name" }, shown)
        .errors,
    ).toEqual({ "systems.0.credentialReference.store": "bad store", "systems.1.name": "bad name" });
  });

  it("a path without a control of its own goes to its first shown field, else the system's name", () => {
    expect(
      placeServerErrors(
        {
          "systems.0.credentialReference": "remove it",
          "systems.1.credentialReference": "SSO has none",
          systems: "too many",
        },
        shown,
      ).errors,
    ).toEqual({
      "systems.0.credentialReference.store": "remove it",
      "systems.1.name": "SSO has none",
      systems: "too many",
    });
  });

  it("the first message for a control wins", () => {
    expect(
      placeServerErrors({ "systems[0].name": "first", "systems.0.name": "second" }, shown).errors,
    ).toEqual({ "systems.0.name": "first" });
  });

  it("what the form cannot show is a general message, named by its path unless it is the root", () => {
    expect(
      placeServerErrors(
        { "(root)": "Nothing to change.", version: "stale", "systems.7.name": "gone" },
        shown,
      ),
    ).toEqual({ errors: {}, general: ["Nothing to change.", "version: stale", "systems.7.name: gone"] });
  });
});

describe("orderedErrors", () => {
  it("sorts errors in reading order; those without a control come last, in their order", () => {
    const shown = draft({ systems: [banking(), erp()] });
    expect(
      orderedErrors(
        {
          version: "stale",
          "systems.1.service": "service",
          "(root)": "root",
          "systems.0.credentialReference.owner": "owner",
          kind: "kind",
          name: "name",
        },
        shown,
      ),
    ).toEqual([
      ["name", "name"],
      ["kind", "kind"],
      ["systems.0.credentialReference.owner", "owner"],
      ["systems.1.service", "service"],
      ["version", "stale"],
      ["(root)", "root"],
    ]);
  });
});

describe("clearErrors", () => {
  const errors = {
    name: "a",
    "systems.1": "b",
    "systems.1.credentialReference.owner": "c",
    "systems.10.name": "d",
    "systems.0.name": "e",
  };

  it("drops a field's errors and its sub-fields', nothing else", () => {
    expect(clearErrors(errors, "systems.1", "name")).toEqual({
      "systems.10.name": "d",
      "systems.0.name": "e",
    });
    expect(errors).toHaveProperty("name", "a");
  });

  it("answers the same object when nothing changes (no re-render)", () => {
    expect(clearErrors(errors, "runAs", "systems.2")).toBe(errors);
  });
});

describe("toEngineInput", () => {
  const context: PreviewContext = {
    departmentId: "dep-of-maker",
    connectors: [],
    gateway: null,
    requests: [],
    now: new Date("2030-01-01T00:00:00Z"),
  };

  it("is null until kind and run mode are answered", () => {
    expect(toEngineInput(draft({ kind: "" }), context)).toBeNull();
    expect(toEngineInput(draft({ runMode: "" }), context)).toBeNull();
  });

  it("the automation as answered so far, in the maker's department unless another was chosen", () => {
    expect(toEngineInput(draft({ runAs: "  " }), context)).toMatchObject({
      automation: {
        kind: "CLOUD_FLOW",
        runMode: "ATTENDED",
        runAs: null,
        departmentId: "dep-of-maker",
        retired: false,
      },
      gateway: null,
      connectors: [],
      requests: [],
      now: context.now,
    });
    expect(
      toEngineInput(draft({ runAs: " svc ", departmentId: "dep-1" }), context)?.automation,
    ).toMatchObject({
      runAs: "svc",
      departmentId: "dep-1",
    });
  });

  it("systems with a sign-in method, each with the fields of its method only", () => {
    const input = toEngineInput(
      draft({
        systems: [
          banking({ ...credential, service: "x", machineGroup: "x" }),
          banking({ uid: "half", name: "", location: "", credentialStore: "AZURE_KEY_VAULT" }),
          system({ uid: "unanswered", name: "Not yet" }),
          banking({ uid: "sso", name: "Travel portal", sso: true, ...credential }),
          erp({ service: " sap-erp ", ...credential }),
          erp({ uid: "erp-blank", name: "CRM", service: "  " }),
          financePc({
            machineGroup: " Finance desktops ",
            windowsAccount: " ",
            windowsAccountType: "SERVICE",
            sso: true,
          }),
        ],
      }),
      context,
    );
    const none = { sso: false, service: null, credential: null, machineGroup: null, windowsAccount: null };
    expect(input?.automation.systems).toEqual([
      {
        id: "bank",
        name: "Online banking",
        location: "CLOUD",
        signInMethod: "USERNAME_PASSWORD",
        ...none,
        credential: {
          store: "AZURE_KEY_VAULT",
          name: "kv-finance/banking-bot",
          owner: "fiona.finance@preflight.test",
          rotatesAt: new Date(FUTURE),
        },
        windowsAccountType: null,
      },
      // Unnamed: named by its place in the form; no location yet: assumed in the cloud.
      {
        id: "half",
        name: "System 2",
        location: "CLOUD",
        signInMethod: "USERNAME_PASSWORD",
        ...none,
        windowsAccountType: null,
      },
      {
        id: "sso",
        name: "Travel portal",
        location: "CLOUD",
        signInMethod: "USERNAME_PASSWORD",
        ...none,
        sso: true,
        credential: {
          store: "AZURE_KEY_VAULT",
          name: "kv-finance/banking-bot",
          owner: "fiona.finance@preflight.test",
          rotatesAt: new Date(FUTURE),
        },
        windowsAccountType: null,
      },
      {
        id: "erp",
        name: "ERP",
        location: "ON_PREMISES",
        signInMethod: "SHARED_KEY",
        ...none,
        service: "sap-erp",
        windowsAccountType: null,
      },
      {
        id: "erp-blank",
        name: "CRM",
        location: "ON_PREMISES",
        signInMethod: "SHARED_KEY",
        ...none,
        windowsAccountType: null,
      },
      {
        id: "pc",
        name: "Finance PC",
        location: "ON_PREMISES",
        signInMethod: "WINDOWS",
        ...none,
        machineGroup: "Finance desktops",
        windowsAccountType: "SERVICE",
      },
    ]);
  });

  it("an incomplete or unreadable credential is no credential", () => {
    const systems = (overrides: Partial<SystemDraft>) =>
      toEngineInput(draft({ systems: [banking({ ...credential, ...overrides })] }), context)?.automation
        .systems;
    expect(systems({ credentialOwner: " " })?.[0]?.credential).toBeNull();
    expect(systems({ credentialStore: "" })?.[0]?.credential).toBeNull();
    expect(systems({ credentialRotatesAt: "someday" })?.[0]?.credential).toBeNull();
  });
});

describe("fixTarget", () => {
  type Prerequisite = Parameters<typeof fixTarget>[0];
  const prerequisite = (type: string, systemAccessId: string | null) =>
    ({ type, systemAccessId }) as unknown as Prerequisite;
  const shown = draft({
    systems: [banking(), banking({ uid: "kv", ...credential }), erp(), financePc()],
  });

  it("an Entra connection is fixed in run-as", () => {
    expect(fixTarget(prerequisite("ENTRA_CONNECTION", null), shown)).toBe("runAs");
  });

  it("a credential: its store first, then its rotation date", () => {
    expect(fixTarget(prerequisite("CREDENTIAL", "bank"), shown)).toBe("systems.0.credentialReference.store");
    expect(fixTarget(prerequisite("CREDENTIAL", "kv"), shown)).toBe(
      "systems.1.credentialReference.rotatesAt",
    );
  });

  it("a Windows sign-in: the machine, then the account, then its type", () => {
    const windows = (overrides: Partial<SystemDraft>) =>
      fixTarget(prerequisite("WINDOWS_SIGN_IN", "pc"), draft({ systems: [financePc(overrides)] }));
    expect(windows({})).toBe("systems.0.machineGroup");
    expect(windows({ machineGroup: "Finance desktops" })).toBe("systems.0.windowsAccount");
    expect(windows({ machineGroup: "Finance desktops", windowsAccount: "CORP\\svc" })).toBe(
      "systems.0.windowsAccountType",
    );
  });

  it("a shared-key connector: the service", () => {
    expect(fixTarget(prerequisite("SHARED_KEY_CONNECTOR", "erp"), shown)).toBe("systems.2.service");
  });

  it("nothing the form can fix: a gateway, or a system no longer in the form", () => {
    expect(fixTarget(prerequisite("GATEWAY", null), shown)).toBeNull();
    expect(fixTarget(prerequisite("GATEWAY", "pc"), shown)).toBeNull();
    expect(fixTarget(prerequisite("CREDENTIAL", "removed"), shown)).toBeNull();
  });
});

describe("sanitizeDraft", () => {
  it("refuses what is not an object", () => {
    for (const value of [null, undefined, "draft", 42, true]) expect(sanitizeDraft(value)).toBeNull();
  });

  it("keeps a well-formed draft as it is", () => {
    const stored = draft({
      systems: [banking(credential), erp(), financePc({ windowsAccountType: "PERSONAL" })],
    });
    expect(sanitizeDraft(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });

  it("answers of an older or tampered build become unanswered", () => {
    const read = sanitizeDraft({
      name: 42,
      kind: "ROBOT",
      runMode: "ATTENDED",
      systems: [
        "not a system",
        null,
        {
          uid: 7,
          name: "ERP",
          location: "MOON",
          signInMethod: "SHARED_KEY",
          sso: "yes",
          credentialStore: "SHOEBOX",
          windowsAccountType: "ROOT",
        },
      ],
    });
    expect(read).toEqual({
      name: "",
      description: "",
      kind: "",
      runMode: "ATTENDED",
      departmentId: "",
      runAs: "",
      machine: "",
      windowsAccount: "",
      windowsAccountType: "",
      systems: [
        {
          ...UNANSWERED_SYSTEM,
          uid: expect.stringMatching(/^s[a-z0-9]+$/),
          name: "ERP",
          signInMethod: "SHARED_KEY",
        },
      ],
    });
  });

  it("cuts texts and lists to size", () => {
    const read = sanitizeDraft({
      name: "n".repeat(6000),
      departmentId: "d".repeat(200),
      systems: [
        { uid: "u".repeat(200), credentialRotatesAt: "2099-06-30T00:00:00Z" },
        ...Array.from({ length: 60 }, () => ({})),
      ],
    })!;
    expect(read.name).toHaveLength(5000);
    expect(read.departmentId).toHaveLength(100);
    expect(read.systems).toHaveLength(50);
    expect(read.systems[0]!.uid).toHaveLength(100);
    expect(read.systems[0]!.credentialRotatesAt).toBe("2099-06-30");
  });

  it("systems that are not a list are none", () => {
    expect(sanitizeDraft({ systems: { 0: {} } })?.systems).toEqual([]);
  });
});

describe("sameAnswers", () => {
  it("ignores client ids", () => {
    const a = draft({ systems: [erp()] });
    const b = draft({ systems: [erp({ uid: "another" })] });
    expect(sameAnswers(a, b)).toBe(true);
  });

  it("notices any other difference", () => {
    expect(sameAnswers(draft(), draft({ name: "Expense reporting 2" }))).toBe(false);
    expect(sameAnswers(draft({ systems: [erp()] }), draft({ systems: [erp({ service: "sap-hr" })] }))).toBe(
      false,
    );
    expect(sameAnswers(draft({ systems: [erp()] }), draft({ systems: [erp(), financePc()] }))).toBe(false);
  });
});

describe("systemPaths", () => {
  it("names the API paths of a system's fields", () => {
    expect(
      systemPaths(1, [
        "name",
        "credentialStore",
        "credentialName",
        "credentialOwner",
        "credentialRotatesAt",
        "sso",
      ]),
    ).toEqual([
      "systems.1.name",
      "systems.1.credentialReference.store",
      "systems.1.credentialReference.name",
      "systems.1.credentialReference.owner",
      "systems.1.credentialReference.rotatesAt",
      "systems.1.sso",
    ]);
  });
});

describe("shiftSystemErrors", () => {
  it("drops the removed system's errors and moves those below it up one", () => {
    expect(
      shiftSystemErrors(
        {
          name: "a",
          systems: "b",
          "systems.0.name": "c",
          "systems.1.name": "removed",
          "systems.1": "removed too",
          "systems.2.credentialReference.owner": "d",
          "systems.12": "e",
        },
        1,
      ),
    ).toEqual({
      name: "a",
      systems: "b",
      "systems.0.name": "c",
      "systems.1.credentialReference.owner": "d",
      "systems.11": "e",
    });
  });
});

describe("where a desktop flow runs", () => {
  const desktop = (overrides: Partial<AutomationDraft> = {}) =>
    draft({
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      machine: " PC-FIN-042 ",
      windowsAccount: " CORP\\svc-ap-bot ",
      windowsAccountType: "SERVICE",
      ...overrides,
    });
  const context: PreviewContext = {
    departmentId: "dep-1",
    connectors: [],
    gateway: null,
    requests: [],
    now: new Date("2026-06-15T12:00:00Z"),
  };

  it("is sent, trimmed, for a desktop flow only", () => {
    expect(toCreateBody(desktop())).toMatchObject({
      machine: "PC-FIN-042",
      windowsAccount: "CORP\\svc-ap-bot",
      windowsAccountType: "SERVICE",
    });
    const cloud = toCreateBody(desktop({ kind: "CLOUD_FLOW" }));
    for (const field of ["machine", "windowsAccount", "windowsAccountType"])
      expect(cloud).not.toHaveProperty(field);
  });

  it("a change sends unanswered parts as null, so that they are cleared", () => {
    expect(toUpdateBody(desktop({ machine: "", windowsAccountType: "" }), 4, false)).toMatchObject({
      machine: null,
      windowsAccount: "CORP\\svc-ap-bot",
      windowsAccountType: null,
      version: 4,
    });
  });

  it("lives on the first step, and only for desktop flows", () => {
    expect(stepOfPath("machine")).toBe(0);
    expect(stepOfPath("windowsAccountType")).toBe(0);
    expect(fieldPaths(desktop())).toEqual(
      expect.arrayContaining(["machine", "windowsAccount", "windowsAccountType"]),
    );
    expect(fieldPaths(draft())).not.toContain("machine");
    expect(
      validateBasics(desktop({ machine: "x".repeat(LIMITS.short + 1) }), { departmentRequired: false }),
    ).toEqual({
      machine: `The machine's name is ${LIMITS.short + 1} characters long; keep it to ${LIMITS.short} or fewer`,
    });
  });

  it("reaches the engine, which asks for the flow's own Windows sign-in until it is recorded", () => {
    const own = (d: AutomationDraft) =>
      toEngineInput(d, context) &&
      derivePrerequisites(toEngineInput(d, context)!).prerequisites.find((p) => p.key === "WINDOWS_SIGN_IN");
    expect(own(desktop())).toMatchObject({ status: "SATISFIED", basis: "DECLARED" });
    expect(own(desktop({ windowsAccountType: "PERSONAL" }))?.status).toBe("OUTSTANDING");
    expect(toEngineInput(desktop({ kind: "CLOUD_FLOW" }), context)?.automation).toMatchObject({
      machine: null,
      windowsAccount: null,
      windowsAccountType: null,
    });
  });

  it("its prerequisite's fix is the first missing answer", () => {
    const ownOf = (d: AutomationDraft) =>
      derivePrerequisites(toEngineInput(d, context)!).prerequisites.find((p) => p.key === "WINDOWS_SIGN_IN")!;
    expect(fixTarget(ownOf(desktop({ machine: "" })), desktop({ machine: "" }))).toBe("machine");
    expect(fixTarget(ownOf(desktop({ windowsAccount: "" })), desktop({ windowsAccount: "" }))).toBe(
      "windowsAccount",
    );
    const personal = desktop({ windowsAccountType: "PERSONAL" });
    expect(fixTarget(ownOf(personal), personal)).toBe("windowsAccountType");
  });

  it("a stored draft keeps its answers", () => {
    expect(
      sanitizeDraft({
        kind: "DESKTOP_FLOW",
        machine: "PC-1",
        windowsAccount: "CORP\\bot",
        windowsAccountType: "ROOT",
      }),
    ).toMatchObject({ machine: "PC-1", windowsAccount: "CORP\\bot", windowsAccountType: "" });
  });
});

describe("rotationInstant", () => {
  it("sends today's rotation as the moment it is recorded, any other day as the date", () => {
    const now = new Date(2026, 11, 5, 9, 30);
    expect(rotationInstant("2026-12-05", now)).toBe(now.toISOString());
    expect(rotationInstant("2026-12-01", now)).toBe("2026-12-01");
  });
});
