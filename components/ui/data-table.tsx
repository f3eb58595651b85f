import type { HTMLAttributes, ReactNode } from "react";

export interface Column<Row> {
  /** Stable React key of the column. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Classes of the header and the cells alike, e.g. "hidden md:table-cell" to show it from a breakpoint on. */
  className?: string;
  /** Classes of the cells only (colour, font, width). */
  cellClassName?: string;
  align?: "left" | "right";
  /** The cells name their row (`<th scope="row">`), as the first column of most lists does. */
  rowHeader?: boolean;
}

interface DataTableProps<Row> {
  /** Read out by screen readers, not shown. */
  caption: ReactNode;
  columns: ReadonlyArray<Column<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey: (row: Row) => string;
  /** Cells start at the top of their row, for rows where some cells run to several lines. */
  alignTop?: boolean;
  /** Attributes of each row, e.g. data-* attributes that tests and drill-downs find it by. */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string };
}

const classes = (...parts: Array<string | false | undefined>) => parts.filter(Boolean).join(" ");

/** The portal's table: a bordered, horizontally scrolling card with a hidden caption and column headers. */
export function DataTable<Row>({ caption, columns, rows, rowKey, alignTop, rowProps }: DataTableProps<Row>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={classes(
                  "px-3 py-2 font-semibold",
                  column.align === "right" && "text-right",
                  column.className,
                )}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className={alignTop ? "align-top" : undefined} {...rowProps?.(row)}>
              {columns.map((column) => {
                const className = classes(
                  "px-3 py-2",
                  column.rowHeader && "font-medium",
                  column.align === "right" && "text-right",
                  column.className,
                  column.cellClassName,
                );
                return column.rowHeader ? (
                  <th key={column.key} scope="row" className={className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={className}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
