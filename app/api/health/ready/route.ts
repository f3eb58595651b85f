import { readinessResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET() {
  return readinessResponse();
}
