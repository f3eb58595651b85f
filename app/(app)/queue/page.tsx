import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { requirePageCaller } from "@/lib/auth/server/session";
import { RequestQueue } from "@/lib/requests/components/queue";

export const metadata: Metadata = { title: "Request queue" };

export default async function QueuePage() {
  await requirePageCaller("request:decide");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Request queue</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Connector and gateway requests from makers, oldest first. Assign one to yourself, then approve or
          reject it with a reason.
        </p>
      </div>
      {/* The queue reads its filters from the URL's query string. */}
      <Suspense fallback={<Loading>Loading the queue…</Loading>}>
        <RequestQueue />
      </Suspense>
    </div>
  );
}
