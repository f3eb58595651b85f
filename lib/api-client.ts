// The browser's typed fetch for the JSON API (/api/v1). Answers are JSON; failures become
// an ApiError carrying the contract's `{ error: { code, message, fields, current } }`.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type QueryValue = string | number | boolean | null | undefined;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field path (e.g. "systems.1.service") → message. */
  readonly fields: Record<string, string>;
  /** On a 409 for a stale version: the record as it is now. */
  readonly current: unknown;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    current?: unknown;
  }) {
    super(options.message);
    this.name = "ApiError";
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? {};
    this.current = options.current;
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "You are signed out. Sign in again to continue.",
  403: "You do not have permission to do this.",
  404: "Not found, or you may not see it.",
  409: "Someone else changed this in the meantime.",
  429: "Too many requests. Wait a moment and try again.",
};

interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, query, signal } = options;
  return send<T>(withQuery(path, query), {
    abortable: true,
    method,
    signal,
    headers: {
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Sends files as multipart/form-data (an upload); the answer is JSON like any other. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  return send<T>(path, {
    abortable: false,
    method: "POST",
    headers: { Accept: "application/json" },
    body: form,
  });
}

/**
 * One request with the session's cookie, its answer read as JSON (an empty or unreadable body
 * is null). Unreachable is an ApiError NETWORK, an error status toApiError's; an abort is
 * thrown as it is when `abortable` (an upload reports it as unreachable).
 */
async function send<T>(
  url: string,
  { abortable, ...init }: RequestInit & { abortable: boolean },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: "same-origin" });
  } catch (error) {
    if (abortable && error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({
      status: 0,
      code: "NETWORK",
      message: "Preflight could not be reached. Check your connection and try again.",
    });
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

function toApiError(status: number, data: unknown): ApiError {
  const error = (data as { error?: Record<string, unknown> } | null)?.error;
  const message =
    typeof error?.message === "string" && error.message
      ? error.message
      : (FALLBACK_MESSAGES[status] ?? `The server answered ${status}. Try again in a moment.`);
  const fields =
    error?.fields && typeof error.fields === "object" ? (error.fields as Record<string, string>) : undefined;
  return new ApiError({
    status,
    code: typeof error?.code === "string" ? error.code : `HTTP_${status}`,
    message,
    fields,
    current: error?.current,
  });
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again.";
}
