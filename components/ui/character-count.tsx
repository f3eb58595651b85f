import { countText, nearLimit } from "@/lib/text-limits";

/**
 * The count under a limited input, shown once it nears the limit (and when over it, in the
 * error colour). Polite: a screen reader hears it when typing pauses, not on every key.
 */
export function CharacterCount({ id, value, max }: { id: string; value: string; max: number }) {
  const length = value.trim().length;
  const shown = nearLimit(length, max);
  return (
    <p
      id={`${id}-count`}
      aria-live="polite"
      className={`text-sm tabular-nums ${length > max ? "font-medium text-red-700" : "text-slate-600"}`}
    >
      {shown ? countText(length, max) : null}
    </p>
  );
}
