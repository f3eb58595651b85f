import { listDepartments } from "@/lib/departments/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute({ handler: async () => ({ items: await listDepartments() }) });
