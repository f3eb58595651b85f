"use client";

import { Field, TextInput } from "./field";

/**
 * A thing's name, up to `max` characters (the hint says so, a count follows what is typed):
 * a text input named "name", its value held by the caller.
 */
export function NameField({
  id,
  label = "Name",
  hint,
  max,
  value,
  onChange,
  error,
  required,
  className,
}: {
  id: string;
  label?: string;
  hint?: string;
  max: number;
  value: string;
  onChange: (name: string) => void;
  error?: string;
  required?: boolean;
  className?: string;
}) {
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      limit={{ max, value }}
      error={error}
      required={required}
      className={className}
    >
      {(control) => (
        <TextInput
          {...control}
          name="name"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
