import type { ReactNode } from "react";

/**
 * A part of a page on a card of its own, named by its heading (id `${id}-heading`).
 * `className` sets the spacing between its children (and any extra look), "space-y-4" unless told.
 */
export function Panel({
  id,
  heading,
  className = "space-y-4",
  children,
}: {
  id: string;
  heading: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={`${className} rounded-lg border border-slate-200 bg-white p-5`}
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}
