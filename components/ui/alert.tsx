import type { ReactNode } from "react";

export type AlertTone = "info" | "success" | "warning" | "error";

const TONES: Record<AlertTone, string> = {
  info: "border-brand-600 bg-brand-50 text-brand-900",
  success: "border-emerald-700 bg-emerald-50 text-emerald-900",
  warning: "border-amber-700 bg-amber-50 text-amber-950",
  error: "border-red-700 bg-red-50 text-red-900",
};

interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** "alert" interrupts the screen reader; "status" waits. Omit for static notices. */
  role?: "alert" | "status";
  className?: string;
}

export function Alert({ tone = "info", title, children, role, className = "" }: AlertProps) {
  return (
    <div role={role} className={`rounded-md border-l-4 p-4 text-sm ${TONES[tone]} ${className}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1 space-y-2" : "space-y-2"}>{children}</div> : null}
    </div>
  );
}

export function Loading({ children = "Loading…" }: { children?: ReactNode }) {
  return (
    <p role="status" className="py-6 text-sm text-slate-600">
      {children}
    </p>
  );
}
