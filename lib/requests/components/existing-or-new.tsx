"use client";

import type { ReactNode } from "react";
import { RadioGroup, type RadioOption } from "@/components/ui/field";
import type { Source } from "@/lib/requests/decision-checks";

/**
 * Approving a request for a connector or a gateway: a fieldset where IT links one the catalog
 * has, or records a new one — the choice, then the fields of what was chosen.
 */
export function ExistingOrNew({
  legend,
  intro,
  id,
  question,
  value,
  onChange,
  options,
  existing,
  created,
}: {
  legend: ReactNode;
  /** Said under the legend, before the choice. */
  intro?: ReactNode;
  /** The choice's id and name. */
  id: string;
  question: string;
  value: Source;
  onChange: (source: Source) => void;
  options: ReadonlyArray<RadioOption<Source>>;
  existing: ReactNode;
  created: ReactNode;
}) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-base font-semibold text-slate-900">{legend}</legend>
      {intro}
      <RadioGroup id={id} name={id} legend={question} value={value} onChange={onChange} options={options} />
      {value === "existing" ? existing : created}
    </fieldset>
  );
}
