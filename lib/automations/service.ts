import "server-only";

// The automation services for makers, one verb per file; import from here.
export { createAutomation } from "@/lib/automations/create";
export { getAutomation, listAutomations } from "@/lib/automations/queries";
export { retireAutomation } from "@/lib/automations/retire";
export { updateAutomation } from "@/lib/automations/update";
export type { AutomationDetail } from "@/lib/automations/views";
