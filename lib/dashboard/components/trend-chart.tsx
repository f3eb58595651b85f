"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import {
  AXIS_TICK,
  ChartFigure,
  ChartTable,
  TD,
  TYPE_COLOURS,
  TYPE_LABELS,
  TYPE_LEGEND,
} from "@/lib/dashboard/components/chart-parts";
import type { TrendPoint } from "@/lib/dashboard/contract";
import { PREREQUISITE_TYPES } from "@/lib/domain/types";

const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/**
 * Outstanding prerequisites over the last 90 days, stacked by type: one point per day from
 * the job queue's daily snapshot, today's computed live.
 */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const data = points.map((point) => ({ day: point.day, ...point.byType }));
  return (
    <ChartFigure
      id="outstanding-trend"
      title="Outstanding prerequisites over the last 90 days"
      description="A daily snapshot taken by the background jobs; today’s figure is live."
      chartHeight={260}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="day" tickFormatter={formatDay} tick={AXIS_TICK} minTickGap={24} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip labelFormatter={(day) => formatDay(String(day))} />
            <Legend {...TYPE_LEGEND} />
            {PREREQUISITE_TYPES.map((type) => (
              <Area
                key={type}
                type="monotone"
                dataKey={type}
                name={TYPE_LABELS[type]}
                stackId="trend"
                stroke={TYPE_COLOURS[type]}
                fill={TYPE_COLOURS[type]}
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      }
      table={
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">
            Show the numbers for each day
          </summary>
          <ChartTable
            caption="Outstanding prerequisites per day and type"
            className="mt-2"
            columns={[
              { key: "day", label: "Day" },
              ...PREREQUISITE_TYPES.map((type) => ({
                key: type,
                label: TYPE_LABELS[type],
                className: "text-right",
              })),
              { key: "total", label: "Total", className: "text-right" },
            ]}
          >
            {[...points].reverse().map((point) => (
              <tr key={point.day}>
                <th scope="row" className={`${TD} whitespace-nowrap font-normal text-slate-800`}>
                  <time dateTime={point.day}>{formatDay(point.day)}</time>
                </th>
                {PREREQUISITE_TYPES.map((type) => (
                  <td key={type} className={`${TD} text-right tabular-nums text-slate-700`}>
                    {point.byType[type]}
                  </td>
                ))}
                <td className={`${TD} text-right font-medium tabular-nums`}>{point.total}</td>
              </tr>
            ))}
          </ChartTable>
        </details>
      }
    />
  );
}
