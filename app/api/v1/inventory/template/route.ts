import { apiRoute } from "@/lib/http/server/api-route";
import { TEMPLATE_EXAMPLE } from "@/lib/inventory/template";

export const GET = apiRoute({
  handler: async () =>
    new Response(TEMPLATE_EXAMPLE, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="preflight-inventory-template.csv"',
        "cache-control": "no-store",
      },
    }),
});
