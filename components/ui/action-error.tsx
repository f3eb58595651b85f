import { errorMessage } from "@/lib/api-client";

/**
 * Why an action failed, next to its controls and announced at once: the message itself, or
 * what the API answered (e.g. a mutation's error). Nothing while there is no error.
 */
export function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm font-medium text-red-700">
      {typeof error === "string" ? error : errorMessage(error)}
    </p>
  );
}
