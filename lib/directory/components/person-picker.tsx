"use client";

import { type KeyboardEvent, useId, useState } from "react";
import { controlClasses, describedBy, FieldError, FieldHint } from "@/components/ui/field";
import type { PersonChoice } from "@/lib/directory/contract";
import { usePeopleSearch } from "@/lib/directory/hooks";
import { useDebouncedValue } from "@/lib/use-debounced-value";

// A type-ahead for choosing a person (the WAI-ARIA combobox pattern with a listbox popup):
// type part of a name or e-mail, move with the arrow keys, Enter or a click chooses, Escape
// closes. Only active people are offered (GET /api/v1/people).

export interface ChosenPerson {
  id: string;
  name: string;
  email: string;
}

interface PersonPickerProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  /** Left out of the offers (the people already chosen, the person leaving). */
  exclude?: ReadonlyArray<string>;
  /** Called with the person chosen; the box then clears for the next search. */
  onChoose: (person: ChosenPerson) => void;
}

export function PersonPicker({
  id,
  label,
  hint,
  error,
  required,
  exclude = [],
  onChoose,
}: PersonPickerProps) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), 200);
  const search = usePeopleSearch(q, open);
  const offers = (search.data?.items ?? []).filter((person) => !exclude.includes(person.id));
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const expanded = open && (offers.length > 0 || search.isFetched);

  const choose = (person: PersonChoice) => {
    onChoose({ id: person.id, name: person.name, email: person.email });
    setText("");
    setOpen(false);
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (offers.length === 0 ? 0 : (index + 1) % offers.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => (offers.length === 0 ? 0 : (index - 1 + offers.length) % offers.length));
    } else if (event.key === "Enter") {
      if (expanded && offers[active]) {
        event.preventDefault();
        choose(offers[active]);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
      }
    }
  };

  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <FieldHint id={id}>{hint}</FieldHint>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && offers[active] ? optionId(active) : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        placeholder="Type a name or e-mail"
        className={controlClasses(Boolean(error), "w-full")}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
      >
        {offers.map((person, index) => (
          <div
            key={person.id}
            id={optionId(index)}
            role="option"
            // Focus stays in the input (aria-activedescendant); -1 keeps options out of the tab order.
            tabIndex={-1}
            aria-selected={index === active}
            className={`cursor-pointer px-3 py-2 ${index === active ? "bg-brand-50 text-brand-900" : "text-slate-900"}`}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(person);
            }}
            onMouseEnter={() => setActive(index)}
          >
            <span className="font-medium">{person.name}</span>{" "}
            <span className="text-slate-600">
              {person.email}
              {person.department ? ` · ${person.department.name}` : ""}
            </span>
          </div>
        ))}
        {offers.length === 0 && search.isFetched ? (
          <p className="px-3 py-2 text-slate-600">
            {search.isError ? "People could not be loaded." : "No active person matches."}
          </p>
        ) : null}
      </div>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** One chosen person with a way to take them back, under a picker. */
export function ChosenPeople({
  people,
  onRemove,
  label,
}: {
  people: ReadonlyArray<ChosenPerson>;
  onRemove: (id: string) => void;
  label: string;
}) {
  if (people.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2 text-sm">
      {people.map((person) => (
        <li
          key={person.id}
          className="inline-flex items-center gap-2 rounded-full bg-slate-100 px-3 py-1 text-slate-900"
          data-person-id={person.id}
        >
          <span>
            {person.name} <span className="text-slate-600">{person.email}</span>
          </span>
          <button
            type="button"
            className="rounded-full px-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
            aria-label={`Remove ${person.name}`}
            onClick={() => onRemove(person.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
