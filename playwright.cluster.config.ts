import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The browser tests again, through a round-robin proxy in front of two instances of the
// production build on one database (PREFLIGHT_INSTANCES=2: scripts/serve.ts), as a deployment
// behind a load balancer runs: signing in (the identity provider's redirect lands on whichever
// instance), a session used on both, and pages that answer whichever instance serves them.
const PORT = Number(process.env.E2E_CLUSTER_PORT ?? 3120);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  ...base,
  use: { ...base.use, baseURL },
  projects: [
    { ...base.projects![0]!, testMatch: /auth\.setup\.ts$/ },
    { ...base.projects![1]!, testMatch: /(signin|cluster)\.spec\.ts$/, testIgnore: [] },
  ],
  webServer: {
    ...(Array.isArray(base.webServer) ? base.webServer[0]! : base.webServer!),
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(PORT),
      APP_URL: baseURL,
      PREFLIGHT_INSTANCES: "2",
      DEV_IDP_PORT: process.env.E2E_CLUSTER_IDP_PORT ?? "3921",
      DEMO_TENANT_PORT: process.env.E2E_CLUSTER_TENANT_PORT ?? "3923",
    },
  },
});
