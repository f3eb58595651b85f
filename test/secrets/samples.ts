// Values that are secrets, and values that only say where one lives, shared by the detector's
// unit tests and the route tests. The secrets are assembled from parts so that secret
// scanners do not flag this file; none of them is a real credential.

const b64url = (text: string) => Buffer.from(text).toString("base64url");
const b64 = (text: string) => Buffer.from(text).toString("base64");
const repeat = (text: string, times: number) => text.repeat(times);

export const JWT = [
  b64url('{"alg":"HS256","typ":"JWT"}'),
  b64url('{"sub":"1234567890","name":"Banking Bot","iat":1516239022}'),
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
].join(".");

/** [label, value]: every one must be refused, and never repeated in an answer. */
export const SECRET_SAMPLES: ReadonlyArray<readonly [string, string]> = [
  // Passwords as they are typed
  ["a password with symbols", `Sup3r$ecret${"P@ss!"}`],
  ["a password with a word", `Hunter2!${"Password"}`],
  ["a season password", `Winter${"2024!"}`],
  ["a welcome password", `Welcome${"1!xyz"}`],
  ["a password with a caret", `Tr0ub4dor^${"3x"}`],
  ["a password in a sentence", `the bot uses Hunter2!${"Password"} daily`],
  // Prose that hands a password over
  ["the password is …", `the password is Hunter${"2!"}`],
  ["pass: …", `pass: Winter${"2024!"}`],
  ["pwd=…", `pwd=${"s3cr3t"}`],
  ["password=…", `password=${"hunter2"}`],
  ["Password: passphrase", `Password: correct horse ${"battery staple"}`],
  ["Password: with digits", `Password: ${"Hunter2!"}`],
  ["passwords for a portal", `Password for the bank portal: ${"Spring-2025"}`],
  ["the password was …", `The password was ${"swordfish"}`],
  ["PIN", `PIN: ${"4711"}`],
  ["passphrase is", `passphrase is ${"tr0ub4dor"}`],
  ["user and password", `user bot-fin / password: ${"Kx9#mQ2"}`],
  // Known key formats
  ["an AWS access key id", `AKIA${"IOSFODNN7EXAMPLE"}`],
  ["an AWS session key id", `ASIA${"Y34FZKBOKMUTVV7A"}`],
  ["an AWS secret access key", `wJalrXUtnFEMI/K7MDENG/${"bPxRfiCYz8Q3kD9vLmT2"}`],
  ["a GitHub classic token", `ghp_${"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`],
  ["a GitHub fine-grained token", `github_pat_${"11ABCDEFG0123456789_abcdefghijklmnop"}`],
  ["a GitHub app token", `ghs_${"Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcB"}`],
  ["a GitLab token", `glpat-${"Ab3dEf6hIj9kLm2nOp5q"}`],
  ["a Slack bot token", `xoxb-${"123456789012-1234567890123-AbCdEfGhIjKlMnOp"}`],
  ["a Slack user token", `xoxp-${"123456789012-1234567890123-1234567890123-abcdef0123"}`],
  ["a Slack webhook", `https://hooks.slack.com/services/T0000AAAA/B0000BBBB/${"XXXXyyyyZZZZ0000aaaa1111"}`],
  ["a Google API key", `AIza${"SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"}`],
  ["a Stripe key", `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`],
  ["an npm token", `npm_${"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`],
  ["a SendGrid key", `SG.${"ngeVfQFYQlKU0ufo8x5d1A"}.${"TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"}`],
  ["a secret API key", `sk-proj-${"T3BlbkFJa1B2c3D4e5F6g7H8i9J0k1L2"}`],
  ["a Shopify token", `shpat_${repeat("a1b2c3d4", 4)}`],
  ["a Twilio key", `SK${repeat("0a1b2c3d", 4)}`],
  ["a Mailgun key", `key-${repeat("9f8e7d6c", 4)}`],
  ["a Databricks token", `dapi${repeat("1234abcd", 4)}`],
  ["a PyPI token", `pypi-AgEIcHlwaS5vcmc${repeat("Ab1Cd2Ef3G", 6)}`],
  ["a Linear API key", `lin_api_${repeat("a1B2c3D4e5", 4)}`],
  ["a 1Password service account token", `ops_eyJ${"zaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSJ9"}`],
  ["an Atlassian API token", `ATATT3xFfGF0${repeat("T9kLm2Qw8Rz", 6)}`],
  ["a DigitalOcean token", `dop_v1_${repeat("0a1b2c3d4e5f6789", 4)}`],
  ["an Azure DevOps token", `${"a2b3c4d5e6f7g2h3i4j5k6l7m2n3o4p5"}${"q6r7s2t3u4v5w6x7y2z3"}`],
  ["an Entra ID client secret", `abc8Q~${"Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1W"}`],
  ["a JWT", JWT],
  ["a bearer header", `Authorization: Bearer ${"abcDEF123456ghiJKL789"}`],
  ["a basic-auth header", `Authorization: Basic ${b64("bot:Winter2024")}`],
  ["a 64-hex key", `${repeat("9c1f4e7a2b8d", 5)}${"3f6a"}`],
  ["a random base64 key", "aZ3kQ9vX2mB7nR4tW8yL1pC6dF5gH0jS"],
  ["a random key in a URL", "https://api.example.com/v1/aZ3kQ9vX2mB7nR4tW8yL1pC6dF5gH0jS/run"],
  // Connection strings and URLs
  [
    "an Azure storage connection string",
    `DefaultEndpointsProtocol=https;AccountName=fin;AccountKey=${"abc123DEF456ghi789=="};EndpointSuffix=core.windows.net`,
  ],
  [
    "a Service Bus connection string",
    `Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${"Zm9vYmFyYmF6"}`,
  ],
  ["a SQL connection string", `Server=sql01;Database=fin;User Id=bot;Password=${"Winter2026!"};`],
  ["a URL with a password", `https://bot:${"Winter2026"}@bank.example.com/login`],
  ["a database URL with a password", `postgres://bot:${"p4ssw0rd"}@db.example.com/finance`],
  [
    "a shared access signature",
    `https://fin.blob.core.windows.net/x?sv=2022-11-02&sig=${"AbCdEf0123456789%2Bxyz%3D"}`,
  ],
  ["an api_key=", `api_key=${"0123456789abcdef"}`],
  ["a client_secret=", `client_secret=${"s3cr3tvalue"}`],
  ["a token: value", `token: ${"9f3Kd82mXqLp"}`],
  // Private keys
  ["an RSA private key", `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${"x".repeat(20)}`],
  ["an OpenSSH private key", `-----BEGIN OPENSSH PRIVATE KEY-----\n${"b3BlbnNzaC1rZXktdjE"}`],
  ["a PGP private key", `-----BEGIN PGP PRIVATE KEY BLOCK-----\n${"lQOYBF"}`],
  ["an EC private key", `-----BEGIN EC PRIVATE KEY-----`],
  ["a service account key file", `{"type": "service_account", "project_id": "fin"}`],
];

/** References and ordinary text: every one must be accepted. */
export const LEGITIMATE_TEXT: readonly string[] = [
  "https://kv-finance.vault.azure.net/secrets/banking-bot",
  "https://kv-finance.vault.azure.net/secrets/banking-bot/0123456789abcdef0123456789abcdef",
  "kv-finance/banking-bot",
  "CORP\\svc-bot",
  "CORP\\svc-bank-bot",
  "FIN-BANKING/svc-bank-bot",
  "RPA-FINANCE-BERLIN/svc-dynamics-365-bot",
  "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:finance/bank-bot-a1B2c3",
  "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:finance/bank-bot",
  "secret/data/finance/bank-bot",
  "op://finance/bank-bot/password",
  "https://passwords.example.com/entries/finance-bank-bot",
  "svc-bank-bot@corp.example.com",
  "Fiona Finance",
  "Finance (Rotterdam)",
  "R&D Europe",
  "Expense reporting",
  "Reconciles card statements from online banking into the expense system",
  "FinanceBankingBot2024Production",
  "Password: kept in Key Vault, rotated by IT",
  "The password is rotated every 90 days by the helpdesk",
  "The bot signs in with a bearer token that IT issues",
  "Needs a token from the ERP team; see ticket INC0012345",
  "Basic authentication with a shared account",
  "Uses the API key stored in Key Vault (kv-integration/workday)",
  "0123456789abcdef0123456789abcdef01234567",
  "Q3 close: 2025-01-31, ticket #4711",
  "We ship it on Windows 11!",
  "The sum is in 'Q3 Totals'!B12 of the workbook",
  "sap-erp",
  "Finance approvers (Entra group)",
];
