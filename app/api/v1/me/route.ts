import { apiRoute } from "@/lib/http/api";
import { getProfile } from "@/lib/profile/service";

export const GET = apiRoute({ handler: ({ caller }) => getProfile(caller) });
