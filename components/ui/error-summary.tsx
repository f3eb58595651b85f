"use client";

import type { Ref } from "react";

export interface SummaryError {
  /** Id of the control the message belongs to; null for a message about the whole form. */
  targetId: string | null;
  message: string;
}

interface ErrorSummaryProps {
  title?: string;
  errors: ReadonlyArray<SummaryError>;
  /** Called when a link is followed, e.g. to show the step holding the control first. */
  onSelect: (error: SummaryError) => void;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The list of problems at the top of a form, each linking to its control. It takes focus
 * when it appears (tabIndex -1) so that keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ title = "There is a problem", errors, onSelect, ref }: ErrorSummaryProps) {
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="rounded-md border-2 border-red-700 bg-white p-4"
    >
      <h2 id="error-summary-title" className="text-base font-semibold text-red-800">
        {title}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {errors.map((error) => (
          <li key={`${error.targetId ?? "form"}:${error.message}`}>
            {error.targetId ? (
              <a
                href={`#${error.targetId}`}
                className="font-medium text-red-800 underline underline-offset-2"
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(error);
                }}
              >
                {error.message}
              </a>
            ) : (
              <span className="text-red-800">{error.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Focuses a control by id; for a fieldset, its checked (or first) input. */
export function focusControl(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  const target =
    element instanceof HTMLFieldSetElement
      ? (element.querySelector<HTMLInputElement>("input:checked") ??
        element.querySelector("input, select, textarea"))
      : element;
  if (!(target instanceof HTMLElement)) return false;
  target.focus();
  target.scrollIntoView({ block: "center" });
  return true;
}
