import { apiRoute } from "@/lib/http/server/api-route";
import { getProfile } from "@/lib/profile/server/get-profile";

export const GET = apiRoute({ handler: async ({ caller }) => getProfile(caller) });
