import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/server/session";
import { RequestPage } from "@/lib/requests/components/request-page";

export const metadata: Metadata = { title: "Request" };

export default async function QueueRequestPage({ params }: { params: Promise<{ id: string }> }) {
  // Record-level scope is the API's: a request the caller may not see is a 404 there. The
  // requester sees their own request here too, without the decision form.
  await requirePageCaller([
    "request:decide",
    "request:read:own",
    "request:read:department",
    "request:read:all",
  ]);
  const { id } = await params;
  return <RequestPage id={id} />;
}
