import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_LIMITS, ZCreateDepartmentBody } from "@/lib/admin/schemas";
import { AUTOMATION_LIMITS, ZCreateAutomationBody } from "@/lib/automations/schemas";
import { CATALOG_LIMITS, ZCreateGatewayBody } from "@/lib/catalog/schemas";
import { REQUEST_LIMITS, ZDecisionBody } from "@/lib/requests/schemas";
import { SCIM_LIMITS, ZCreateScimTokenBody } from "@/lib/scim/schemas";
import { countText, limitHint, nearLimit, tooLong } from "@/lib/text-limits";
import { TOKEN_LIMITS, ZCreateTokenBody } from "@/lib/tokens/schemas";

// Limits are said before typing and nothing typed is cut: every input's limit is the schema's
// own constant (the schema refuses exactly one character more), the hint says it, and no
// input carries a maxLength that would silently truncate a paste.

const ROOT = join(__dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".tsx") ? [path] : [];
  });
}

const components = ["app", "lib", "components"].flatMap((dir) => sources(join(ROOT, dir)));

/** A body the schema accepts, with one text field at `length` characters. */
function issuesAt(
  schema: {
    safeParse: (body: unknown) => { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } };
  },
  body: Record<string, unknown>,
  path: string,
) {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error!.issues.map((issue) => issue.path.join(".")).filter((p) => p === path);
}

describe("limits said before typing", () => {
  it("no input cuts what was typed (no maxLength anywhere)", () => {
    expect(components.length).toBeGreaterThan(50);
    const cutting = components.filter((path) => /\bmaxLength=/.test(readFileSync(path, "utf8")));
    expect(cutting.map((path) => path.slice(ROOT.length + 1))).toEqual([]);
  });

  it("every limit an input shows is a schema's constant, never a number typed again", () => {
    // A Field's own `limit`, or the `max` of a field bound to its text (NameField, Draft*, DraftTextField).
    const shown = components.flatMap((path) => {
      const text = readFileSync(path, "utf8");
      return [
        ...[...text.matchAll(/limit=\{\{ max: ([^,]+),/g)].map((match) => match[1]!),
        ...[
          ...text.matchAll(
            /<(?:NameField|DraftText|DraftTextArea|DraftTextField)\b(?:(?!\/>)[\s\S])*?\bmax=\{([^}]+)\}/g,
          ),
        ].map((match) => match[1]!),
      ];
    });
    expect(shown.length).toBeGreaterThanOrEqual(20);
    for (const max of shown) expect(max).toMatch(/^(LIMITS|[A-Z]+_LIMITS)(\.\w+|\[\w+\])$/);
  });

  it("the schemas refuse exactly one character over the constants the inputs show", () => {
    const automation = {
      name: "Plant report",
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      systems: [{ name: "SQL Server", location: "ON_PREMISES", signInMethod: "ENTRA_ID" }],
    };
    const gateway = { name: "gw", kind: "DATA_GATEWAY", cluster: "c", host: "h", region: "r", adminIds: [] };
    const cases: Array<
      [
        string,
        (
          | typeof ZCreateAutomationBody
          | typeof ZCreateGatewayBody
          | typeof ZDecisionBody
          | typeof ZCreateTokenBody
          | typeof ZCreateDepartmentBody
        ),
        (text: string) => Record<string, unknown>,
        string,
        number,
      ]
    > = [
      [
        "automation name",
        ZCreateAutomationBody,
        (name) => ({ ...automation, name }),
        "name",
        AUTOMATION_LIMITS.name,
      ],
      [
        "purpose",
        ZCreateAutomationBody,
        (description) => ({ ...automation, description }),
        "description",
        AUTOMATION_LIMITS.description,
      ],
      [
        "who runs it",
        ZCreateAutomationBody,
        (runAs) => ({ ...automation, runAs }),
        "runAs",
        AUTOMATION_LIMITS.runAs,
      ],
      [
        "system name",
        ZCreateAutomationBody,
        (name) => ({ ...automation, systems: [{ ...automation.systems[0], name }] }),
        "systems.0.name",
        AUTOMATION_LIMITS.system,
      ],
      ["gateway name", ZCreateGatewayBody, (name) => ({ ...gateway, name }), "name", CATALOG_LIMITS.name],
      [
        "gateway region",
        ZCreateGatewayBody,
        (region) => ({ ...gateway, region }),
        "region",
        CATALOG_LIMITS.region,
      ],
      ["gateway host", ZCreateGatewayBody, (host) => ({ ...gateway, host }), "host", CATALOG_LIMITS.host],
      [
        "decision reason",
        ZDecisionBody,
        (reason) => ({ decision: "REJECT", reason, version: 1 }),
        "reason",
        REQUEST_LIMITS.decisionReason,
      ],
      ["token name", ZCreateTokenBody, (name) => ({ name, expiresInDays: 30 }), "name", TOKEN_LIMITS.name],
      ["department name", ZCreateDepartmentBody, (name) => ({ name }), "name", ADMIN_LIMITS.departmentName],
      ["SCIM token name", ZCreateScimTokenBody, (name) => ({ name }), "name", SCIM_LIMITS.tokenName],
    ];
    for (const [what, schema, body, path, max] of cases) {
      expect(issuesAt(schema, body("x".repeat(max)), path), `${what} at ${max}`).toEqual([]);
      expect(issuesAt(schema, body("x".repeat(max + 1)), path), `${what} at ${max + 1}`).toEqual([path]);
    }
  });

  it("says the limit, counts near it, and names the excess", () => {
    expect(limitHint(120)).toBe("Up to 120 characters.");
    expect([nearLimit(95, 120), nearLimit(96, 120), nearLimit(5000, 120)]).toEqual([false, true, true]);
    expect(countText(118, 120)).toBe("118 of 120 characters");
    expect(countText(5000, 120)).toBe("5,000 of 120 characters — 4,880 too many");
    expect(tooLong("The name", "n".repeat(5000), 120)).toBe(
      "The name is 5,000 characters long; keep it to 120 or fewer",
    );
    // Counted as the server counts: after trimming.
    expect(tooLong("The name", ` ${"n".repeat(120)} `, 120)).toBeNull();
  });
});
