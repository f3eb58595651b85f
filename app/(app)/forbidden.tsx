import Link from "next/link";

// Shown (with status 403) when a signed-in person opens a page their roles do not allow.
export default function Forbidden() {
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold">You don&apos;t have access</h1>
      <p className="text-slate-700">
        Your roles in Preflight do not include this page. If you need it for your work, ask a Preflight
        administrator to give you the role, or your identity provider&apos;s administrator if roles come from
        there.
      </p>
      <p>
        <Link href="/" className="font-medium text-brand-700 underline underline-offset-2">
          Go to the overview
        </Link>
      </p>
    </div>
  );
}
