// What a server action (lib/http/server/action.ts) answers a form with; shared with client components.

export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string }
  | { status: "error"; code: string; message: string; fields?: Record<string, string> };

export const IDLE: ActionState = { status: "idle" };
