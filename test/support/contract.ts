import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { buildRegistry } from "@/lib/openapi/server/registry";

// Every API answer a test receives is checked against the contract (the OpenAPI document's
// answer schema for that method, path and status), strictly: a field the contract lacks fails,
// and so does a status or a route the document does not describe.

export interface Answer {
  method: string;
  /** The request path as called, e.g. /api/v1/automations/1b2c… (a query string is ignored). */
  path: string;
  status: number;
  /** The parsed JSON body, or undefined when the answer is not JSON (CSV, empty). */
  body: unknown;
}

interface Contract {
  method: string;
  pattern: RegExp;
  route: RouteConfig;
}

let contracts: Contract[] | undefined;

function loadContracts(): Contract[] {
  contracts ??= buildRegistry().definitions.flatMap((definition) =>
    definition.type === "route"
      ? [
          {
            method: definition.route.method.toUpperCase(),
            // /api/v1/automations/{id} → ^/api/v1/automations/[^/]+$
            pattern: new RegExp(`^${definition.route.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
            route: definition.route,
          },
        ]
      : [],
  );
  return contracts;
}

/** The contract of a route: its answer schema per status and content type. */
function contractFor(method: string, path: string): Contract {
  const matches = loadContracts().filter((c) => c.method === method && c.pattern.test(path));
  // A literal segment wins over a parameter: /requests/export before /requests/{id}.
  const parameters = (c: Contract) => c.route.path.split("{").length;
  matches.sort((a, b) => parameters(a) - parameters(b));
  const contract = matches[0];
  if (!contract) throw new Error(`No contract for ${method} ${path}: the OpenAPI document lacks this route.`);
  return contract;
}

/** Throws when the answer does not match its contract. */
export function checkContract(answer: Answer): void {
  const path = answer.path.split("?")[0]!;
  const contract = contractFor(answer.method.toUpperCase(), path);
  const response = contract.route.responses[answer.status];
  if (!response) {
    throw new Error(
      `${answer.method} ${path} answered ${answer.status}, which its contract (${contract.route.path}) does not list.`,
    );
  }
  const content = "content" in response ? response.content : undefined;
  const media = content?.["application/json"];
  const schema = media && "schema" in media ? media.schema : undefined;
  if (answer.body === undefined) {
    if (schema)
      throw new Error(`${answer.method} ${path} ${answer.status}: the contract says JSON, none came.`);
    return;
  }
  if (!schema || !(schema instanceof z.ZodType)) {
    throw new Error(
      `${answer.method} ${path} ${answer.status} answered JSON, which its contract does not describe.`,
    );
  }
  const result = strict(schema).safeParse(answer.body);
  if (!result.success) {
    throw new Error(
      `${answer.method} ${path} ${answer.status} does not match its contract:\n${z.prettifyError(result.error)}`,
    );
  }
}

const strictCache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with every object strict (unknown keys fail), all the way down — except objects
 * that declare a catch-all on purpose (the error body's extra fields).
 */
export function strict(schema: z.ZodType): z.ZodType {
  const cached = strictCache.get(schema);
  if (cached) return cached;
  const result = makeStrict(schema);
  strictCache.set(schema, result);
  return result;
}

function makeStrict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    if (schema.def.catchall && !(schema.def.catchall instanceof z.ZodNever)) return schema;
    const shape = Object.fromEntries(
      Object.entries(schema.shape).map(([key, value]) => [key, strict(value as z.ZodType)]),
    );
    return z.strictObject(shape);
  }
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return strict(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodUnion) {
    return z.union(schema.options.map((option) => strict(option as z.ZodType)) as [z.ZodType, z.ZodType]);
  }
  if (schema instanceof z.ZodRecord) {
    return z.record(schema.keyType as z.ZodString, strict(schema.valueType as z.ZodType));
  }
  return schema;
}
