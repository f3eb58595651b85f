import "server-only";
import { inspect } from "node:util";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { canAny, type Permission } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { sessionCaller } from "@/lib/auth/server/session";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { env } from "@/lib/env";
import type { ActionState } from "@/lib/http/action-state";
import { AppError, databaseUnavailable, forbidden, unauthenticated } from "@/lib/http/errors";
import { fieldErrors, invalidInput } from "@/lib/http/validation";
import { log } from "@/lib/log";
import { maskLog } from "@/lib/secrets/mask";

// Every server action goes through `serverAction`, the counterpart of `apiRoute`: the same
// checks (signed-in person from the database, same origin, permission, zod input) and the
// same error messages, returned as state for `useActionState` instead of an HTTP status.

interface ActionOptions<S extends z.ZodType> {
  /** The caller needs at least one of these; record scope is applied in the service's query. */
  permission?: Permission | readonly Permission[];
  input: S;
  /** Returns the confirmation shown to the person. */
  handler: (context: { caller: Caller; input: z.infer<S> }) => Promise<string>;
  /** Pages whose data the action changed. */
  revalidate?: readonly string[];
}

export type FormAction = (
  previous: ActionState,
  input: FormData | Record<string, unknown>,
) => Promise<ActionState>;

export function serverAction<S extends z.ZodType>(options: ActionOptions<S>): FormAction {
  return async (_previous, raw) => {
    try {
      // Next refuses cross-origin action posts itself; this keeps the rule explicit and
      // independent of its configuration.
      await checkActionOrigin();
      const caller = await sessionCaller();
      if (!caller) throw unauthenticated("Your session has ended. Sign in again.");
      if (options.permission) {
        const permissions =
          typeof options.permission === "string" ? [options.permission] : options.permission;
        if (!canAny(caller, permissions as readonly Permission[])) throw forbidden();
      }
      const parsed = options.input.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
      if (!parsed.success) {
        const refusal = invalidInput(parsed.error, "form");
        return {
          status: "error",
          code: refusal.code,
          message: refusal.code === "UNPROCESSABLE" ? refusal.message : "Check the highlighted fields.",
          fields: fieldErrors(parsed.error),
        };
      }
      const message = await options.handler({ caller, input: parsed.data });
      for (const path of options.revalidate ?? []) revalidatePath(path);
      return { status: "success", message };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) {
        return { status: "error", code: error.code, message: error.message, fields: error.fields };
      }
      if (isDatabaseUnavailable(error)) {
        const unavailable = databaseUnavailable();
        return { status: "error", code: unavailable.code, message: unavailable.message };
      }
      log().error({ err: maskLog(inspect(error)) }, "unhandled error in server action");
      return {
        status: "error",
        code: "INTERNAL",
        message: "Something went wrong on our side. It has been logged.",
      };
    }
  };
}

async function checkActionOrigin(): Promise<void> {
  const request = await headers();
  const origin = request.get("origin");
  const host = request.get("x-forwarded-host") ?? request.get("host");
  const allowed = new Set([new URL(env().APP_URL).origin]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!origin || !allowed.has(origin)) throw forbidden("Cross-origin request refused.");
}

/**
 * Form fields as an object for zod. A field sent several times (checkboxes), or named
 * `name[]`, becomes an array; `name[]` is always one, so "none ticked" can be told apart.
 */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((value): value is string => typeof value === "string");
    if (key.endsWith("[]")) result[key.slice(0, -2)] = values;
    else result[key] = values.length > 1 ? values : values[0];
  }
  return result;
}
