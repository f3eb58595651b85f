"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import {
  AXIS_TICK,
  BarLink,
  ChartFigure,
  ChartTable,
  CountLink,
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
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
            <YAxis type="category" dataKey="name" width={110} tick={AXIS_TICK} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} />
            <Legend itemSorter={null} wrapperStyle={{ fontSize: 12, color: "#334155" }} />
            {PREREQUISITE_TYPES.map((type) => (
              <Bar
                key={type}
                dataKey={type}
                name={TYPE_LABELS[type]}
                stackId="outstanding"
                fill={TYPE_COLOURS[type]}
                isAnimationActive={false}
                shape={(props: {
                  payload?: ByTypeAndDepartment;
                  x?: number;
                  y?: number;
                  width?: number;
                  height?: number;
                  fill?: string;
                }) => {
                  const row = props.payload;
                  const count = row?.[type] ?? 0;
                  return (
                    <BarLink
                      {...props}
                      href={
                        row && count > 0 ? prerequisitesHref({ type, departmentId: row.departmentId }) : null
                      }
                      segment={`${row?.name ?? ""} ${type}`}
                      title={`${row?.name}: ${count} ${TYPE_LABELS[type]}`}
                    />
                  );
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
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

const linkLabel = (type: PrerequisiteType, department: string) =>
  `outstanding ${TYPE_LABELS[type]} prerequisites in ${department}`;

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
              <Swatch type={type} />
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
            <td key={type} className={`${TD} text-right`}>
              <CountLink
                href={prerequisitesHref({ type, departmentId: row.departmentId })}
                count={row[type]}
                label={linkLabel(type, row.name)}
              />
            </td>
          ))}
          <td className={`${TD} text-right`}>
            <CountLink
              href={prerequisitesHref({ departmentId: row.departmentId })}
              count={row.total}
              label={`outstanding prerequisites in ${row.name}`}
            />
          </td>
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
            <Swatch type={type} />
            {TYPE_LABELS[type]}
          </th>
          {rows.map((row) => (
            <td key={row.departmentId} className={`${TD} text-right`}>
              <CountLink
                href={prerequisitesHref({ type, departmentId: row.departmentId })}
                count={row[type]}
                label={linkLabel(type, row.name)}
              />
            </td>
          ))}
        </tr>
      ))}
      <tr>
        <th scope="row" className={`${TD} font-medium text-slate-900`}>
          Total
        </th>
        {rows.map((row) => (
          <td key={row.departmentId} className={`${TD} text-right`}>
            <CountLink
              href={prerequisitesHref({ departmentId: row.departmentId })}
              count={row.total}
              label={`outstanding prerequisites in ${row.name}`}
            />
          </td>
        ))}
      </tr>
    </ChartTable>
  );
}

function Swatch({ type }: { type: PrerequisiteType }) {
  return (
    <span
      aria-hidden="true"
      className="mr-1 inline-block size-2.5 rounded-sm align-middle"
      style={{ backgroundColor: TYPE_COLOURS[type] }}
    />
  );
}
