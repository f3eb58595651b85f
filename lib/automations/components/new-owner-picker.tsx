"use client";

import { ChosenPeople, type ChosenPerson, PersonPicker } from "@/lib/directory/components/person-picker";

interface NewOwnerPickerProps {
  id: string;
  owner: ChosenPerson | null;
  /** A person was chosen (null: the choice was removed). */
  onChange: (owner: ChosenPerson | null) => void;
  error: string | null;
  hint?: string;
  required?: boolean;
}

/** The one active person automations are given to: a search, then the chosen one with a way to remove them. */
export function NewOwnerPicker({ id, owner, onChange, error, hint, required }: NewOwnerPickerProps) {
  return (
    <>
      <PersonPicker
        id={id}
        label="New owner"
        hint={hint}
        error={error}
        required={required}
        exclude={owner ? [owner.id] : []}
        onChoose={onChange}
      />
      <ChosenPeople label="Chosen new owner" people={owner ? [owner] : []} onRemove={() => onChange(null)} />
    </>
  );
}
