// What in a new version of the OpenAPI document breaks a client written against the old one:
// a route or method removed, an answer's field removed or made optional, a field's type
// changed, an enum value added to an answer (the client does not know it) or removed from a
// request (the client still sends it), a request field made required or newly required.

type Json = Record<string, unknown>;
export interface Document {
  paths?: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Json> };
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function breakingChanges(before: Document, after: Document): string[] {
  const problems: string[] = [];
  for (const [path, operations] of Object.entries(before.paths ?? {})) {
    for (const method of METHODS) {
      const old = operations[method];
      if (!old) continue;
      const now = after.paths?.[path]?.[method];
      const where = `${method.toUpperCase()} ${path}`;
      if (!now) {
        problems.push(`${where}: removed`);
        continue;
      }
      const oldBody = jsonSchema((old.requestBody as Json | undefined)?.content);
      const newBody = jsonSchema((now.requestBody as Json | undefined)?.content);
      if (newBody && !oldBody) problems.push(`${where}: now requires a body`);
      if (oldBody && newBody) compare(before, after, oldBody, newBody, `${where} body`, "request", problems);
      const oldResponses = (old.responses ?? {}) as Record<string, Json>;
      const newResponses = (now.responses ?? {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(oldResponses)) {
        if (!status.startsWith("2")) continue;
        const oldSchema = jsonSchema(response.content);
        const newSchema = jsonSchema(newResponses[status]?.content);
        if (!newResponses[status]) problems.push(`${where}: no longer answers ${status}`);
        else if (oldSchema && newSchema) {
          compare(before, after, oldSchema, newSchema, `${where} ${status}`, "response", problems);
        }
      }
    }
  }
  return problems;
}

function jsonSchema(content: unknown): Json | undefined {
  return ((content as Record<string, Json> | undefined)?.["application/json"]?.schema as Json) ?? undefined;
}

function resolve(doc: Document, schema: Json): Json {
  let current = schema;
  for (let depth = 0; typeof current.$ref === "string" && depth < 20; depth += 1) {
    const name = current.$ref.split("/").pop()!;
    current = doc.components?.schemas?.[name] ?? {};
  }
  return current;
}

function types(schema: Json): string[] {
  const listed = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  return [
    ...(listed as string[]),
    ...(variants ?? []).flatMap((v) => (v.$ref ? ["object"] : types(v))),
  ].sort();
}

function compare(
  before: Document,
  after: Document,
  oldRaw: Json,
  newRaw: Json,
  where: string,
  side: "request" | "response",
  problems: string[],
  seen = new Set<string>(),
): void {
  const key = `${JSON.stringify(oldRaw)}|${JSON.stringify(newRaw)}|${side}`;
  if (seen.has(key)) return;
  seen.add(key);
  const oldSchema = resolve(before, oldRaw);
  const newSchema = resolve(after, newRaw);
  const oldTypes = types(oldSchema);
  const newTypes = types(newSchema);
  if (oldTypes.length > 0 && newTypes.length > 0) {
    const lost = oldTypes.filter((t) => !newTypes.includes(t));
    const gained = newTypes.filter((t) => !oldTypes.includes(t));
    // An answer may drop a type (never null now) and a request may gain one; not the reverse.
    if (side === "response" ? gained.length > 0 : lost.length > 0) {
      problems.push(`${where}: type ${oldTypes.join("|")} became ${newTypes.join("|")}`);
    }
  }
  const oldEnum = oldSchema.enum as unknown[] | undefined;
  const newEnum = newSchema.enum as unknown[] | undefined;
  if (oldEnum && newEnum) {
    const added = newEnum.filter((v) => !oldEnum.includes(v));
    const removed = oldEnum.filter((v) => !newEnum.includes(v));
    if (side === "response" && added.length > 0)
      problems.push(`${where}: may now answer ${added.join(", ")}`);
    if (side === "request" && removed.length > 0)
      problems.push(`${where}: no longer accepts ${removed.join(", ")}`);
  }
  const oldProps = (oldSchema.properties ?? {}) as Record<string, Json>;
  const newProps = (newSchema.properties ?? {}) as Record<string, Json>;
  const oldRequired = new Set((oldSchema.required ?? []) as string[]);
  const newRequired = new Set((newSchema.required ?? []) as string[]);
  for (const [name, schema] of Object.entries(oldProps)) {
    const field = `${where}.${name}`;
    if (!newProps[name]) {
      if (side === "response") problems.push(`${field}: removed`);
      continue;
    }
    if (side === "response" && oldRequired.has(name) && !newRequired.has(name)) {
      problems.push(`${field}: no longer always present`);
    }
    if (side === "request" && !oldRequired.has(name) && newRequired.has(name)) {
      problems.push(`${field}: now required`);
    }
    compare(before, after, schema, newProps[name], field, side, problems, seen);
  }
  if (side === "request") {
    for (const name of newRequired) if (!oldProps[name]) problems.push(`${where}.${name}: new and required`);
  }
  if (oldSchema.items && newSchema.items) {
    compare(
      before,
      after,
      oldSchema.items as Json,
      newSchema.items as Json,
      `${where}[]`,
      side,
      problems,
      seen,
    );
  }
}
