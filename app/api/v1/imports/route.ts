import { apiRoute } from "@/lib/http/server/api-route";
import { ZImportListQuery } from "@/lib/inventory/schemas";
import { createImport, listImports } from "@/lib/inventory/server/imports";
import { readUpload } from "@/lib/inventory/server/upload";

export const GET = apiRoute({
  permission: "inventory:import",
  query: ZImportListQuery,
  handler: ({ caller, query }) => listImports(caller, query),
});

export const POST = apiRoute({
  permission: "inventory:import",
  status: 201,
  handler: async ({ caller, request }) => {
    const view = await createImport(caller, await readUpload(request));
    // A large upload is previewed by a job: 202, and the client polls GET /imports/{id}.
    return view.status === "ANALYSING"
      ? Response.json(view, { status: 202, headers: { "cache-control": "no-store" } })
      : view;
  },
});
