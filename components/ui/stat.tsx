import Link from "next/link";

interface StatProps {
  label: string;
  value: number;
  href?: string;
}

export function Stat({ label, value, href }: StatProps) {
  const content = (
    <>
      <span className="block text-3xl font-semibold tabular-nums text-slate-900">
        {value.toLocaleString("en")}
      </span>
      <span className="block text-sm text-slate-600">{label}</span>
    </>
  );
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {href ? (
        <Link href={href} className="block hover:text-brand-700">
          {content}
        </Link>
      ) : (
        content
      )}
    </div>
  );
}
