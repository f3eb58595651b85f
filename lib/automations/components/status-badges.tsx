import { Badge } from "@/components/ui/badge";
import {
  AUTOMATION_STATUS_BADGES,
  PREREQUISITE_STATUS_BADGES,
  REQUEST_STATUS_BADGES,
} from "@/lib/automations/labels";
import type { AutomationStatus, PrerequisiteStatus, RequestStatus } from "@/lib/domain/types";

export function AutomationStatusBadge({ status }: { status: AutomationStatus }) {
  const badge = AUTOMATION_STATUS_BADGES[status];
  return (
    <Badge tone={badge.tone} value={status}>
      {badge.label}
    </Badge>
  );
}

export function PrerequisiteStatusBadge({ status }: { status: PrerequisiteStatus }) {
  const badge = PREREQUISITE_STATUS_BADGES[status];
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
