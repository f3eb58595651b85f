"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import {
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { PrerequisiteType } from "@/lib/domain/types";

// Pieces every dashboard chart shares. A chart is drawn for the eye only (aria-hidden); the
// table under it carries the same numbers for screen readers and keyboards, each number a
// link to the rows behind it. Bars are links too, for the mouse.

export const TYPE_LABELS: Record<PrerequisiteType, string> = {
  GATEWAY: "Gateway",
  ENTRA_CONNECTION: "Entra ID connection",
  CREDENTIAL: "Stored credential",
  WINDOWS_SIGN_IN: "Windows sign-in",
  SHARED_KEY_CONNECTOR: "Shared-key connector",
};

/** Distinct hues, each at least 4.5:1 against white, so a bar reads on the page and in print. */
export const TYPE_COLOURS: Record<PrerequisiteType, string> = {
  GATEWAY: "#1d4ed8",
  ENTRA_CONNECTION: "#0f766e",
  CREDENTIAL: "#b45309",
  WINDOWS_SIGN_IN: "#7e22ce",
  SHARED_KEY_CONNECTOR: "#be123c",
};

export const AXIS_TICK = { fill: "#475569", fontSize: 12 };

/** The legend under a chart of the prerequisite types, in their own order. */
export const TYPE_LEGEND = { itemSorter: null, wrapperStyle: { fontSize: 12, color: "#334155" } } as const;

/** What Recharts hands a bar's custom shape: the datum behind it and where to draw it. */
export interface BarShapeProps<T> {
  payload?: T;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  fill?: string;
}

type BarLayout =
  /** Categories along the bottom, counts up the side. */
  | { layout: "columns"; categoryKey: string; formatCategory?: (category: string) => string }
  /** One horizontal bar per category, its name on the left. */
  | { layout: "rows"; categoryKey: string; categoryWidth: number };

/**
 * A bar chart the dashboard's way: a light grid, counts in whole numbers, a band under the
 * pointer, the bars (`children`) and, with `legend`, the types' legend.
 */
export function DashboardBarChart<T>({
  data,
  legend = false,
  children,
  ...axes
}: BarLayout & { data: T[]; legend?: boolean; children: ReactNode }) {
  const rows = axes.layout === "rows";
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={data}
        layout={rows ? "vertical" : "horizontal"}
        margin={rows ? { top: 0, right: 16, bottom: 0, left: 8 } : { top: 8, right: 8, bottom: 0, left: -16 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={!rows} vertical={rows} stroke="#e2e8f0" />
        {axes.layout === "rows" ? (
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
        ) : (
          <XAxis
            dataKey={axes.categoryKey}
            tick={AXIS_TICK}
            interval={0}
            tickFormatter={axes.formatCategory}
          />
        )}
        {axes.layout === "rows" ? (
          <YAxis type="category" dataKey={axes.categoryKey} width={axes.categoryWidth} tick={AXIS_TICK} />
        ) : (
          <YAxis allowDecimals={false} tick={AXIS_TICK} />
        )}
        <Tooltip cursor={{ fill: "#f1f5f9" }} />
        {legend ? <Legend {...TYPE_LEGEND} /> : null}
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** A colour's key beside its label in a table. */
export function Swatch({ colour }: { colour: string }) {
  return (
    <span
      aria-hidden="true"
      className="mr-1 inline-block size-2.5 rounded-sm align-middle"
      style={{ backgroundColor: colour }}
    />
  );
}

interface ChartFigureProps {
  id: string;
  title: string;
  description?: ReactNode;
  /** The drawing (null: nothing to draw); hidden from assistive technology, which reads `table`. */
  chart: ReactNode;
  chartHeight: number;
  table: ReactNode;
  className?: string;
}

export function ChartFigure({
  id,
  title,
  description,
  chart,
  chartHeight,
  table,
  className = "",
}: ChartFigureProps) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`}
    >
      <figcaption className="mb-3">
        <span id={`${id}-title`} className="block text-base font-semibold text-slate-900">
          {title}
        </span>
        {description ? <span className="mt-0.5 block text-sm text-slate-600">{description}</span> : null}
      </figcaption>
      {chart ? (
        <div aria-hidden="true" style={{ height: chartHeight }} className="mb-4 w-full">
          {chart}
        </div>
      ) : null}
      <ScrollRegion label={`${title}, as a table`}>{table}</ScrollRegion>
    </figure>
  );
}

/**
 * A table that may scroll sideways on a phone: focusable and labelled, so that keyboard
 * users can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section aria-label={label} tabIndex={0} className="overflow-x-auto">
      {children}
    </section>
  );
}

/** A number in a data table that drills down; zero is plain text (nothing behind it). */
export function CountLink({ href, count, label }: { href: string; count: number; label: string }) {
  if (count === 0) return <span className="tabular-nums text-slate-600">0</span>;
  return (
    <Link
      href={href}
      aria-label={`${count.toLocaleString("en")} ${label}`}
      className="font-medium tabular-nums text-brand-700 underline underline-offset-2 hover:text-brand-900"
    >
      {count.toLocaleString("en")}
    </Link>
  );
}

const TABLE = "min-w-full divide-y divide-slate-200 text-left text-sm";
const TH = "px-3 py-2 font-semibold text-slate-700";
export const TD = "px-3 py-2";

/** A count in a table, right-aligned, as a link to the rows behind it. */
export function CountCell(props: { href: string; count: number; label: string }) {
  return (
    <td className={`${TD} text-right`}>
      <CountLink {...props} />
    </td>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** A day in a table (hidden on a phone), or nothing when there is none. */
export function DateCell({ date }: { date: string | null }) {
  return (
    <td className={`${TD} hidden whitespace-nowrap text-slate-700 sm:table-cell`}>
      {date ? <time dateTime={date}>{dateFormat.format(new Date(date))}</time> : null}
    </td>
  );
}

export interface ChartColumn {
  key: string;
  label: ReactNode;
  /** Added to the heading's classes: alignment, the breakpoint it shows from. */
  className?: string;
}

/** The table under a chart: a hidden caption, the column headings, then the rows it is given. */
export function ChartTable({
  caption,
  columns,
  className,
  children,
}: {
  caption: string;
  columns: ReadonlyArray<ChartColumn>;
  /** Added to the table's classes. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className ? `${TABLE} ${className}` : TABLE}>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50">
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={column.className ? `${TH} ${column.className}` : TH}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}

interface BarLinkProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  fill?: string;
  href: string | null;
  /** For tests and tooltips: what the segment is, e.g. "Finance GATEWAY". */
  segment: string;
  title: string;
}

/**
 * A bar (or a stacked segment) drawn as a link to its rows. Out of the tab order: the
 * table's link to the same rows is the keyboard's way in.
 */
export function BarLink({ x = 0, y = 0, width = 0, height = 0, fill, href, segment, title }: BarLinkProps) {
  const router = useRouter();
  if (width <= 0 || height <= 0) return <g />;
  const shape = (
    <Rectangle x={x} y={y} width={width} height={height} fill={fill} stroke="#ffffff" strokeWidth={1} />
  );
  if (!href) return shape;
  return (
    <a
      href={href}
      tabIndex={-1}
      data-segment={segment}
      className="cursor-pointer hover:opacity-80"
      // Routed client-side; the href keeps open-in-a-new-tab working.
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        router.push(href);
      }}
    >
      <title>{title}</title>
      {shape}
    </a>
  );
}

/** Counts side by side, each in its tile ("Within 7 days: 3"); `alarm` marks one red when not zero. */
export function CountTiles({
  label,
  tiles,
}: {
  /** The list's accessible name, when the heading above does not give it. */
  label?: string;
  tiles: ReadonlyArray<{ key: string; label: string; count: number; alarm?: boolean }>;
}) {
  return (
    <dl aria-label={label} className="grid grid-cols-3 gap-2">
      {tiles.map((tile) => (
        <div key={tile.key} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-600">{tile.label}</dt>
          <dd
            className={`text-2xl font-semibold tabular-nums ${tile.alarm && tile.count > 0 ? "text-red-800" : "text-slate-900"}`}
          >
            {tile.count.toLocaleString("en")}
          </dd>
        </div>
      ))}
    </dl>
  );
}
