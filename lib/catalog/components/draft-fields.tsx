"use client";

import type { ComponentProps, ReactNode } from "react";
import { type ControlProps, Field, Select, TextArea, TextInput } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/catalog/forms";

// The catalog forms' fields, each bound to one text of a draft: its control id
// `${idPrefix}-${field}`, its value, its change, its error and, with `max`, its limit.

/** The fields of one draft: where their ids start, the draft, its change, its errors. */
export interface DraftForm<D> {
  id: (field: string) => string;
  value: D;
  update: (changes: Partial<D>) => void;
  errors: FieldErrors;
}

export function draftForm<D>(
  idPrefix: string,
  value: D,
  onChange: (next: D) => void,
  errors: FieldErrors,
): DraftForm<D> {
  return {
    id: (field) => `${idPrefix}-${field}`,
    value,
    update: (changes) => onChange({ ...value, ...changes }),
    errors,
  };
}

/** The draft's fields that hold text (or a choice kept as text). */
type TextKey<D> = { [K in keyof D]-?: D[K] extends string ? K : never }[keyof D] & string;

interface BoundFieldProps<D, K extends TextKey<D>> {
  draft: DraftForm<D>;
  field: K;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  showOptional?: boolean;
  /** The server's limit on the text: shown in the hint and counted. */
  max?: number;
}

type ControlOwn = "id" | "value" | "onChange" | "required";

/** What a bound control gets: the Field's wiring, the draft's text, and the change that sets it. */
type BoundControlProps = ControlProps & {
  value: string;
  onChange: (event: { target: { value: string } }) => void;
};

/** A field component bound to a draft's text, drawn with `Control`; other props go to the control. */
function boundField<C extends object>(Control: (props: C & BoundControlProps) => ReactNode) {
  return function DraftField<D, K extends TextKey<D>>(props: BoundFieldProps<D, K> & Omit<C, ControlOwn>) {
    const { draft, field, label, hint, required, showOptional, max, ...rest } = props;
    const value = draft.value[field] as string;
    return (
      <Field
        id={draft.id(field)}
        label={label}
        hint={hint}
        required={required}
        showOptional={showOptional}
        limit={max === undefined ? undefined : { max, value }}
        error={draft.errors[field]}
      >
        {(control) => (
          <Control
            {...(rest as unknown as C)}
            {...control}
            value={value}
            onChange={(event) => draft.update({ [field]: event.target.value } as Partial<D>)}
          />
        )}
      </Field>
    );
  };
}

/** A text input bound to `field`. */
export const DraftText = boundField<ComponentProps<"input">>(TextInput);

/** A text area bound to `field`. */
export const DraftTextArea = boundField<ComponentProps<"textarea">>(TextArea);

/** A select bound to `field` (its options the children); a choice is kept as the draft's text. */
export const DraftSelect = boundField<ComponentProps<"select">>(Select);
