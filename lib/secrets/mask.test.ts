import { describe, expect, it } from "vitest";
import { looksLikeSecret } from "@/lib/secrets/detect";
import { HIDDEN, maskIfSecret, maskJson, maskLog } from "@/lib/secrets/mask";
import { JWT } from "@/test/secrets/samples";

describe("maskIfSecret", () => {
  it("hides free text that looks like a secret, and nothing else", () => {
    expect(maskIfSecret("Hunter2!Password")).toBe(HIDDEN);
    expect(maskIfSecret(`token ${JWT}`)).toBe(HIDDEN);
    expect(maskIfSecret("Expense reporting")).toBe("Expense reporting");
    expect(maskIfSecret(null)).toBeNull();
    expect(maskIfSecret(undefined)).toBeUndefined();
    expect(maskIfSecret("")).toBe("");
  });

  it("judges a reference by its store's grammar as well", () => {
    expect(maskIfSecret("kv-finance/banking-bot", "AZURE_KEY_VAULT")).toBe("kv-finance/banking-bot");
    // Not a secret by the detector's rules, but no Key Vault reference either: a password.
    expect(looksLikeSecret("hunter2")).toBeNull();
    expect(maskIfSecret("hunter2", "AZURE_KEY_VAULT")).toBe(HIDDEN);
    expect(maskIfSecret("hunter2", "POWER_AUTOMATE")).toBe("hunter2");
    expect(maskIfSecret("CORP\\svc-bot", "CYBERARK")).toBe("CORP\\svc-bot");
  });

  it("hides text that quotes a reference failing its store's rules", () => {
    const mentions = [{ store: "AZURE_KEY_VAULT" as const, name: "hunter2" }];
    expect(maskIfSecret('The recorded credential "hunter2" was due to rotate', { mentions })).toBe(HIDDEN);
    expect(maskIfSecret("Its sign-in is stored in Azure Key Vault", { mentions })).toBe(
      "Its sign-in is stored in Azure Key Vault",
    );
    expect(maskIfSecret("Azure Key Vault: kv-finance/bank-bot", { mentions: [null] })).toBe(
      "Azure Key Vault: kv-finance/bank-bot",
    );
  });

  it("is never hidden itself", () => {
    expect(looksLikeSecret(HIDDEN)).toBeNull();
    expect(maskIfSecret(HIDDEN)).toBe(HIDDEN);
  });
});

describe("maskJson", () => {
  it("hides strings at any depth and keeps everything else", () => {
    const before = { name: "Bank bot", tags: ["a", "Sup3r$ecretP@ss!"], n: 3, ok: true, none: null };
    expect(maskJson(before)).toEqual({ ...before, tags: ["a", HIDDEN] });
  });

  it("judges credential names and key references by their store", () => {
    const snapshot = {
      systems: [
        { name: "Online banking", credentialStore: "AZURE_KEY_VAULT", credentialName: "hunter2" },
        { name: "Portal", credentialStore: "CYBERARK", credentialName: "SAFE/bot" },
      ],
      keyReference: "not a reference",
      credential: { store: "HASHICORP_VAULT", name: "bank-bot", owner: "x@example.com" },
    };
    expect(maskJson(snapshot)).toEqual({
      systems: [
        { name: "Online banking", credentialStore: "AZURE_KEY_VAULT", credentialName: HIDDEN },
        { name: "Portal", credentialStore: "CYBERARK", credentialName: "SAFE/bot" },
      ],
      keyReference: HIDDEN,
      credential: { store: "HASHICORP_VAULT", name: HIDDEN, owner: "x@example.com" },
    });
  });

  it("returns what needs no mask as it is", () => {
    const value = { a: ["b", { c: "d" }] };
    expect(maskJson(value)).toBe(value);
  });
});

describe("maskLog", () => {
  it("hides the lines that hold a secret", () => {
    expect(maskLog(`Error: insert failed\nDETAIL: Key (name)=(Hunter2!Password) exists.\n  at x`)).toBe(
      `Error: insert failed\n${HIDDEN}\n  at x`,
    );
  });
});
