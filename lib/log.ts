import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { env } from "@/lib/env";

// Structured logs: one JSON object per line on stdout, for the log pipeline to collect. Lines
// written while a request is served carry its id, route pattern and user id (set by apiRoute),
// and lines of a background job its name and run id (lib/jobs/server/schedule.ts), without
// being passed around. Secrets never go in: credentials are redacted by key wherever
// they appear, and free text that may quote a value (a database error) is masked by the caller.

export interface LogContext {
  /** The request being served. */
  requestId?: string;
  route?: string;
  userId?: string;
  /** The background job being run, and the queue's id of this run. */
  job?: string;
  jobId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Keys whose values are never written, at the top level or one object down. */
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "token",
  "secret",
  "clientSecret",
  "accessToken",
  "refreshToken",
  "idToken",
  "apiKey",
];
export const REDACTED_PATHS = [
  ...SECRET_KEYS.map((key) => `["${key}"]`),
  ...SECRET_KEYS.map((key) => `*["${key}"]`),
  ...SECRET_KEYS.map((key) => `*.headers["${key}"]`),
];

export function createLogger(destination?: pino.DestinationStream, level = env().LOG_LEVEL): pino.Logger {
  return pino(
    {
      level,
      base: { service: "preflight" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      mixin: () => ({ ...context.getStore() }),
    },
    destination,
  );
}

const globalForLog = globalThis as unknown as { preflightLogger?: pino.Logger };

/** The process's logger. */
export function log(): pino.Logger {
  globalForLog.preflightLogger ??= createLogger();
  return globalForLog.preflightLogger;
}

/** Runs `work` with `fields` on every line it logs; the object may be filled in as it goes. */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return context.run(fields, work);
}

/** The request being served, if any. */
export function logContext(): LogContext | undefined {
  return context.getStore();
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A caller's X-Request-Id when it is a plain token of at most 128 characters, else a new one. */
export function requestIdFrom(header: string | null): string {
  return header && SANE_REQUEST_ID.test(header) ? header : crypto.randomUUID();
}
