// Expected failures carry their HTTP status and a message safe to show; anything else is
// an unexpected error, logged on the server and answered with a generic 500.

import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/db-errors";

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNPROCESSABLE"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra data for the client, e.g. the current version of a record after a 409. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new AppError("BAD_REQUEST", message, fields);
export const unauthenticated = (message = "Sign in or send a valid API token.") =>
  new AppError("UNAUTHENTICATED", message);
export const forbidden = (message = "You do not have permission to do this.") =>
  new AppError("FORBIDDEN", message);
export const notFound = (what = "Record") => new AppError("NOT_FOUND", `${what} not found.`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, undefined, details);
export const unprocessable = (message: string, fields?: Record<string, string>) =>
  new AppError("UNPROCESSABLE", message, fields);
/** 429; the answer carries `Retry-After` and `retryAfterSeconds`. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError("RATE_LIMITED", message, undefined, { retryAfterSeconds });

/** 503 while the database is unreachable; the answer carries `Retry-After` and `retryAfterSeconds`. */
export const databaseUnavailable = () =>
  new AppError(
    "SERVICE_UNAVAILABLE",
    `The database is unavailable at the moment. Try again in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
    undefined,
    { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  );

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> } & Record<string, unknown>;
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...error.details,
    },
  };
}
