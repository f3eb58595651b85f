import { livenessResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

/** The process answers; never touches the database. */
export function GET() {
  return livenessResponse();
}
