import { Badge } from "@/components/ui/badge";
import { AUTOMATION_STATUS_BADGES, prerequisiteBadge, REQUEST_STATUS_BADGES } from "@/lib/automations/labels";
import type { Lapse } from "@/lib/domain/lapse";
import type { AutomationStatus, PrerequisiteStatus, RequestStatus } from "@/lib/domain/types";

export function AutomationStatusBadge({ status }: { status: AutomationStatus }) {
  const badge = AUTOMATION_STATUS_BADGES[status];
  return (
    <Badge tone={badge.tone} value={status}>
      {badge.label}
    </Badge>
  );
}

/** Its status, or why it lapsed ("Revoked", "Gateway offline") when the catalog says so. */
export function PrerequisiteStatusBadge({
  status,
  lapse,
}: {
  status: PrerequisiteStatus;
  lapse?: Lapse | null;
}) {
  const badge = prerequisiteBadge({ status, lapse });
  return (
    <Badge tone={badge.tone} value={status}>
      {badge.label}
    </Badge>
  );
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const badge = REQUEST_STATUS_BADGES[status];
  return (
    <Badge tone={badge.tone} value={status}>
      {badge.label}
    </Badge>
  );
}
