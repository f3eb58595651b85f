import type { CredentialStore } from "@/lib/domain/types";
import { looksLikeSecret } from "@/lib/secrets/detect";

// What a reference to a secret looks like in each credential store. A reference says where
// the secret lives; a value outside its store's grammar is refused, because a password typed
// where the reference belongs would otherwise be stored and shown. Pure, no I/O: the request
// schemas check it on the server, the forms explain it, secrets:scan and the read-side
// masking (mask.ts) apply it to rows written before it existed.
//
// Messages name what is wrong with the value, never the value itself.

/**
 * What is shown instead of a stored value that fails the rules (mask.ts). Sent back from a
 * form unchanged, it is no reference of any store.
 */
export const HIDDEN = "[hidden: looks like a secret]";

export interface ReferenceGrammar {
  store: CredentialStore;
  /** The store's name in sentences: "Azure Key Vault". */
  label: string;
  /** What a reference of the store is, with its article: "an Azure Key Vault reference". */
  noun: string;
  /** The grammar in words, for the form's hint and the refusal. */
  grammar: string;
  /** Values the grammar accepts; the first is the one shown. */
  examples: readonly [string, ...string[]];
  /** Longest accepted value. */
  maxLength: number;
}

/** Why a value is not a reference of its store: a short clause, without the value. */
type Check = (value: string) => string | null;

// ---------------------------------------------------------------------------------------
// Azure Key Vault: https://<vault>.vault.azure.net/secrets/<name>[/<version>] or <vault>/<name>
// ---------------------------------------------------------------------------------------

const KEY_VAULT_URI =
  /^https:\/\/([^./]+)\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)\/secrets\/([^/]+)(?:\/([^/]+))?$/i;

function vaultNameProblem(vault: string): string | null {
  if (vault.length < 3 || vault.length > 24) return "the vault's name must be 3–24 characters long";
  if (!/^[A-Za-z0-9-]+$/.test(vault)) return "the vault's name may hold only letters, digits and hyphens";
  if (!/^[A-Za-z]/.test(vault)) return "the vault's name must start with a letter";
  if (!/[A-Za-z0-9]$/.test(vault)) return "the vault's name must end with a letter or digit";
  if (vault.includes("--")) return 'the vault\'s name must not hold "--"';
  return null;
}

function secretNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > 127) return "the secret's name must be 1–127 characters long";
  if (!/^[A-Za-z0-9-]+$/.test(name)) return "the secret's name may hold only letters, digits and hyphens";
  return null;
}

const keyVault: Check = (value) => {
  const uri = KEY_VAULT_URI.exec(value);
  if (uri) {
    const [, vault = "", name = "", version] = uri;
    if (version !== undefined && !/^[0-9a-f]{32}$/i.test(version))
      return "a secret version must be 32 hexadecimal digits";
    return vaultNameProblem(vault) ?? secretNameProblem(name);
  }
  if (/^https?:\/\//i.test(value)) return "it is not a Key Vault secret URI";
  const parts = value.split("/");
  if (parts.length !== 2) return "it is neither a secret URI nor <vault>/<name>";
  return vaultNameProblem(parts[0] ?? "") ?? secretNameProblem(parts[1] ?? "");
};

// ---------------------------------------------------------------------------------------
// CyberArk: <safe>/<object> or <safe>\<object>
// ---------------------------------------------------------------------------------------

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CYBERARK_FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/;

function cyberArkNameProblem(name: string, what: "safe" | "object", max: number): string | null {
  if (name.length === 0) return `the ${what}'s name is missing`;
  if (name.length > max) return `the ${what}'s name must be at most ${max} characters long`;
  if (CYBERARK_FORBIDDEN.test(name))
    return `the ${what}'s name must not hold \\ / : * ? " < > | or control characters`;
  if (name.trim() !== name) return `the ${what}'s name must not start or end with a space`;
  return null;
}

const cyberArk: Check = (value) => {
  const parts = value.split(/[\\/]/);
  if (parts.length !== 2) return "it must be <safe>/<object> with one / or \\ between them";
  return (
    cyberArkNameProblem(parts[0] ?? "", "safe", 28) ?? cyberArkNameProblem(parts[1] ?? "", "object", 128)
  );
};

// ---------------------------------------------------------------------------------------
// Power Automate: the name of a credential in its credential store
// ---------------------------------------------------------------------------------------

const powerAutomate: Check = (value) => {
  if (value.length > 100) return "a credential's name must be at most 100 characters long";
  if (/\p{C}/u.test(value)) return "a credential's name must not hold control or invisible characters";
  if (value.trim() !== value) return "a credential's name must not start or end with a space";
  if (/\s{2,}/.test(value)) return "a credential's name must not hold two spaces in a row";
  return null;
};

// ---------------------------------------------------------------------------------------
// HashiCorp Vault: a KV path, <mount>/<path…>
// ---------------------------------------------------------------------------------------

const hashiCorp: Check = (value) => {
  if (value.length > 512) return "a path must be at most 512 characters long";
  if (value.startsWith("/") || value.endsWith("/")) return "a path must not start or end with /";
  const segments = value.split("/");
  if (segments.length < 2)
    return "a path names the secrets engine's mount and the secret, e.g. secret/data/…";
  if (segments.length > 32) return "a path may have at most 32 segments";
  if (segments.some((segment) => segment === "")) return 'a path must not hold "//"';
  if (segments.some((segment) => !/^[A-Za-z0-9_.-]+$/.test(segment)))
    return "each segment of a path may hold only letters, digits, _ . and -";
  if (segments.some((segment) => segment === "." || segment === ".."))
    return 'a path must not hold "." or ".." segments';
  return null;
};

// ---------------------------------------------------------------------------------------
// AWS Secrets Manager: arn:<partition>:secretsmanager:<region>:<account>:secret:<name>
// ---------------------------------------------------------------------------------------

const AWS_ARN = /^arn:([^:]*):secretsmanager:([^:]*):([^:]*):secret:(.*)$/;

const awsSecretsManager: Check = (value) => {
  const arn = AWS_ARN.exec(value);
  if (!arn) return "it is not a secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)";
  const [, partition = "", region = "", account = "", name = ""] = arn;
  if (!["aws", "aws-us-gov", "aws-cn"].includes(partition))
    return "the partition must be aws, aws-us-gov or aws-cn";
  if (!/^[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}$/.test(region))
    return "the region is not a region name such as eu-west-1";
  const govRegion = region.startsWith("us-gov-");
  const chinaRegion = region.startsWith("cn-");
  if ((partition === "aws-us-gov") !== govRegion || (partition === "aws-cn") !== chinaRegion)
    return "the region does not belong to the partition";
  if (!/^\d{12}$/.test(account)) return "the account must be 12 digits";
  if (name.length < 1 || name.length > 512) return "the secret's name must be 1–512 characters long";
  if (!/^[A-Za-z0-9/_+=.@-]+$/.test(name))
    return "the secret's name may hold only letters, digits and / _ + = . @ -";
  return null;
};

// ---------------------------------------------------------------------------------------
// Other: a URI, e.g. a link to the team's password manager entry
// ---------------------------------------------------------------------------------------

const otherUri: Check = (value) => {
  if (value.length > 500) return "a URI must be at most 500 characters long";
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value))
    return "it is not a URI: a scheme, a colon and no spaces (https://…, op://…)";
  if (/^https?:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return "it is not a valid web address";
    }
    if (!url.hostname) return "a web address needs a host";
    if (url.username || url.password) return "a web address must not hold a user name or password";
  }
  return null;
};

// ---------------------------------------------------------------------------------------

const CHECKS: Record<CredentialStore, Check> = {
  AZURE_KEY_VAULT: keyVault,
  CYBERARK: cyberArk,
  POWER_AUTOMATE: powerAutomate,
  HASHICORP_VAULT: hashiCorp,
  AWS_SECRETS_MANAGER: awsSecretsManager,
  OTHER: otherUri,
};

export const REFERENCE_GRAMMARS: Record<CredentialStore, ReferenceGrammar> = {
  AZURE_KEY_VAULT: {
    store: "AZURE_KEY_VAULT",
    label: "Azure Key Vault",
    noun: "an Azure Key Vault reference",
    grammar:
      "a secret URI https://<vault>.vault.azure.net/secrets/<name>[/<version>], or <vault>/<name>; the vault's name is 3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, without \"--\"; the secret's name is 1–127 letters, digits and hyphens; a version is 32 hex digits",
    examples: [
      "https://kv-finance.vault.azure.net/secrets/banking-bot",
      "kv-finance/banking-bot",
      "https://kv-finance.vault.azure.net/secrets/banking-bot/0123456789abcdef0123456789abcdef",
    ],
    maxLength: 300,
  },
  CYBERARK: {
    store: "CYBERARK",
    label: "CyberArk",
    noun: "a CyberArk reference",
    grammar:
      "<safe>/<object> (or <safe>\\<object>); the safe's name is at most 28 characters, the object's at most 128, and neither holds \\ / : * ? \" < > | or control characters",
    examples: ["FIN-BANKING/svc-bank-bot", "CORP\\svc-bot"],
    maxLength: 157,
  },
  POWER_AUTOMATE: {
    store: "POWER_AUTOMATE",
    label: "Power Automate",
    noun: "a Power Automate credential name",
    grammar:
      "the name of a credential in Power Automate's credential store: 1–100 printable characters, no control characters, no leading, trailing or double spaces, and nothing that looks like a secret",
    examples: ["Finance – Online banking bot", "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"],
    maxLength: 100,
  },
  HASHICORP_VAULT: {
    store: "HASHICORP_VAULT",
    label: "HashiCorp Vault",
    noun: "a HashiCorp Vault path",
    grammar:
      "a KV path <mount>/<path>: 2–32 segments separated by /, each of letters, digits, _ . and -, up to 512 characters",
    examples: ["secret/data/finance/bank-bot", "kv/finance/bank-bot"],
    maxLength: 512,
  },
  AWS_SECRETS_MANAGER: {
    store: "AWS_SECRETS_MANAGER",
    label: "AWS Secrets Manager",
    noun: "an AWS Secrets Manager ARN",
    grammar:
      "a secret ARN arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name> (partition aws, aws-us-gov or aws-cn)",
    examples: [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:finance/bank-bot-a1B2c3",
      "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:finance/bank-bot",
      "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:finance/bank-bot",
    ],
    maxLength: 600,
  },
  OTHER: {
    store: "OTHER",
    label: "Other credential store",
    noun: "a URI",
    grammar:
      "a URI (a scheme, a colon, no spaces), such as the link to the entry in the team's password manager",
    examples: ["https://passwords.example.com/entries/finance-bank-bot", "op://finance/bank-bot/password"],
    maxLength: 500,
  },
};

export type ReferenceFinding =
  /** It looks like the secret itself; `what` says what ("a JWT"). */
  | { rule: "secret"; what: string }
  /** It is not a reference of its store; `problem` says why. */
  | { rule: "grammar"; problem: string };

/** Why `value` cannot be a reference of `store`, or null when it can. Checks the secret detector first. */
export function checkReference(store: CredentialStore, value: string): ReferenceFinding | null {
  const what = looksLikeSecret(value);
  if (what) return { rule: "secret", what };
  const problem = referenceProblem(store, value);
  return problem ? { rule: "grammar", problem } : null;
}

/** Why `value` is outside `store`'s grammar (secret detection aside), or null. */
export function referenceProblem(store: CredentialStore, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return "it is empty";
  if (trimmed === HIDDEN) return "it is the placeholder of a hidden value: enter the reference itself";
  if (trimmed.length > REFERENCE_GRAMMARS[store].maxLength)
    return `it must be at most ${REFERENCE_GRAMMARS[store].maxLength} characters long`;
  return CHECKS[store](trimmed);
}

/** The grammar and an example in one sentence, for a form's hint. */
export function referenceHint(store: CredentialStore): string {
  const grammar = REFERENCE_GRAMMARS[store];
  return `${capitalise(grammar.grammar)}. Example: ${grammar.examples[0]}`;
}

/**
 * The refusal of a value outside the grammar: what is wrong, the grammar and an example.
 * `field` names the field in the sentence ("keyReference").
 */
export function referenceMessage(store: CredentialStore, problem: string, field: string): string {
  const grammar = REFERENCE_GRAMMARS[store];
  return `${field} must be ${grammar.noun}: ${problem}. Enter ${grammar.grammar}. Example: ${grammar.examples[0]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
