import { type Dispatch, type SetStateAction, useState } from "react";
import {
  type AutomationDraft,
  clearErrors,
  controlId,
  emptySystem,
  type FieldErrors,
  type SystemDraft,
  shiftSystemErrors,
  systemPaths,
} from "@/lib/automations/form";

export interface DraftEditing {
  change: (patch: Partial<AutomationDraft>) => void;
  changeSystem: (index: number, patch: Partial<SystemDraft>) => void;
  addSystem: () => void;
  removeSystem: (index: number) => void;
  /** What the last change did, for the polite live region (a system added or removed). */
  announcement: string;
}

interface DraftEditingOptions {
  draft: AutomationDraft;
  update: (updater: (draft: AutomationDraft) => AutomationDraft) => void;
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
  /** Moves focus to a control, by id, after the change has rendered. */
  focusControlLater: (id: string) => void;
}

/** Changes to the draft: each clears the errors of what it touched. */
export function useDraftEditing({
  draft,
  update,
  setErrors,
  focusControlLater,
}: DraftEditingOptions): DraftEditing {
  const [announcement, setAnnouncement] = useState("");

  function change(patch: Partial<AutomationDraft>) {
    update((current) => ({ ...current, ...patch }));
    setErrors((current) => clearErrors(current, ...Object.keys(patch)));
  }

  function changeSystem(index: number, patch: Partial<SystemDraft>) {
    update((current) => ({
      ...current,
      systems: current.systems.map((system, i) => (i === index ? { ...system, ...patch } : system)),
    }));
    const touched = Object.keys(patch) as Array<keyof SystemDraft>;
    // A new sign-in method shows other fields: the old method's errors no longer apply.
    const paths =
      patch.signInMethod !== undefined || patch.sso !== undefined
        ? [`systems.${index}`]
        : systemPaths(index, touched);
    setErrors((current) => clearErrors(current, ...paths));
  }

  function addSystem() {
    const index = draft.systems.length;
    update((current) => ({ ...current, systems: [...current.systems, emptySystem()] }));
    setErrors((current) => clearErrors(current, "systems"));
    setAnnouncement(`System ${index + 1} added.`);
    focusControlLater(controlId(`systems.${index}.name`));
  }

  function removeSystem(index: number) {
    const removed = draft.systems[index];
    update((current) => ({ ...current, systems: current.systems.filter((_, i) => i !== index) }));
    setErrors((current) => {
      const shifted = shiftSystemErrors(current, index);
      const { systems: _removed, ...rest } = shifted;
      return rest;
    });
    setAnnouncement(`System ${index + 1}${removed?.name.trim() ? ` (${removed.name.trim()})` : ""} removed.`);
    focusControlLater(controlId("systems"));
  }

  return { change, changeSystem, addSystem, removeSystem, announcement };
}
