import { readinessResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Kept for existing probes: answers as /api/health/ready does. */
export function GET() {
  return readinessResponse();
}
