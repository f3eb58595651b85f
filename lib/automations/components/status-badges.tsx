import { Badge, type BadgeTone } from "@/components/ui/badge";
import { AUTOMATION_STATUS_BADGES, prerequisiteBadge, REQUEST_STATUS_BADGES } from "@/lib/automations/labels";
import type { Lapse } from "@/lib/domain/lapse";
import type { AutomationStatus, PrerequisiteStatus, RequestStatus } from "@/lib/domain/types";

/** A status as a badge: its label in its tone, the status itself as the badge's value. */
function StatusBadge({ status, badge }: { status: string; badge: { label: string; tone: BadgeTone } }) {
  return (
    <Badge tone={badge.tone} value={status}>
      {badge.label}
    </Badge>
  );
}

export function AutomationStatusBadge({ status }: { status: AutomationStatus }) {
  return <StatusBadge status={status} badge={AUTOMATION_STATUS_BADGES[status]} />;
}

/** Its status, or why it lapsed ("Revoked", "Gateway offline") when the catalog says so. */
export function PrerequisiteStatusBadge({
  status,
  lapse,
}: {
  status: PrerequisiteStatus;
  lapse?: Lapse | null;
}) {
  return <StatusBadge status={status} badge={prerequisiteBadge({ status, lapse })} />;
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <StatusBadge status={status} badge={REQUEST_STATUS_BADGES[status]} />;
}
