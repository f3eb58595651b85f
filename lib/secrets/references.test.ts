import { describe, expect, it } from "vitest";
import { CREDENTIAL_STORES, type CredentialStore } from "@/lib/domain/types";
import { looksLikeSecret } from "@/lib/secrets/detect";
import {
  checkReference,
  REFERENCE_GRAMMARS,
  referenceHint,
  referenceMessage,
  referenceProblem,
} from "@/lib/secrets/references";

// Each store's grammar, row by row: what it accepts and what it refuses (and why).

const accepted: Record<CredentialStore, string[]> = {
  AZURE_KEY_VAULT: [
    "https://kv-finance.vault.azure.net/secrets/banking-bot",
    "https://kv-finance.vault.azure.net/secrets/banking-bot/0123456789abcdef0123456789abcdef",
    "https://KV-Finance.Vault.Azure.Net/secrets/Banking-Bot",
    "https://kv-finance.vault.azure.cn/secrets/banking-bot",
    "https://kv-finance.vault.usgovcloudapi.net/secrets/banking-bot",
    "kv-finance/banking-bot",
    "abc/x",
    "a23456789012345678901234/s",
    `kv-finance/${"n".repeat(127)}`,
    "kv1/banking-bot-2",
    "  kv-finance/banking-bot  ",
  ],
  CYBERARK: [
    "FIN-BANKING/svc-bank-bot",
    "CORP\\svc-bot",
    "Finance Safe/Online banking (prod)",
    `${"S".repeat(28)}/object`,
    `safe/${"o".repeat(128)}`,
    "safe-finance/banking",
    "SAFE/3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
  ],
  POWER_AUTOMATE: [
    "Finance – Online banking bot",
    "bank-bot",
    "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
    "Rechnungsprüfung (Bot)",
    "p".repeat(100),
  ],
  HASHICORP_VAULT: [
    "secret/data/finance/bank-bot",
    "kv/finance/bank-bot",
    "secret/bank_bot.v2",
    `secret/${Array.from({ length: 31 }, (_, i) => `s${i}`).join("/")}`,
  ],
  AWS_SECRETS_MANAGER: [
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:finance/bank-bot-a1B2c3",
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:bank_bot+v2=a.b@c-AbCdEf",
    "arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:x",
    "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:finance/bank-bot",
    "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:finance/bank-bot",
  ],
  OTHER: [
    "https://passwords.example.com/entries/finance-bank-bot",
    "op://finance/bank-bot/password",
    "keepass://finance.kdbx/bank-bot",
    "urn:uuid:3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
    "mailto:it-secrets@corp.example.com",
  ],
};

const refused: Record<CredentialStore, Array<[string, string]>> = {
  AZURE_KEY_VAULT: [
    ["a vault name of two characters", "kv/banking-bot"],
    ["a vault name of 25 characters", `${"a".repeat(25)}/banking-bot`],
    ["a vault name starting with a digit", "1kv-finance/banking-bot"],
    ["a vault name ending with a hyphen", "kv-finance-/banking-bot"],
    ["a vault name with --", "kv--finance/banking-bot"],
    ["a vault name with an underscore", "kv_finance/banking-bot"],
    ["a secret name with a dot", "kv-finance/banking.bot"],
    ["a secret name of 128 characters", `kv-finance/${"n".repeat(128)}`],
    ["a version that is not 32 hex digits", "https://kv-finance.vault.azure.net/secrets/banking-bot/v2"],
    ["a URI of another host", "https://kv-finance.example.com/secrets/banking-bot"],
    ["a plain http URI", "http://kv-finance.vault.azure.net/secrets/banking-bot"],
    ["a URI of keys, not secrets", "https://kv-finance.vault.azure.net/keys/banking-bot"],
    ["a bare word", "Hunter2"],
    ["three segments", "kv-finance/banking-bot/extra"],
    ["an empty secret name", "kv-finance/"],
    ["a space inside", "kv-finance/banking bot"],
  ],
  CYBERARK: [
    ["no separator", "svc-bank-bot"],
    ["two separators", "FIN/BANKING/svc"],
    ["a safe name of 29 characters", `${"S".repeat(29)}/object`],
    ["an object name of 129 characters", `safe/${"o".repeat(129)}`],
    ["a colon", "FIN:BANKING/svc"],
    ["an asterisk", "FIN/svc*"],
    ["a question mark", "FIN/svc?"],
    ["a quote", 'FIN/"svc"'],
    ["angle brackets", "FIN/<svc>"],
    ["a pipe", "FIN|X/svc"],
    ["a control character", "FIN/svc\u0007"],
    ["an empty safe", "/svc"],
    ["a space around the separator", "FIN / svc"],
  ],
  POWER_AUTOMATE: [
    ["101 characters", "p".repeat(101)],
    ["a line break", "bank\nbot"],
    ["a tab", "bank\tbot"],
    ["an invisible character", "bank\u200bbot"],
    ["two spaces in a row", "bank  bot"],
  ],
  HASHICORP_VAULT: [
    ["a single segment", "bank-bot"],
    ["a leading slash", "/secret/data/bank-bot"],
    ["a trailing slash", "secret/data/bank-bot/"],
    ["an empty segment", "secret//bank-bot"],
    ["a space", "secret/bank bot"],
    ["a dot-dot segment", "secret/../bank-bot"],
    ["a colon", "secret:data/bank-bot"],
    ["33 segments", Array.from({ length: 33 }, (_, i) => `s${i}`).join("/")],
  ],
  AWS_SECRETS_MANAGER: [
    ["a plain secret name", "finance/bank-bot"],
    ["another service's ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter/finance/bank-bot"],
    ["an unknown partition", "arn:aws-xx:secretsmanager:eu-west-1:123456789012:secret:bank-bot"],
    ["a region that is no region", "arn:aws:secretsmanager:europe:123456789012:secret:bank-bot"],
    ["a GovCloud region in the aws partition", "arn:aws:secretsmanager:us-gov-west-1:123456789012:secret:x"],
    [
      "a China region in the GovCloud partition",
      "arn:aws-us-gov:secretsmanager:cn-north-1:123456789012:secret:x",
    ],
    ["an 11-digit account", "arn:aws:secretsmanager:eu-west-1:12345678901:secret:bank-bot"],
    ["an empty name", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"],
    ["a space in the name", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bank bot"],
  ],
  OTHER: [
    ["no scheme", "passwords.example.com/entries/bank-bot"],
    ["a space", "https://passwords.example.com/entries/bank bot"],
    ["a user and password in the URL", "https://bot:x@passwords.example.com/entries/bank-bot"],
    ["a scheme starting with a digit", "1p://finance/bank-bot"],
    ["a bare word", "Hunter2"],
    ["an invalid web address", "https://"],
  ],
};

describe.each(CREDENTIAL_STORES)("the %s grammar", (store) => {
  it.each(accepted[store])("accepts %j", (value) => {
    expect(referenceProblem(store, value)).toBeNull();
    expect(checkReference(store, value)).toBeNull();
  });

  it.each(refused[store])("refuses %s", (_label, value) => {
    const problem = referenceProblem(store, value);
    expect(problem).not.toBeNull();
    const message = referenceMessage(store, problem!, "keyReference");
    // The message explains the grammar with an example, and never repeats the value.
    expect(message).toContain(REFERENCE_GRAMMARS[store].grammar);
    expect(message).toContain(`Example: ${REFERENCE_GRAMMARS[store].examples[0]}`);
    // The rest of the message is fixed text: the problem must not repeat the value.
    expect(problem).not.toContain(value.trim());
  });

  it("accepts its own examples, which do not look like secrets", () => {
    for (const example of REFERENCE_GRAMMARS[store].examples) {
      expect(checkReference(store, example)).toBeNull();
    }
  });

  it("has a hint with the grammar and the first example", () => {
    expect(referenceHint(store).toLowerCase()).toContain(REFERENCE_GRAMMARS[store].grammar.toLowerCase());
    expect(referenceHint(store)).toContain(REFERENCE_GRAMMARS[store].examples[0]);
  });
});

describe("checkReference", () => {
  it("says a secret is a secret before it checks the grammar", () => {
    expect(checkReference("AZURE_KEY_VAULT", "Hunter2!Password")).toEqual({
      rule: "secret",
      what: "a password",
    });
    expect(checkReference("POWER_AUTOMATE", "Sup3r$ecretP@ss!")).toEqual({
      rule: "secret",
      what: "a password",
    });
  });

  it("names the grammar's problem otherwise", () => {
    expect(checkReference("AZURE_KEY_VAULT", "kv/bank")).toEqual({
      rule: "grammar",
      problem: "the vault's name must be 3–24 characters long",
    });
  });

  it("refuses a value that fits a grammar but looks like a key (Power Automate's names are free)", () => {
    const random = "aZ3kQ9vX2mB7nR4tW8yL1pC6dF5gH0jS";
    expect(referenceProblem("POWER_AUTOMATE", random)).toBeNull();
    expect(looksLikeSecret(random)).toBe("a random key");
    expect(checkReference("POWER_AUTOMATE", random)).toEqual({ rule: "secret", what: "a random key" });
  });
});
