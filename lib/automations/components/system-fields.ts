import { controlId, type FieldErrors, type SystemDraft } from "@/lib/automations/form";

/** What each part of a system's editor gets: the system, its errors and a way to change it. */
export interface SystemFieldsProps {
  index: number;
  system: SystemDraft;
  errors: FieldErrors;
  change: (patch: Partial<SystemDraft>) => void;
}

/** The API path of a field of system `index` (where its errors are) and the id of its control. */
export function systemField(index: number) {
  const at = (field: string) => `systems.${index}.${field}`;
  return { at, id: (field: string) => controlId(at(field)) };
}
