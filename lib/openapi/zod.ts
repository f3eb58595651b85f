import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

// zod with `.openapi(...)`: every schema that describes the API imports `z` from here, so the
// extension is installed before the first schema is built, whichever module loads first.
extendZodWithOpenApi(z);

export { z };
