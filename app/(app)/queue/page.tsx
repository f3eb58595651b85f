import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { RequestQueue } from "@/lib/requests/components/queue";

export const metadata: Metadata = { title: "Request queue" };

export default async function QueuePage() {
  const caller = await requirePageCaller(["request:decide", "request:read:all"]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Request queue</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Connector and gateway requests from makers, oldest first.
          {can(caller, "request:decide")
            ? " Assign one to yourself, then approve or reject it with a reason."
            : " IT assigns and decides them; you can read every request and its history."}
        </p>
      </div>
      {/* The queue reads its filters from the URL's query string. */}
      <Suspense fallback={<Loading>Loading the queue…</Loading>}>
        <RequestQueue />
      </Suspense>
    </div>
  );
}
