import type { DraftBinding } from "@/lib/automations/components/draft-fields";
import { controlId, type FieldErrors, type SystemDraft } from "@/lib/automations/form";

/** What each part of a system's editor gets: which system it is and the binding of its fields. */
export interface SystemFieldsProps {
  index: number;
  bind: DraftBinding<SystemDraft>;
}

/** The API path of a field of system `index` (where its errors are) and the id of its control. */
export function systemField(index: number) {
  const at = (field: string) => `systems.${index}.${field}`;
  return { at, id: (field: string) => controlId(at(field)) };
}

/** The fields of system `index`, tied to its draft: their ids and errors under systems.<index>. */
export function systemBinding(
  index: number,
  system: SystemDraft,
  errors: FieldErrors,
  change: (patch: Partial<SystemDraft>) => void,
): DraftBinding<SystemDraft> {
  return { value: system, errors, change, at: systemField(index).at, named: false };
}
