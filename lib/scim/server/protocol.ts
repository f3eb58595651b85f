import "server-only";
import { ScimError as PatchLibraryError, scimPatch } from "scim-patch";
import { parse as parseFilter } from "scim2-parse-filter";
import { LIST_RESPONSE_SCHEMA } from "@/lib/scim/constants";
import { scimBadRequest } from "@/lib/scim/errors";

// What SCIM Users and Groups read and answer alike (RFC 7644 §3.4.2, §3.5.2): the one kind of
// filter Entra ID sends, a list response, and PATCH operations applied to a resource.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A filter `<attrPath> eq "<value>"`, the value trimmed, for the caller to map. Anything else
 * is a 400 invalidFilter; `supported` lists the filters it takes.
 */
export function readEqFilter(filter: string, supported: string): { attrPath: string; value: string } {
  let parsed: ReturnType<typeof parseFilter>;
  try {
    if (filter.length > 1000) throw new Error("too long");
    parsed = parseFilter(filter);
  } catch {
    throw scimBadRequest("invalidFilter", "The filter could not be read.");
  }
  if (parsed.op !== "eq" || !("attrPath" in parsed) || typeof parsed.compValue !== "string")
    throw scimBadRequest("invalidFilter", `Supported filters: ${supported}.`);
  return { attrPath: parsed.attrPath, value: parsed.compValue.trim() };
}

/** The 400 for a filter on an attribute the resource cannot be filtered on. */
export const unsupportedFilter = (attrPath: string) =>
  scimBadRequest("invalidFilter", `Filtering on ${attrPath} is not supported.`);

/** A ListResponse of one page. */
export function listResponse<T>(totalResults: number, startIndex: number, resources: T[]) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * PATCH operations applied (by scim-patch, a missing target added) to a copy of `resource`.
 * An operation the library refuses is a 400 naming why; any other failure a 400 invalidValue.
 */
export function applyPatch(resource: object, operations: unknown[], noun: "user" | "group"): unknown {
  try {
    return scimPatch(resource as never, operations as never, {
      mutateDocument: false,
      treatMissingAsAdd: true,
    });
  } catch (error) {
    if (error instanceof PatchLibraryError)
      throw scimBadRequest(error.scimCode === "noTarget" ? "noTarget" : "invalidPath", error.message);
    throw scimBadRequest("invalidValue", `The operations could not be applied to the ${noun}.`);
  }
}
