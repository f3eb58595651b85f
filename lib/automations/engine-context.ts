import type { Automation } from "@/lib/automations/contract";
import type { EngineInput, RequestInput } from "@/lib/domain/types";

// What an existing automation contributes to the live preview of its edit form: the
// gateway IT assigned and the requests filed, in the engine's terms.

export function gatewayOf(automation: Automation): EngineInput["gateway"] {
  const gateway = automation.gateway;
  if (!gateway?.kind || !gateway.status) return null;
  return { id: gateway.id, name: gateway.name, kind: gateway.kind, status: gateway.status };
}

export function requestsOf(automation: Automation): RequestInput[] {
  const keyById = new Map(automation.prerequisites.map((p) => [p.id, p.key]));
  return (automation.requests ?? []).flatMap((request) => {
    const key =
      request.prerequisiteKey ?? (request.prerequisiteId ? keyById.get(request.prerequisiteId) : undefined);
    return key
      ? [
          {
            prerequisiteKey: key,
            status: request.status,
            decisionReason: request.decisionReason ?? null,
            createdAt: new Date(request.createdAt),
          },
        ]
      : [];
  });
}
