// What the sign-in page says for the `error` next-auth (or our signIn callback) put in its URL.

const MESSAGES: Record<string, string> = {
  AccountDisabled: "Your Preflight account is deactivated. Ask a Preflight administrator to reactivate it.",
  AccountConflict:
    "This e-mail address already belongs to a different account at the identity provider. Ask a Preflight administrator.",
  ClaimsMissing:
    "Your identity provider did not send what Preflight needs (an e-mail address). Ask your administrator to check the app registration.",
  RateLimited: "Too many sign-in attempts from your network. Wait a minute, then try again.",
  AccessDenied: "The sign-in was cancelled or refused at the identity provider.",
  SessionRequired: "Sign in to continue.",
  OAuthSignin: "Preflight could not reach the identity provider. Try again in a moment.",
  OAuthCallback: "The identity provider's answer could not be verified. Try signing in again.",
};

const FALLBACK = "Sign-in did not complete. Try again; if it keeps failing, tell your administrator.";

export function signInErrorMessage(code: string): string {
  return MESSAGES[code] ?? FALLBACK;
}
