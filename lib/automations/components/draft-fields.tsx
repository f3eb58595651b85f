"use client";

import type { ChangeEvent, ComponentProps, ReactNode } from "react";
import { Field, RadioGroup, type RadioOption, Select, TextArea, TextInput } from "@/components/ui/field";
import { controlId, type FieldErrors } from "@/lib/automations/form";

/**
 * One draft a form edits (the automation, or one of its systems). A control of one of its
 * fields is tied to it by the field's key alone: its id, its error, its value and its change.
 */
export interface DraftBinding<D> {
  value: D;
  errors: FieldErrors;
  change: (patch: Partial<D>) => void;
  /** The API path of a field: where its error is, and what its control's id is made from. */
  at: (field: string) => string;
  /** Whether the controls carry the field's key as their name (the automation's own fields do). */
  named: boolean;
}

/** The fields of a draft whose value is text. */
export type TextKey<D> = { [K in keyof D]-?: D[K] extends string ? K : never }[keyof D] & string;

interface DraftFieldProps<D> {
  bind: DraftBinding<D>;
  field: TextKey<D>;
  /** The API path when it is not the key, e.g. credentialReference.name for credentialName. */
  path?: string;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  showOptional?: boolean;
  /** The server's limit on the text: the hint says it and a count follows what is typed. */
  max?: number;
}

function bound<D>({ bind, field, path = field }: Pick<DraftFieldProps<D>, "bind" | "field" | "path">) {
  const at = bind.at(path);
  const id = controlId(at);
  return {
    id,
    name: bind.named ? field : undefined,
    error: bind.errors[at],
    value: bind.value[field] as string,
    set: (value: string) => bind.change({ [field]: value } as Partial<D>),
  };
}

type InputProps = Omit<ComponentProps<"input">, "id" | "name" | "value" | "onChange" | "required" | "max">;

/** A text input (a text area when given rows) for one field of a draft. */
export function DraftTextField<D>({
  label,
  hint,
  required,
  showOptional,
  max,
  rows,
  autoComplete = "off",
  ...props
}: DraftFieldProps<D> & InputProps & { rows?: number }) {
  const { bind, field, path, ...input } = props;
  const { id, name, error, value, set } = bound({ bind, field, path });
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(event.target.value);
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      limit={max === undefined ? undefined : { max, value }}
      error={error}
      required={required}
      showOptional={showOptional}
    >
      {(control) =>
        rows ? (
          <TextArea {...control} name={name} rows={rows} value={value} onChange={onChange} />
        ) : (
          <TextInput
            {...control}
            name={name}
            autoComplete={input.type === "date" ? undefined : autoComplete}
            {...input}
            value={value}
            onChange={onChange}
          />
        )
      }
    </Field>
  );
}

/** A select for one field of a draft: its children, then its options. */
export function DraftSelectField<D>({
  label,
  hint,
  options,
  children,
  ...props
}: Omit<DraftFieldProps<D>, "max" | "required" | "showOptional"> & {
  /** The options, after the children (e.g. an empty first choice). */
  options?: ReadonlyArray<{ value: string; label: string }>;
  children?: ReactNode;
}) {
  const { id, name, error, value, set } = bound(props);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <Select {...control} name={name} value={value} onChange={(event) => set(event.target.value)}>
          {children}
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/** The choice of one field of a draft, as radios in two columns. */
export function DraftRadioGroup<D>({
  label,
  hint,
  required,
  options,
  className,
  ...props
}: Omit<DraftFieldProps<D>, "max" | "showOptional"> & {
  options: ReadonlyArray<RadioOption<string>>;
  className?: string;
}) {
  const { id, name, error, value, set } = bound(props);
  return (
    <RadioGroup
      id={id}
      name={name ?? `${id}-radio`}
      legend={label}
      hint={hint}
      required={required}
      className={className}
      columns={2}
      value={value}
      options={options}
      error={error}
      onChange={set}
    />
  );
}
