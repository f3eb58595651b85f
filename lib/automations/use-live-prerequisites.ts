import { useMemo } from "react";
import { type AutomationDraft, isServiceKey, toEngineInput } from "@/lib/automations/form";
import type { Connector } from "@/lib/catalog/contract";
import { toConnectorInput, useConnectorsForServices } from "@/lib/catalog/hooks";
import { derivePrerequisites, normaliseKey } from "@/lib/domain/prerequisites";
import type { Derivation, EngineInput } from "@/lib/domain/types";
import { useDebouncedValue } from "@/lib/use-debounced-value";

const NO_REQUESTS: EngineInput["requests"] = [];

export interface LivePrerequisites {
  /** null until kind and run mode are answered. */
  derivation: Derivation | null;
  /** The catalog lookup for a service just typed is still running. */
  checkingCatalog: boolean;
  catalogFailed: boolean;
}

interface Options {
  /** Used when the draft names no department (the server then uses the maker's). */
  fallbackDepartmentId: string;
  gateway?: EngineInput["gateway"];
  requests?: EngineInput["requests"];
}

/**
 * The prerequisites the answers so far would create, computed in the browser by the same
 * pure engine the server runs, over the connectors the catalog has for the services named.
 */
export function useLivePrerequisites(draft: AutomationDraft, options: Options): LivePrerequisites {
  const servicesKey = [
    ...new Set(
      draft.systems
        .filter((system) => system.signInMethod === "SHARED_KEY" && isServiceKey(system.service))
        .map((system) => normaliseKey(system.service)),
    ),
  ]
    .sort()
    .join("\n");
  const debouncedKey = useDebouncedValue(servicesKey, 400);
  const services = useMemo(() => (debouncedKey ? debouncedKey.split("\n") : []), [debouncedKey]);
  const catalog = useConnectorsForServices(services);

  const { fallbackDepartmentId, gateway = null, requests = NO_REQUESTS } = options;
  const derivation = useMemo(() => {
    const input = toEngineInput(draft, {
      departmentId: fallbackDepartmentId,
      connectors: catalog.connectors.map((connector: Connector) => toConnectorInput(connector)),
      gateway,
      requests,
      now: new Date(),
    });
    return input ? derivePrerequisites(input) : null;
  }, [draft, fallbackDepartmentId, catalog.connectors, gateway, requests]);

  return {
    derivation,
    checkingCatalog: catalog.pending || debouncedKey !== servicesKey,
    catalogFailed: catalog.failed,
  };
}
