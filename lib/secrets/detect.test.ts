import { describe, expect, it } from "vitest";
import { looksLikeSecret, RULES, shannonEntropy } from "@/lib/secrets/detect";
import { HIDDEN } from "@/lib/secrets/mask";
import { LEGITIMATE_TEXT, SECRET_SAMPLES } from "@/test/secrets/samples";

// Test values are assembled from parts so that secret scanners do not flag this file.
const b64url = (text: string) => Buffer.from(text).toString("base64url");
const JWT = [
  b64url('{"alg":"HS256","typ":"JWT"}'),
  b64url('{"sub":"1234567890","name":"Banking Bot","iat":1516239022}'),
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
].join(".");

describe("looksLikeSecret refuses secret values", () => {
  const secrets: Array<[string, string, string]> = [
    ["AWS access key id", `AKIA${"IOSFODNN7EXAMPLE"}`, "an AWS access key"],
    ["AWS key inside text", `key is AKIA${"IOSFODNN7EXAMPLE"} for prod`, "an AWS access key"],
    ["GitHub classic token", `ghp_${"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`, "a GitHub token"],
    ["GitHub fine-grained token", `github_pat_${"11ABCDEFG0123456789_abcdefghijklmnop"}`, "a GitHub token"],
    ["Slack bot token", `xoxb-${"123456789012-1234567890123-AbCdEfGhIjKlMnOp"}`, "a Slack token"],
    ["Google API key", `AIza${"SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"}`, "a Google API key"],
    [
      "Azure storage connection string",
      `DefaultEndpointsProtocol=https;AccountName=finance;AccountKey=${"abc123DEF456ghi789=="};EndpointSuffix=core.windows.net`,
      "a connection string with a key",
    ],
    [
      "Service Bus connection string",
      `Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${"Zm9vYmFyYmF6"}`,
      "a connection string with a key",
    ],
    [
      "SQL connection string with a password",
      `Server=sql01;Database=finance;User Id=bot;Password=${"Winter2026!"};`,
      "a connection string with a password",
    ],
    [
      "SQL connection string with pwd",
      `Server=sql01;Uid=bot;Pwd=${"hunter2"}`,
      "a connection string with a password",
    ],
    [
      "PEM private key",
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${"x".repeat(20)}\n-----END RSA PRIVATE KEY-----`,
      "a private key",
    ],
    [
      "OpenSSH private key",
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${"b3BlbnNzaC1rZXktdjE"}\n-----END OPENSSH PRIVATE KEY-----`,
      "a private key",
    ],
    ["JWT", JWT, "a JWT"],
    ["JWT after a word", `token ${JWT}`, "a JWT"],
    ["bearer token", `Bearer ${"abcDEF123456ghiJKL789"}`, "a bearer token"],
    ["password=", `password=${"hunter2"}`, "a password"],
    ["password: with digits", `password: ${"Hunter2!"}`, "a password"],
    ["api_key=", `api_key=${"0123456789abcdef"}`, "an API key or token"],
    ["client_secret=", `client_secret=${"s3cr3tvalue"}`, "an API key or token"],
    ["URL with a password", `https://bot:${"Winter2026"}@bank.example.com/login`, "a URL with a password"],
    [
      "SAS query",
      `https://finance.blob.core.windows.net/x?sv=2022-11-02&sig=${"AbCdEf0123456789%2Bxyz%3D"}`,
      "a shared access signature",
    ],
    ["Entra client secret", `abc8Q~${"Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1W"}`, "an Entra ID client secret"],
    ["random base64 key", "aZ3kQ9vX2mB7nR4tW8yL1pC6dF5gH0jS", "a random key"],
    ["AWS secret access key", `wJalrXUtnFEMI/K7MDENG/${"bPxRfiCYz8Q3kD9vLmT2"}`, "a random key"],
    [
      "random key in a URL path",
      "https://api.example.com/v1/aZ3kQ9vX2mB7nR4tW8yL1pC6dF5gH0jS/run",
      "a random key",
    ],
  ];

  it.each(secrets)("%s", (_label, value, what) => {
    expect(looksLikeSecret(value)).toBe(what);
  });
});

describe("looksLikeSecret accepts references and ordinary text", () => {
  const ordinary = [
    "https://kv-finance.vault.azure.net/secrets/banking-bot",
    "https://kv-finance.vault.azure.net/secrets/banking-bot/0123456789abcdef0123456789abcdef",
    "kv-finance/banking-bot",
    "kv-finance-prod/banking-reconciliation-bot",
    "CORP\\svc-bank-bot",
    "svc-bank-bot@corp.example.com",
    "fiona.finance@preflight.test",
    "Fiona Finance",
    "Expense reporting",
    "Online banking",
    "Finance desktops",
    "sap-erp",
    "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
    "3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B",
    "0123456789abcdef0123456789abcdef01234567",
    "Reconciles card statements from online banking into the expense system",
    "FinanceBankingBot2024Production",
    "Finance approvers (Entra group)",
    "sp-vendor-sync",
    "Password: kept in Key Vault, rotated by IT",
    "The bot signs in with a bearer token that IT issues",
    "Needs a token from the ERP team; see ticket INC0012345",
    "kv-finance.vault.azure.net",
    "CyberArk safe FIN-BANKING / account svc_bank_bot_01",
    "",
  ];

  it.each(ordinary)("%j", (value) => {
    expect(looksLikeSecret(value)).toBeNull();
  });
});

describe("shannonEntropy", () => {
  it("is 0 for one repeated character and log2(n) for n distinct ones", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBeCloseTo(2);
    expect(shannonEntropy("")).toBe(0);
  });
});

describe("the shared samples", () => {
  it("holds more than fifty secrets", () => {
    expect(SECRET_SAMPLES.length).toBeGreaterThan(50);
  });

  it.each(SECRET_SAMPLES)("refuses %s", (_label, value) => {
    expect(looksLikeSecret(value)).not.toBeNull();
  });

  it.each(LEGITIMATE_TEXT)("accepts %j", (value) => {
    expect(looksLikeSecret(value)).toBeNull();
  });

  it("every rule refuses at least one sample, so none is dead or untested", () => {
    const fired = new Set(
      SECRET_SAMPLES.map(([, value]) => RULES.find((rule) => rule.test(value))?.what).filter(Boolean),
    );
    expect([...new Set(RULES.map((rule) => rule.what))].filter((what) => !fired.has(what))).toEqual([]);
  });
});

describe("prose about passwords", () => {
  const handsOver = [
    "the password is Hunter2!",
    "The password is swordfish",
    "pass: Winter2024!",
    "pwd=anything",
    "pw: Kx9mQ2zz",
    "Password: correct horse battery staple",
    "Passwords: Hunter2!",
    "Password for the bank portal: Spring-2025",
    "Login bot-fin, password: Hunter2!",
    "kennwort: Sommer2024",
  ];
  it.each(handsOver)("refuses %j", (value) => {
    expect(looksLikeSecret(value)).toBe("a password");
  });

  const saysWhere = [
    "Password: kept in Key Vault, rotated by IT",
    "The password is kept in CyberArk",
    "the password is rotated every 90 days",
    "The password is 16 characters long",
    "Password: see the Finance vault",
    "Password: managed by the helpdesk",
    "Password: kv-finance/bank-bot",
    "Password: https://kv-finance.vault.azure.net/secrets/bank-bot",
    "Password: none",
    "Password: 2FA via Authenticator",
    "The password was reset by IT on Monday",
    "Rotate the password in Azure Key Vault and record the new rotation date.",
    "The bot signs in with a username and password.",
    "Passwordless sign-in with Entra ID",
    "bypass: the proxy for internal hosts",
    `Password: ${HIDDEN}`,
    HIDDEN,
  ];
  it.each(saysWhere)("accepts %j", (value) => {
    expect(looksLikeSecret(value)).toBeNull();
  });
});
