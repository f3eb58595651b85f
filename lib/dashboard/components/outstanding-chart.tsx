"use client";

import { Bar } from "recharts";
import {
  BarLink,
  type BarShapeProps,
  ChartFigure,
  ChartTable,
  CountCell,
  DashboardBarChart,
  Swatch,
  TD,
  TYPE_COLOURS,
  TYPE_LABELS,
} from "@/lib/dashboard/components/chart-parts";
import type { ByTypeAndDepartment } from "@/lib/dashboard/contract";
import { prerequisitesHref } from "@/lib/dashboard/links";
import { PREREQUISITE_TYPES, type PrerequisiteType } from "@/lib/domain/types";

const ROW_HEIGHT = 40;

/** Outstanding prerequisites by type × department: horizontal stacked bars, one per department. */
export function OutstandingChart({ rows }: { rows: ByTypeAndDepartment[] }) {
  const height = Math.max(160, rows.length * ROW_HEIGHT + 80);
  return (
    <ChartFigure
      id="outstanding-by-type"
      title="Outstanding prerequisites by type and department"
      description="Every prerequisite not yet in place, on automations that are not retired. Select a bar or a number to see them."
      chartHeight={height}
      chart={
        <DashboardBarChart data={rows} layout="rows" categoryKey="name" categoryWidth={110} legend>
          {PREREQUISITE_TYPES.map((type) => (
            <Bar
              key={type}
              dataKey={type}
              name={TYPE_LABELS[type]}
              stackId="outstanding"
              fill={TYPE_COLOURS[type]}
              isAnimationActive={false}
              shape={(props: BarShapeProps<ByTypeAndDepartment>) => {
                const row = props.payload;
                const count = row?.[type] ?? 0;
                return (
                  <BarLink
                    {...props}
                    href={row && count > 0 ? typeLink(type, row).href : null}
                    segment={`${row?.name ?? ""} ${type}`}
                    title={`${row?.name}: ${count} ${TYPE_LABELS[type]}`}
                  />
                );
              }}
            />
          ))}
        </DashboardBarChart>
      }
      table={
        <>
          <ByDepartmentTable rows={rows} />
          <ByTypeTable rows={rows} />
        </>
      }
    />
  );
}

/** A department's count of one type, or (no type) its total: where it leads and what it says. */
function typeLink(type: PrerequisiteType | null, row: ByTypeAndDepartment) {
  return type
    ? {
        href: prerequisitesHref({ type, departmentId: row.departmentId }),
        count: row[type],
        label: `outstanding ${TYPE_LABELS[type]} prerequisites in ${row.name}`,
      }
    : {
        href: prerequisitesHref({ departmentId: row.departmentId }),
        count: row.total,
        label: `outstanding prerequisites in ${row.name}`,
      };
}

/** Departments as rows, types as columns: from a tablet up. */
function ByDepartmentTable({ rows }: { rows: ByTypeAndDepartment[] }) {
  return (
    <ChartTable
      caption="Outstanding prerequisites by department (rows) and type (columns)"
      className="hidden sm:table"
      columns={[
        { key: "department", label: "Department" },
        ...PREREQUISITE_TYPES.map((type) => ({
          key: type,
          label: (
            <>
              <Swatch colour={TYPE_COLOURS[type]} />
              {TYPE_LABELS[type]}
            </>
          ),
          className: "text-right",
        })),
        { key: "total", label: "Total", className: "text-right" },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.departmentId}>
          <th scope="row" className={`${TD} font-medium text-slate-900`}>
            {row.name}
          </th>
          {PREREQUISITE_TYPES.map((type) => (
            <CountCell key={type} {...typeLink(type, row)} />
          ))}
          <CountCell {...typeLink(null, row)} />
        </tr>
      ))}
    </ChartTable>
  );
}

/** The same numbers turned round for a phone: types as rows, departments as columns. */
function ByTypeTable({ rows }: { rows: ByTypeAndDepartment[] }) {
  return (
    <ChartTable
      caption="Outstanding prerequisites by type (rows) and department (columns)"
      className="sm:hidden"
      columns={[
        { key: "type", label: "Type" },
        ...rows.map((row) => ({ key: row.departmentId, label: row.name, className: "text-right" })),
      ]}
    >
      {PREREQUISITE_TYPES.map((type) => (
        <tr key={type}>
          <th scope="row" className={`${TD} font-normal text-slate-800`}>
            <Swatch colour={TYPE_COLOURS[type]} />
            {TYPE_LABELS[type]}
          </th>
          {rows.map((row) => (
            <CountCell key={row.departmentId} {...typeLink(type, row)} />
          ))}
        </tr>
      ))}
      <tr>
        <th scope="row" className={`${TD} font-medium text-slate-900`}>
          Total
        </th>
        {rows.map((row) => (
          <CountCell key={row.departmentId} {...typeLink(null, row)} />
        ))}
      </tr>
    </ChartTable>
  );
}
