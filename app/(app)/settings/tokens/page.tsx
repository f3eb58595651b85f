import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/server/session";
import { TokensManager } from "@/lib/tokens/components/tokens-manager";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requirePageCaller();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Personal tokens let other systems call the Preflight API as you (
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer pf_…</code>). They stop working
          when they expire, when you revoke them, or when your account is deactivated.
        </p>
      </div>
      <TokensManager />
    </div>
  );
}
