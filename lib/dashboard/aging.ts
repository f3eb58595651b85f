// Request aging buckets, shared by the SQL that counts them and the links that drill into
// them. A request is in a bucket when it has waited at least `from` whole days and less than
// `to` days (the last has no upper limit): exactly the request list's `minAgeDays` /
// `maxAgeDays` filters.

export const AGING_BUCKETS = [
  { bucket: "0–2 days", from: 0, to: 2 },
  { bucket: "2–7 days", from: 2, to: 7 },
  { bucket: "7–14 days", from: 7, to: 14 },
  { bucket: "14–30 days", from: 14, to: 30 },
  { bucket: "30–60 days", from: 30, to: 60 },
  { bucket: "60 days or more", from: 60, to: null },
] as const satisfies ReadonlyArray<{ bucket: string; from: number; to: number | null }>;

/** The request list's filters for a bucket. */
export function agingFilters(bucket: { from: number; to: number | null }): {
  minAgeDays?: string;
  maxAgeDays?: string;
} {
  return {
    ...(bucket.from > 0 ? { minAgeDays: String(bucket.from) } : {}),
    ...(bucket.to === null ? {} : { maxAgeDays: String(bucket.to) }),
  };
}
