import { describe, expect, it } from "vitest";
import { ZCreateDepartmentBody, ZRenameDepartmentForm } from "@/lib/admin/schemas";
import { ZCredentialReference } from "@/lib/automations/schemas";
import { ZCreateConnectorBody, ZUpdateConnectorBody } from "@/lib/catalog/schemas";
import { invalidInput } from "@/lib/http/validation";
import { ZCreateTokenBody } from "@/lib/tokens/schemas";
import { SECRET_SAMPLES } from "@/test/secrets/samples";

// The schemas refuse secrets and references outside their store's grammar wherever they are
// used: the API, the admin pages' forms (server actions) and the command line.

const UUID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";

describe("the form schemas of the admin pages and the token command", () => {
  it.each(SECRET_SAMPLES.filter(([, value]) => value.length <= 100 && !value.includes("\n")))(
    "refuse %s as a department's or a token's name, as a secret (422)",
    (_label, value) => {
      for (const result of [
        ZCreateDepartmentBody.safeParse({ name: value }),
        ZRenameDepartmentForm.safeParse({ id: UUID, name: value }),
        ZCreateTokenBody.safeParse({ name: value }),
      ]) {
        expect(result.success).toBe(false);
        const refusal = invalidInput(result.error!, "form");
        expect(refusal.code).toBe("UNPROCESSABLE");
        expect(refusal.fields).toHaveProperty(["name"]);
        expect(JSON.stringify(refusal)).not.toContain(value);
      }
    },
  );
});

describe("invalidInput", () => {
  it("answers 422 when the only problems are secrets, 400 when anything else is wrong too", () => {
    const secretOnly = ZCreateDepartmentBody.safeParse({ name: "Hunter2!Password" });
    expect(invalidInput(secretOnly.error!, "request body")).toMatchObject({
      code: "UNPROCESSABLE",
      message:
        "name looks like a secret value (a password). Store it in a vault and enter its reference instead.",
    });
    const mixed = ZRenameDepartmentForm.safeParse({ id: "nope", name: "Hunter2!Password" });
    expect(invalidInput(mixed.error!, "request body")).toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("references in the schemas", () => {
  const credential = (store: string, name: string) => ({
    store,
    name,
    owner: "fiona.finance@preflight.test",
    rotatesAt: "2099-01-31",
  });

  it("check a credential's name against its store, and leave a secret to the secret check", () => {
    expect(ZCredentialReference.safeParse(credential("CYBERARK", "CORP\\svc-bot")).success).toBe(true);
    const outside = ZCredentialReference.safeParse(credential("AZURE_KEY_VAULT", "hunter2"));
    expect(invalidInput(outside.error!, "request body")).toMatchObject({ code: "BAD_REQUEST" });
    expect(outside.error!.issues).toHaveLength(1);
    const secret = ZCredentialReference.safeParse(credential("AZURE_KEY_VAULT", "Hunter2!Password"));
    expect(secret.error!.issues).toHaveLength(1);
    expect(invalidInput(secret.error!, "request body").code).toBe("UNPROCESSABLE");
  });

  it("give a connector's key a store, Key Vault unless said, and check the pair", () => {
    const body = {
      name: "Workday",
      service: "workday",
      ownerTeam: "IT",
      keyReference: "kv-integration/workday",
      keyExpiresAt: "2099-01-31",
      sharedWith: "ALL",
    };
    expect(ZCreateConnectorBody.parse(body).keyStore).toBe("AZURE_KEY_VAULT");
    expect(ZCreateConnectorBody.safeParse({ ...body, keyStore: "AWS_SECRETS_MANAGER" }).success).toBe(false);
    expect(ZUpdateConnectorBody.safeParse({ version: 1, keyStore: "AWS_SECRETS_MANAGER" }).success).toBe(
      true,
    );
    const pair = ZUpdateConnectorBody.safeParse({ version: 1, keyStore: "OTHER", keyReference: "no uri" });
    expect(pair.error!.issues.map((issue) => issue.path.join("."))).toEqual(["keyReference"]);
  });
});
