import "server-only";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import { env } from "@/lib/env";

// The SMTP side of the outbox. Timeouts are short on purpose: a mail server that is down
// must fail a delivery run within seconds (the notification stays queued and is retried),
// not hold its row locks for the operating system's two-minute TCP timeout.

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** What the outbox needs of a transport; tests pass their own. */
export interface MailTransport {
  sendMail(mail: OutgoingMail & { from: string }): Promise<unknown>;
}

export function createMailTransport(url: string): MailTransport {
  return nodemailer.createTransport({
    ...parseConnectionUrl(url),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

let cached: { url: string; transport: MailTransport } | undefined;

/** The configured transport (SMTP_URL), or null when e-mail is off. */
export function configuredTransport(): MailTransport | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) cached = { url, transport: createMailTransport(url) };
  return cached.transport;
}

/**
 * An error as it may be stored and logged: the SMTP server's answer or the network error,
 * never credentials (a URL with user:password is masked) and never longer than 500 characters.
 */
export function describeMailError(error: unknown): string {
  const { code, responseCode, message } = (error ?? {}) as {
    code?: string;
    responseCode?: number;
    message?: string;
  };
  const text = [code, responseCode, message ?? String(error)].filter(Boolean).join(" ");
  return text.replace(/\/\/[^/\s:@]+:[^@\s]+@/g, "//***:***@").slice(0, 500);
}

/** Network-level failures: the server is unreachable, so the rest of a batch would fail too. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "ECONNECTION" || code === "ETIMEDOUT" || code === "ESOCKET" || code === "EDNS";
}
