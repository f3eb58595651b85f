/** `npm run build`'s last step: the static files next to the standalone server (scripts/lib/standalone.ts). */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareStandalone, standaloneServer } from "./lib/standalone";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
prepareStandalone(root);
console.log(`Standalone server ready: node ${path.relative(root, standaloneServer(root))}`);
