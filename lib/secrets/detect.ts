// Preflight stores where a secret lives, never the secret. This recognises values that look
// like the secret itself, so that a maker who pastes a key into a reference field is stopped
// before anything is written. Pure, no I/O: the wizard may run it in the browser as well.
//
// It errs on the side of refusing known key formats, and on the side of accepting anything
// that reads like a reference: vault URIs, "vault/name" paths, DOMAIN\account names, e-mail
// addresses, UUIDs and long hexadecimal ids (Key Vault secret versions are 32 hex digits).

interface Rule {
  /** What the value looks like, in words shown to the maker: "(a JWT)". */
  what: string;
  test: (value: string) => boolean;
}

const pattern = (regex: RegExp) => (value: string) => regex.test(value);

const RULES: Rule[] = [
  { what: "a private key", test: pattern(/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/) },
  { what: "an AWS access key", test: pattern(/\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/) },
  { what: "a GitHub token", test: pattern(/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/) },
  { what: "a Slack token", test: pattern(/\bxox[abposre]-[A-Za-z0-9-]{10,}/) },
  { what: "a Google API key", test: pattern(/\bAIza[0-9A-Za-z_-]{30,}/) },
  { what: "a Stripe key", test: pattern(/\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}/) },
  { what: "an npm token", test: pattern(/\bnpm_[A-Za-z0-9]{30,}/) },
  // Entra ID client secrets: three characters, a digit, "Q~", then 31 to 34 more.
  {
    what: "an Entra ID client secret",
    test: pattern(/(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/),
  },
  {
    what: "a connection string with a key",
    test: pattern(/\b(?:AccountKey|SharedAccessKey|SharedSecret)\s*=\s*[^;\s]+/i),
  },
  { what: "a shared access signature", test: pattern(/(?:^|[?&;\s])sig=[A-Za-z0-9%+/=]{16,}/i) },
  {
    what: "a connection string with a password",
    test: (value) => value.includes(";") && /(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s]+/i.test(value),
  },
  // "password=…" always; "password: …" only when what follows is not a plain word, so that
  // "Password: kept in Key Vault" stays a sentence.
  {
    what: "a password",
    test: pattern(
      /\b(?:password|passwd|pwd|passphrase)\s*(?:=\s*\S+|:\s*(?!https?:\/\/)(?=\S*[^A-Za-z\s])\S{4,})/i,
    ),
  },
  {
    what: "an API key or token",
    test: pattern(
      /\b(?:api[_-]?key|apikey|secret|client[_-]?secret|access[_-]?token|auth[_-]?token|token)\s*=\s*(?!https?:\/\/)[^\s&;]{8,}/i,
    ),
  },
  { what: "a URL with a password", test: pattern(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i) },
  { what: "a bearer token", test: pattern(/\bbearer\s+[A-Za-z0-9\-._~+/]{16,}=*/i) },
  { what: "a JWT", test: containsJwt },
  { what: "a random key", test: containsHighEntropyRun },
];

/** What the value looks like ("a JWT"), or null when it does not look like a secret. */
export function looksLikeSecret(value: string): string | null {
  if (value.trim() === "") return null;
  for (const rule of RULES) {
    if (rule.test(value)) return rule.what;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// JWT: three base64url parts whose first part decodes to a JSON header with "alg".
// ---------------------------------------------------------------------------------------

function containsJwt(value: string): boolean {
  for (const match of value.matchAll(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g)) {
    const header = decodeBase64Url(match[0].split(".")[0] ?? "");
    if (header === null) continue;
    try {
      const parsed: unknown = JSON.parse(header);
      if (parsed && typeof parsed === "object" && "alg" in parsed) return true;
    } catch {
      // not JSON: a dotted name such as a host, not a token
    }
  }
  return false;
}

function decodeBase64Url(part: string): string | null {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  try {
    return atob(padded);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Long random strings: generated keys have no words in them.
// ---------------------------------------------------------------------------------------

const MIN_LENGTH = 24;
const MIN_ENTROPY = 4.0;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

type CharClass = "lower" | "upper" | "digit" | "other";

function classOf(char: string): CharClass {
  if (char >= "a" && char <= "z") return "lower";
  if (char >= "A" && char <= "Z") return "upper";
  if (char >= "0" && char <= "9") return "digit";
  return "other";
}

/**
 * A run of the base64 / base64url alphabet that mixes upper case, lower case and digits, has
 * high entropy and changes character class often. The last test is what tells
 * "aZ3kQ9vX2mB7nR4tW8yL1pC6" from a CamelCase name like "FinanceBankingBot2024Prod":
 * words change class a few times, generated keys at almost every other character.
 */
function isRandomLooking(run: string): boolean {
  if (run.length < MIN_LENGTH) return false;
  const classes = new Set<CharClass>();
  let changes = 0;
  let previous: CharClass | null = null;
  for (const char of run) {
    const current = classOf(char);
    classes.add(current);
    if (previous !== null && current !== previous) changes++;
    previous = current;
  }
  if (!classes.has("lower") || !classes.has("upper") || !classes.has("digit")) return false;
  if (shannonEntropy(run) < MIN_ENTROPY) return false;
  return changes / (run.length - 1) >= 0.3;
}

function containsHighEntropyRun(value: string): boolean {
  for (const token of value.split(/\s+/)) {
    if (token.length < MIN_LENGTH) continue;
    // In a URL, look at each path segment and query value, not at the whole address.
    const pieces = /^[a-z][a-z0-9+.-]*:\/\//i.test(token) ? token.split(/[/?&=#]/) : [token];
    for (const piece of pieces) {
      for (const match of piece.matchAll(/[A-Za-z0-9+/=_-]{24,}/g)) {
        if (isRandomLooking(match[0])) return true;
      }
    }
  }
  return false;
}
