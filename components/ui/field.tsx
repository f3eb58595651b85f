import type { ComponentProps, InputHTMLAttributes, ReactNode } from "react";
import { CharacterCount } from "@/components/ui/character-count";
import { limitHint } from "@/lib/text-limits";

// Form primitives: every control has a visible label, an optional hint and an error slot
// right next to it, linked with aria-describedby / aria-invalid so that screen readers
// announce the hint and the error with the control.

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  required?: boolean;
}

export function hintId(id: string): string {
  return `${id}-hint`;
}

export function errorId(id: string): string {
  return `${id}-error`;
}

export function describedBy(id: string, hint?: ReactNode, error?: string | null): string | undefined {
  const ids = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function controlClasses(invalid: boolean, extra = ""): string {
  return [
    "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500",
    invalid ? "border-red-700" : "border-slate-400",
    extra,
  ]
    .filter(Boolean)
    .join(" ");
}

export function FieldHint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={hintId(id)} className="text-sm text-slate-600">
      {children}
    </p>
  );
}

export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p id={errorId(id)} className="text-sm font-medium text-red-700">
      <span aria-hidden="true">✕ </span>
      {error}
    </p>
  );
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /**
   * The server's limit on the text and what is typed: the hint says it ("Up to 120
   * characters."), a count appears near it. The input itself never cuts (no maxLength).
   */
  limit?: { max: number; value: string };
  error?: string | null;
  required?: boolean;
  /** "optional" is shown after the label of fields that are not required. */
  showOptional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function Field({
  id,
  label,
  hint: given,
  limit,
  error,
  required,
  showOptional,
  className = "",
  children,
}: FieldProps) {
  const hint = limit ? (
    <>
      {given ? <>{given} </> : null}
      {limitHint(limit.max)}
    </>
  ) : (
    given
  );
  const described = [describedBy(id, hint, error), limit ? `${id}-count` : null].filter(Boolean).join(" ");
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
        {showOptional && !required ? <span className="font-normal text-slate-600"> (optional)</span> : null}
      </label>
      <FieldHint id={id}>{hint}</FieldHint>
      {children({
        id,
        "aria-describedby": described || undefined,
        "aria-invalid": error ? true : undefined,
        required,
      })}
      {limit ? <CharacterCount id={id} value={limit.value} max={limit.max} /> : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

type TextInputProps = ComponentProps<"input"> & { invalid?: boolean };

export function TextInput({ invalid, className = "", ...rest }: TextInputProps) {
  return (
    <input
      type="text"
      className={controlClasses(Boolean(invalid ?? rest["aria-invalid"]), className)}
      {...rest}
    />
  );
}

type TextAreaProps = ComponentProps<"textarea"> & { invalid?: boolean };

/** What a Field says around its control; the rest of a *Field component's props go to the control. */
type FieldFrameProps = Omit<FieldProps, "children" | "className">;

/** A Field whose control is one TextInput. */
export function TextField({
  id,
  label,
  hint,
  error,
  required,
  showOptional,
  ...input
}: FieldFrameProps & Omit<TextInputProps, "id" | "required">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} showOptional={showOptional}>
      {(control) => <TextInput {...control} {...input} />}
    </Field>
  );
}

/** A Field whose control is one TextArea. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  required,
  showOptional,
  ...input
}: FieldFrameProps & Omit<TextAreaProps, "id" | "required">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} showOptional={showOptional}>
      {(control) => <TextArea {...control} {...input} />}
    </Field>
  );
}

export function TextArea({ invalid, className = "", rows = 3, ...rest }: TextAreaProps) {
  return (
    <textarea
      rows={rows}
      className={controlClasses(Boolean(invalid ?? rest["aria-invalid"]), className)}
      {...rest}
    />
  );
}

type SelectProps = ComponentProps<"select"> & { invalid?: boolean };

export function Select({ invalid, className = "", children, ...rest }: SelectProps) {
  return (
    <select
      className={controlClasses(Boolean(invalid ?? rest["aria-invalid"]), `pr-8 ${className}`)}
      {...rest}
    >
      {children}
    </select>
  );
}

/** A Field whose control is one Select; its children are the options. */
export function SelectField({
  id,
  label,
  hint,
  error,
  required,
  showOptional,
  ...select
}: FieldFrameProps & Omit<SelectProps, "id" | "required">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} showOptional={showOptional}>
      {(control) => <Select {...control} {...select} />}
    </Field>
  );
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

export function Checkbox({ id, label, hint, error, className = "", ...rest }: CheckboxProps) {
  return (
    <div className={`space-y-1 ${className}`}>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 rounded border-slate-400 accent-brand-700"
          aria-describedby={describedBy(id, hint, error)}
          aria-invalid={error ? true : undefined}
          {...rest}
        />
        <label htmlFor={id} className="text-sm text-slate-900">
          {label}
        </label>
      </div>
      <div className="pl-6">
        <FieldHint id={id}>{hint}</FieldHint>
        <FieldError id={id} error={error} />
      </div>
    </div>
  );
}

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  description?: ReactNode;
}

interface RadioGroupProps<V extends string> {
  /** Id of the fieldset; each radio gets `${id}-${value}`. */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  value: V | "";
  options: ReadonlyArray<RadioOption<V>>;
  onChange: (value: V) => void;
  required?: boolean;
  /** Lay the options out in columns on wide screens. */
  columns?: 1 | 2;
  className?: string;
}

export function RadioGroup<V extends string>({
  id,
  name,
  legend,
  hint,
  error,
  value,
  options,
  onChange,
  required,
  columns = 1,
  className = "",
}: RadioGroupProps<V>) {
  return (
    <fieldset id={id} className={`space-y-2 ${className}`} aria-describedby={describedBy(id, hint, error)}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <FieldHint id={id}>{hint}</FieldHint>
      <div className={columns === 2 ? "grid gap-2 sm:grid-cols-2" : "grid gap-2"}>
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const descriptionId = option.description ? `${optionId}-description` : undefined;
          const checked = value === option.value;
          return (
            <div
              key={option.value}
              className={`flex items-start gap-2 rounded-md border p-3 ${
                checked
                  ? "border-brand-600 bg-brand-50"
                  : error
                    ? "border-red-700 bg-white"
                    : "border-slate-300 bg-white"
              }`}
            >
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={checked}
                required={required}
                onChange={() => onChange(option.value)}
                aria-describedby={descriptionId}
                className="mt-0.5 size-4 shrink-0 accent-brand-700"
              />
              <div className="space-y-0.5">
                <label htmlFor={optionId} className="block text-sm font-medium text-slate-900">
                  {option.label}
                </label>
                {option.description ? (
                  <p id={descriptionId} className="text-sm text-slate-600">
                    {option.description}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
