import Link from "next/link";
import type { ReactNode } from "react";

/** The page of one automation. */
export function automationHref(id: string): string {
  return `/automations/${encodeURIComponent(id)}`;
}

/** A link to an automation's page, its name by default. */
export function AutomationLink({
  id,
  className = "text-brand-700 underline-offset-2 hover:underline",
  children,
}: {
  id: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link href={automationHref(id)} className={className}>
      {children}
    </Link>
  );
}
