import { apiRoute } from "@/lib/http/server/api-route";
import { ZReviewParams, ZReviewPrerequisiteBody } from "@/lib/prerequisites/schemas";
import { reviewPrerequisite } from "@/lib/prerequisites/server/review-prerequisite";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  permission: "prerequisite:review",
  params: ZReviewParams,
  body: ZReviewPrerequisiteBody,
  handler: ({ caller, params, body }) =>
    reviewPrerequisite({
      caller,
      automationId: params.id,
      prerequisiteId: params.prerequisiteId,
      input: body,
    }),
});
