import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { requirePageCaller } from "@/lib/auth/session";
import { RequestList } from "@/lib/requests/components/request-list";

export const metadata: Metadata = { title: "My requests" };

export default async function RequestsPage() {
  await requirePageCaller("request:create");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">My requests</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Connectors and gateway access you asked IT for, and what IT decided.
        </p>
      </div>
      <Suspense fallback={<Loading>Loading your requests…</Loading>}>
        <RequestList />
      </Suspense>
    </div>
  );
}
