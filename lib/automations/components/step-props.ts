import type { DraftEditing } from "@/lib/automations/components/use-draft-editing";
import type { AutomationDraft, FieldErrors, StepIndex } from "@/lib/automations/form";
import type { LivePrerequisites } from "@/lib/automations/use-live-prerequisites";
import type { NamedRef } from "@/lib/openapi/common";

/** What the wizard gives each of its steps; a step takes the part it uses. */
export interface StepProps {
  /** In the edit form the automation exists already: requests are filed from its page. */
  mode: "create" | "edit";
  draft: AutomationDraft;
  errors: FieldErrors;
  editing: DraftEditing;
  departments: { items: NamedRef[]; loading: boolean; failed: boolean };
  myDepartment: NamedRef | null;
  /** The prerequisites the answers create, worked out live by the prerequisite engine. */
  live: LivePrerequisites;
  /** Shows the control of an API field path, on whichever step holds it. */
  showControl: (path: string) => void;
  goTo: (step: StepIndex) => void;
}
