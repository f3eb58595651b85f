// Preflight stores where a secret lives, never the secret. This recognises values that look
// like the secret itself, so that a maker who pastes a key or types a password into any text
// field is stopped before anything is written, and so that rows written before a rule existed
// are masked when read (mask.ts). Pure, no I/O: the forms run it in the browser as well.
//
// It errs on the side of refusing known key formats and password-shaped words, and on the side
// of accepting anything that reads like a reference: vault URIs, "vault/name" paths,
// DOMAIN\account names, e-mail addresses, UUIDs and long hexadecimal ids up to 40 digits (Key
// Vault secret versions are 32 hex digits, commit ids 40). Prose that hands over a password
// ("the password is Hunter2!") is refused; prose that says where one is kept ("Password: kept
// in Key Vault, rotated by IT") is not.
//
// Known key formats follow secretlint's recommended preset (@secretlint/secretlint-rule-preset-
// recommend). The preset itself is not used: its lintSource is asynchronous (zod's checks and
// the forms are synchronous), ESM-only, about a megabyte of code for the browser, costs about a
// millisecond per value, and does not know the prose or password forms.

interface Rule {
  /** What the value looks like, in words shown to the maker: "(a JWT)". */
  what: string;
  test: (value: string) => boolean;
}

/** `regex` decides; `hint`, a substring every match holds, lets most values skip it cheaply. */
const pattern = (regex: RegExp, hint?: string) =>
  hint === undefined
    ? (value: string) => regex.test(value)
    : (value: string) => value.includes(hint) && regex.test(value);

/** A run that must mix upper case, lower case and digits to count (generated, not a word). */
const mixedRun = (regex: RegExp) => (value: string) => {
  for (const match of value.matchAll(regex)) {
    const run = match[0];
    if (/[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run)) return true;
  }
  return false;
};

export const RULES: Rule[] = [
  {
    what: "a private key",
    test: pattern(/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, "-----BEGIN"),
  },
  { what: "a service account key file", test: pattern(/"type"\s*:\s*"service_account"/, "service_account") },
  { what: "an AWS access key", test: pattern(/\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/) },
  { what: "a GitHub token", test: pattern(/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/) },
  { what: "a GitLab token", test: pattern(/\bglpat-[A-Za-z0-9_-]{20,}/, "glpat-") },
  { what: "a Slack token", test: pattern(/\bxox[abposre]-[A-Za-z0-9-]{10,}/) },
  {
    what: "a Slack webhook URL",
    test: pattern(
      /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,}/,
      "hooks.slack.com",
    ),
  },
  { what: "a Google API key", test: pattern(/\bAIza[0-9A-Za-z_-]{30,}/, "AIza") },
  { what: "a Stripe key", test: pattern(/\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}/) },
  { what: "an npm token", test: pattern(/\bnpm_[A-Za-z0-9]{30,}/, "npm_") },
  { what: "a PyPI token", test: pattern(/\bpypi-AgE[A-Za-z0-9_-]{50,}/, "pypi-") },
  { what: "a SendGrid key", test: pattern(/\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/, "SG.") },
  { what: "a Shopify token", test: pattern(/\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}/) },
  { what: "a Linear API key", test: pattern(/\blin_api_[A-Za-z0-9]{40}/, "lin_api_") },
  { what: "a 1Password service account token", test: pattern(/\bops_eyJ[A-Za-z0-9+/=_-]{20,}/, "ops_") },
  { what: "an Atlassian API token", test: pattern(/\bATATT3[A-Za-z0-9_=-]{50,}/, "ATATT3") },
  { what: "a DigitalOcean token", test: pattern(/\bdo[opr]_v1_[a-f0-9]{64}/, "_v1_") },
  { what: "a Databricks token", test: pattern(/\bdapi[0-9a-f]{32}\b/, "dapi") },
  { what: "a Twilio key", test: pattern(/\bSK[0-9a-f]{32}\b/, "SK") },
  { what: "a Mailgun key", test: pattern(/\bkey-[0-9a-f]{32}\b/, "key-") },
  {
    what: "a secret API key",
    test: (value) => value.includes("sk-") && mixedRun(/\bsk-(?:[a-z]+-)?[A-Za-z0-9_-]{20,}/g)(value),
  },
  // Entra ID client secrets: three characters, a digit, "Q~", then 31 to 34 more.
  {
    what: "an Entra ID client secret",
    test: pattern(/(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/, "Q~"),
  },
  {
    what: "an Azure DevOps token",
    test: (value) => {
      if (value.length < 52) return false;
      for (const match of value.matchAll(/(?<![A-Za-z0-9])[a-z2-7]{52}(?![A-Za-z0-9])/g)) {
        if (/\d/.test(match[0])) return true;
      }
      return false;
    },
  },
  {
    what: "a connection string with a key",
    test: pattern(/\b(?:AccountKey|SharedAccessKey|SharedSecret)\s*=\s*[^;\s]+/i, "="),
  },
  { what: "a shared access signature", test: pattern(/(?:^|[?&;\s])sig=[A-Za-z0-9%+/=]{16,}/i, "=") },
  {
    what: "a connection string with a password",
    test: (value) => value.includes(";") && /(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s]+/i.test(value),
  },
  { what: "a password", test: handsOverPassword },
  {
    what: "an API key or token",
    test: pattern(
      /\b(?:api[_-]?key|apikey|secret|client[_-]?secret|access[_-]?token|auth[_-]?token|token)\s*=\s*(?!https?:\/\/)[^\s&;]{8,}/i,
      "=",
    ),
  },
  { what: "an API key or token", test: namesKeyValue },
  { what: "a URL with a password", test: pattern(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i, "@") },
  { what: "a bearer token", test: pattern(/\bbearer\s+[A-Za-z0-9\-._~+/]{16,}=*/i) },
  { what: "a basic-auth credential", test: containsBasicAuth },
  { what: "a JWT", test: containsJwt },
  { what: "a hexadecimal key", test: pattern(/(?<![0-9A-Za-z])[0-9a-fA-F]{64,}(?![0-9A-Za-z])/) },
  { what: "a password", test: isPasswordShapedValue },
  { what: "a random key", test: containsHighEntropyRun },
];

/**
 * Values no rule can match, told apart with one cheap test (the audit trail and the exports
 * mask every string they show): an id, an instant, an enum constant, a word, a number.
 */
const PLAIN =
  /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|[A-Z]+(?:_[A-Z]+)*|[A-Za-z]{1,40}|-?\d{1,15}(?:\.\d+)?)$/;

/** What the value looks like ("a JWT"), or null when it does not look like a secret. */
export function looksLikeSecret(value: string): string | null {
  if (value.trim() === "" || PLAIN.test(value)) return null;
  for (const rule of RULES) {
    if (rule.test(value)) return rule.what;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// JWT: three base64url parts whose first part decodes to a JSON header with "alg".
// ---------------------------------------------------------------------------------------

function containsJwt(value: string): boolean {
  // A JSON header starts with "{", which base64url writes as "ey" before a quote or a blank.
  if (!/ey[A-DI-L]/.test(value)) return false;
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
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
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
  // Changes are counted between letters and digits only: the separators of a name written
  // in words ("RPA-FINANCE/svc-dynamics-365-bot") are not the churn of a generated key.
  let changes = 0;
  let alphanumerics = 0;
  let previous: CharClass | null = null;
  for (const char of run) {
    const current = classOf(char);
    classes.add(current);
    if (current === "other") continue;
    alphanumerics++;
    if (previous !== null && current !== previous) changes++;
    previous = current;
  }
  if (!classes.has("lower") || !classes.has("upper") || !classes.has("digit")) return false;
  if (shannonEntropy(run) < MIN_ENTROPY) return false;
  return alphanumerics > 1 && changes / (alphanumerics - 1) >= 0.3;
}

function containsHighEntropyRun(value: string): boolean {
  if (value.length < MIN_LENGTH || !/[A-Za-z0-9+/=_-]{24}/.test(value)) return false;
  // UUIDs are ids, however random: "SAFE/3f2b8c1e-…" is a reference.
  const withoutIds = value.replace(UUIDS, " ");
  for (const token of withoutIds.split(/\s+/)) {
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

// ---------------------------------------------------------------------------------------
// Passwords in prose: "password=…", "pwd: …", "the password is …", "Password for X: …".
// ---------------------------------------------------------------------------------------

/** Words that may be followed by a password with ":", "=" or "is". */
const PASSWORD_WORDS = "password|passwort|passwd|passphrase|passcode|kennwort|pwd";
/** Short words that are also ordinary English: only with ":" or "=". */
const SHORT_PASSWORD_WORDS = "pass|pw|pin";

const PASSWORD_PROSE = new RegExp(
  String.raw`\b(?:(?:${PASSWORD_WORDS})s?(?:\s+(?:for|of|to)\s+[^.:;=\n]{1,60}?)?\s*(?:([:=])|\s(?:is|was|will be)\s)|(?:${SHORT_PASSWORD_WORDS})\s*([:=]))\s*(.*)`,
  "gi",
);

// Words that make the text after "password:" a sentence about where or how the password is
// kept, rather than the password: "Password: kept in Key Vault, rotated by IT".
const REFERENCE_WORDS = new Set(
  `a an the in on at by from to of for with via see ask and or is are be been not no our your its their
  this that it will as per under inside within same each every any only also via through using
  vault keyvault key cyberark hashicorp aws azure lastpass bitwarden keepass 1password dashlane
  manager secrets secret store safe ticket team it owner owners department required none unknown
  tbd pending na expired confidential personal individual unchanged weak strong long short new old
  wrong valid invalid missing empty blank sso mfa 2fa otp entra windows account service portal
  system admin administrator helpdesk desk email mail phone sms authenticator app`.split(/\s+/),
);
const REFERENCE_STEMS = [
  "stor",
  "kept",
  "keep",
  "manag",
  "rotat",
  "request",
  "provid",
  "chang",
  "expir",
  "reset",
  "held",
  "hold",
  "live",
  "locat",
  "sav",
  "encrypt",
  "mask",
  "hid",
  "redact",
  "issu",
  "generat",
  "sent",
  "send",
  "shar",
  "handl",
  "maintain",
  "document",
  "defin",
  "configur",
  "requir",
  "need",
  "known",
  "set",
  "given",
  "assign",
  "retriev",
  "fetch",
  "lookup",
  "look",
  "obtain",
  "sync",
  "vault",
];
const UNITS =
  /^(?:days?|weeks?|months?|years?|hours?|minutes?|characters?|chars?|digits?|letters?|symbols?)$/i;

function isReferenceWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (lower === "") return true;
  return REFERENCE_WORDS.has(lower) || REFERENCE_STEMS.some((stem) => lower.startsWith(stem));
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;
/** A path-like reference in lower case: kv-finance/bank-bot, secret/data/finance. */
const LOWER_PATH = /^[a-z0-9][a-z0-9._-]*(?:[/\\][a-z0-9._-]+)+$/;

function unquote(word: string): string {
  return word.replace(/^["'“‘«(<[]+/, "").replace(/["'”’»)>\]]+$/, "");
}

/** What follows "password:" or "the password is": the password itself, or words about it? */
function proseValueIsSecret(rest: string, separator: string | undefined): boolean {
  const clause = (rest.split(/\n|;|[.,](?=\s|$)/)[0] ?? "").trim();
  if (clause === "") return false;
  const words = clause.split(/\s+/).map(unquote).filter(Boolean);
  const [first, second] = words;
  if (!first) return false;
  // "password=…" is always a value.
  if (separator === "=") return true;
  if (URL_START.test(first) || EMAIL.test(first) || LOWER_PATH.test(first)) return false;
  if (/^\d+$/.test(first) && second && UNITS.test(second)) return false;
  if (/[^A-Za-z]/.test(first)) return !isReferenceWord(first);
  // Letters only: a sentence about the password has a word such as "in", "kept", "vault".
  return !words.some(isReferenceWord);
}

function handsOverPassword(value: string): boolean {
  if (!/p(?:ass|w|in)|kennwort/i.test(value)) return false;
  for (const match of value.matchAll(PASSWORD_PROSE)) {
    if (proseValueIsSecret(match[3] ?? "", match[1] ?? match[2])) return true;
  }
  return false;
}

/** "token: 3f9Kd82mXq", "api key: …": a key-like value after a key's name and a colon. */
function namesKeyValue(value: string): boolean {
  if (!value.includes(":")) return false;
  const regex =
    /(?<!:)\b(?:api[ _-]?key|apikey|secret|client[ _-]?secret|access[ _-]?token|auth[ _-]?token|token)\s*:\s*(\S+)/gi;
  for (const match of value.matchAll(regex)) {
    const candidate = unquote(match[1] ?? "");
    if (candidate.length < 12 || URL_START.test(candidate) || /[/\\]/.test(candidate)) continue;
    if (/[A-Za-z]/.test(candidate) && /\d/.test(candidate)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Password-shaped words: upper case, lower case, a digit and a symbol, 8 to 64 characters.
// ---------------------------------------------------------------------------------------

const PASSWORD_SYMBOLS = /[!@$%^*?~]/;

function isPasswordShaped(word: string): boolean {
  if (word.length < 8 || word.length > 64) return false;
  if (!/[a-z]/.test(word) || !/[A-Z]/.test(word) || !/\d/.test(word)) return false;
  if (!PASSWORD_SYMBOLS.test(word)) return false;
  return !EMAIL.test(word) && !URL_START.test(word);
}

/**
 * The whole value is one password-shaped word ("Winter2024!"), or the text holds one whose
 * symbol is not just the sentence's punctuation ("uses Hunter2!Password daily"). Words are
 * taken apart at / \ and quotes: paths and spreadsheet references ('Totals'!B12) are no passwords.
 */
function isPasswordShapedValue(value: string): boolean {
  if (!PASSWORD_SYMBOLS.test(value)) return false;
  const trimmed = value.trim();
  if (!/\s/.test(trimmed) && isPasswordShaped(trimmed)) return true;
  for (const token of trimmed.split(/\s+/)) {
    if (URL_START.test(token) || EMAIL.test(token)) continue;
    const word = token.replace(/^["'“‘«(<[]+/, "").replace(/[.,;:!?"'”’»)>\]]+$/, "");
    for (const piece of word.split(/[/\\'"]/)) {
      if (isPasswordShaped(piece)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// "Basic dXNlcjpwYXNz": an HTTP basic-auth header, user:password in base64.
// ---------------------------------------------------------------------------------------

function containsBasicAuth(value: string): boolean {
  if (!/basic\s/i.test(value)) return false;
  for (const match of value.matchAll(/\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/gi)) {
    const decoded = decodeBase64Url(match[1] ?? "");
    if (decoded && /^[\x20-\x7e]+:[\x20-\x7e]+$/.test(decoded)) return true;
  }
  return false;
}
