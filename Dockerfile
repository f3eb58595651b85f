# syntax=docker/dockerfile:1
# Preflight's container image (docs/operations.md, *Containers*).
#
#   docker build -t preflight .                      the app: node server.js on port 3000
#   docker build --target migrate -t preflight-migrate .   the one-shot migrations
#
# The app stage holds Next's standalone output only (no npm, no development dependencies,
# no sources) and runs as the unprivileged `node` user. Migrations are a separate one-shot
# command (scripts/migrate.ts deploy: schema migrations, then post-deploy steps), run once per
# deploy before the new instances start; docker-compose.yml runs it as the `migrate` service.
#
# NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is read by `next build` and baked into the output: pass
# the same key (openssl rand -base64 32) to every build of one deployment, so that instances of
# different builds understand each other's server actions during a rolling deploy.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- every dependency, to build ---------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/stubs ./scripts/stubs
RUN npm ci --no-audit --no-fund

# --- the production build (.next/standalone with its static files) --------------------------
FROM deps AS build
ARG NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
COPY . .
RUN NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY}" npm run build

# --- production dependencies only, for the migrations ----------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/stubs ./scripts/stubs
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- one-shot: migrations and post-deploy steps (DATABASE_URL required) ----------------------
FROM ${NODE_IMAGE} AS migrate
WORKDIR /app
# Not NODE_ENV=production: that would ask the post-deploy steps for the app's AUTH_SECRET.
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/lib/generated ./lib/generated
COPY package.json tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib ./lib
COPY app ./app
COPY components ./components
COPY scripts ./scripts
USER node
CMD ["node", "node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts", "deploy"]

# --- the app (last, so that a plain `docker build` makes it) ---------------------------------
FROM ${NODE_IMAGE} AS app
WORKDIR /app
# HOSTNAME: every address of the container (Docker sets it to the container's name otherwise).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 \
    NEXT_MANUAL_SIG_HANDLE=true
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
# Liveness only: /api/health/live never touches the database (docs/operations.md).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: requests finish for SHUTDOWN_GRACE_MS, then exit 0; give `docker stop` more (-t 30).
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
