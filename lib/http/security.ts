// Security headers for every answer (set in proxy.ts). Pages get a Content-Security-Policy
// with a fresh nonce per request: Next puts it on its own scripts, nothing else may run.

/** Header set by proxy.ts with the requested path, so a page can send people back after sign-in. */
export const PATH_HEADER = "x-preflight-path";

export interface SecurityOptions {
  production: boolean;
  development: boolean;
  https: boolean;
}

export function pageContentSecurityPolicy(nonce: string, options: SecurityOptions): string {
  const directives = [
    "default-src 'self'",
    // React needs eval in development only (error overlays, stack reconstruction).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes; a style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** JSON and redirects load nothing; nobody may frame them either. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(options: SecurityOptions): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    // Only meaningful over HTTPS; a browser ignores it on http:// answers.
    ...(options.production ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
