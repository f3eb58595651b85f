"use client";

import { Bar } from "recharts";
import {
  BarLink,
  type BarShapeProps,
  ChartFigure,
  ChartTable,
  CountLink,
  DashboardBarChart,
  Swatch,
  TD,
} from "@/lib/dashboard/components/chart-parts";
import type { TopBlocker } from "@/lib/dashboard/contract";
import { prerequisitesHref } from "@/lib/dashboard/links";

const COLOURS = { SERVICE: "#be123c", SYSTEM: "#b45309" } as const;
const KIND_LABELS = { SERVICE: "Service", SYSTEM: "System" } as const;

const hrefOf = (blocker: TopBlocker, departmentId?: string) =>
  prerequisitesHref(
    blocker.kind === "SERVICE"
      ? { service: blocker.name, departmentId }
      : { system: blocker.name, departmentId },
  );

/** The services and systems that hold up the most automations. */
export function BlockersChart({ blockers, departmentId }: { blockers: TopBlocker[]; departmentId?: string }) {
  const data = blockers.map((blocker) => ({ ...blocker, label: blocker.name }));
  return (
    <ChartFigure
      id="top-blockers"
      title="What holds up the most automations"
      description="Services without a usable shared-key connector, and systems whose own sign-in is not in place."
      chartHeight={Math.max(120, data.length * 32 + 40)}
      chart={
        data.length === 0 ? null : (
          <DashboardBarChart data={data} layout="rows" categoryKey="label" categoryWidth={120}>
            <Bar
              dataKey="automations"
              name="Automations waiting"
              isAnimationActive={false}
              shape={(props: BarShapeProps<TopBlocker>) => (
                <BarLink
                  {...props}
                  fill={props.payload ? COLOURS[props.payload.kind] : undefined}
                  href={props.payload ? hrefOf(props.payload, departmentId) : null}
                  segment={`${props.payload?.kind} ${props.payload?.name}`}
                  title={`${props.payload?.name}: ${props.payload?.automations} automations waiting`}
                />
              )}
            />
          </DashboardBarChart>
        )
      }
      table={
        data.length === 0 ? (
          <p className="text-sm text-slate-600">No automation is waiting on a system or service.</p>
        ) : (
          <ChartTable
            caption="Services and systems by the number of automations waiting on them"
            columns={[
              { key: "service-or-system", label: "Service or system" },
              { key: "kind", label: "Kind" },
              { key: "automations", label: "Automations", className: "text-right" },
            ]}
          >
            {blockers.map((blocker) => (
              <tr key={`${blocker.kind}:${blocker.name}`}>
                <th scope="row" className={`${TD} font-medium text-slate-900`}>
                  {blocker.name}
                </th>
                <td className={`${TD} whitespace-nowrap text-slate-700`}>
                  <Swatch colour={COLOURS[blocker.kind]} />
                  {KIND_LABELS[blocker.kind]}
                </td>
                <td className={`${TD} text-right`}>
                  <CountLink
                    href={hrefOf(blocker, departmentId)}
                    count={blocker.automations}
                    label={`automations waiting on ${blocker.name}`}
                  />
                </td>
              </tr>
            ))}
          </ChartTable>
        )
      }
    />
  );
}
