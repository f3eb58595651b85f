import type { ReactNode } from "react";

export type BadgeTone = "success" | "warning" | "danger" | "info" | "neutral";

const TONES: Record<BadgeTone, string> = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-700/30",
  warning: "bg-amber-50 text-amber-900 ring-amber-700/30",
  danger: "bg-red-50 text-red-800 ring-red-700/30",
  info: "bg-brand-50 text-brand-900 ring-brand-700/30",
  neutral: "bg-slate-100 text-slate-800 ring-slate-500/30",
};

// A shape per tone, so that the state never depends on colour alone.
const ICONS: Record<BadgeTone, string> = {
  success: "✓",
  warning: "●",
  danger: "✕",
  info: "…",
  neutral: "–",
};

interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
  /** Machine-readable value (e.g. "READY") for tests and styling hooks. */
  value?: string;
}

export function Badge({ tone = "neutral", children, className = "", value }: BadgeProps) {
  return (
    <span
      data-status={value}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONES[tone]} ${className}`}
    >
      <span aria-hidden="true">{ICONS[tone]}</span>
      {children}
    </span>
  );
}
