import fc from "fast-check";

// fast-check arbitraries from the JSON Schemas of the OpenAPI document (the subset the
// generator writes: type, enum, properties/required/additionalProperties, items, anyOf/oneOf,
// $ref, string length / format / pattern, number bounds). `valid` stays inside the schema;
// `hostile` mixes in values a client may send anyway: text no field accepts, strings far past
// their limits, integers at the int4 / int8 / double limits, impossible dates, wrong types,
// deep nesting, missing and extra fields.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
  [keyword: string]: unknown;
}

export interface ArbitraryOptions {
  /** `#/components/schemas/…` is resolved against these. */
  components: Record<string, JsonSchema>;
  /** Ids of records that exist: a uuid field picks one of them half of the time. */
  ids: readonly string[];
  /** E-mail addresses of people who exist. */
  emails: readonly string[];
}

const INT4_MAX = 2147483647;
const INT4_MIN = -2147483648;

/** Numbers at the edges of what a column or JavaScript can hold. */
export const HOSTILE_NUMBERS: readonly number[] = [
  INT4_MAX,
  INT4_MAX + 1,
  INT4_MIN,
  INT4_MIN - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  // int8's limits, as JSON writes them (a double cannot hold them exactly).
  2 ** 63,
  -(2 ** 63),
  1.7976931348623157e308,
  -1.7976931348623157e308,
  5e-324,
  0.5,
  -1,
  0,
  -0,
];

/** Text that no field accepts, or that sits at or past every limit. */
export const HOSTILE_STRINGS: readonly string[] = [
  "nul\u0000byte",
  "lone \ud800 surrogate",
  "trailing surrogate \udc00",
  "\u202Eevil.exe",
  "isolate \u2066x\u2069",
  "",
  " ",
  "\t\r\n",
  "'; drop table users; --",
  "{{7*7}}<%= 7*7 %>",
  "😀".repeat(64),
  "x".repeat(10_000),
  "é".repeat(70_000),
];

/** Dates PostgreSQL, JavaScript or the calendar cannot hold, and the edges of each. */
export const HOSTILE_DATES: readonly string[] = [
  "0000-01-01T00:00:00.000Z",
  "0001-01-01T00:00:00.000Z",
  "9999-12-31T23:59:59.999Z",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "+294277-01-01T00:00:00.000Z",
  "2026-02-30T00:00:00.000Z",
  "2026-13-01T00:00:00.000Z",
  "2026-01-01T24:00:00.000Z",
  "2026-01-01T00:00:00+14:00",
  "2026-01-01",
  "1970-01-01T00:00:00Z",
];

export const HOSTILE_IDS: readonly string[] = [
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "not-a-uuid",
  "1",
];

/** A value nested `depth` arrays deep. */
export function nested(depth: number, inner: unknown = 1): unknown {
  let value: unknown = inner;
  for (let level = 0; level < depth; level++) value = [value];
  // fast-check prints a counterexample recursively: this one it prints by name.
  Object.defineProperty(value, fc.toStringMethod, { value: () => `(${depth} nested arrays)` });
  return value;
}

/** Values of the wrong type for any field. */
const wrongType = (): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(null, true, 0, "", "1", [], {}, { nested: { deeper: [1, "2"] } }, nested(1000), [
    null,
    null,
  ]);

function resolve(schema: JsonSchema, options: ArbitraryOptions): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 32; hops++) {
    const name = current.$ref.replace(/^#\/components\/schemas\//, "");
    const target = options.components[name];
    if (!target) throw new Error(`Unresolved $ref ${current.$ref}`);
    current = { ...target, ...Object.fromEntries(Object.entries(current).filter(([k]) => k !== "$ref")) };
  }
  return current;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ["object"];
  if (schema.items) return ["array"];
  return [];
}

/** Values the schema accepts (as far as its keywords go: refinements in code are not visible). */
export function validArbitrary(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  return build(resolve(schema, options), options, false);
}

/** Mostly valid values with hostile ones mixed in at every level. */
export function hostileArbitrary(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  return build(resolve(schema, options), options, true);
}

function build(schema: JsonSchema, options: ArbitraryOptions, hostile: boolean): fc.Arbitrary<unknown> {
  const valid = buildValid(schema, options, hostile);
  if (!hostile) return valid;
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 1, arbitrary: hostileFor(schema, options) },
    { weight: 1, arbitrary: wrongType() },
  );
}

function buildValid(schema: JsonSchema, options: ArbitraryOptions, hostile: boolean): fc.Arbitrary<unknown> {
  const child = (s: JsonSchema) => build(resolve(s, options), options, hostile);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(child));
  if (schema.allOf?.length) return child(Object.assign({}, ...schema.allOf.map((s) => resolve(s, options))));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => ofType(type, schema, options, child)));
}

function ofType(
  type: string,
  schema: JsonSchema,
  options: ArbitraryOptions,
  child: (s: JsonSchema) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? INT4_MIN - 1) + 1;
      const max = schema.maximum ?? (schema.exclusiveMaximum ?? INT4_MAX + 1) - 1;
      return fc.oneof(
        fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
        fc.constantFrom(min, max),
      );
    }
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "string":
      return stringArbitrary(schema, options);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(child(schema.items ?? {}), { minLength, maxLength });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, child(s)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  switch (schema.format) {
    case "uuid":
      return options.ids.length > 0 ? fc.oneof(fc.constantFrom(...options.ids), fc.uuid()) : fc.uuid();
    case "email":
      return options.emails.length > 0
        ? fc.oneof(fc.constantFrom(...options.emails), fc.emailAddress())
        : fc.emailAddress();
    case "date-time":
      return fc
        .date({
          min: new Date("2000-01-01T00:00:00Z"),
          max: new Date("2100-01-01T00:00:00Z"),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString());
    case "uri":
      return fc.webUrl();
  }
  if (schema.pattern) {
    const texts = fc.stringMatching(new RegExp(schema.pattern));
    return schema.maxLength === undefined
      ? texts
      : texts.filter((text) => text.length >= minLength && text.length <= (schema.maxLength ?? 0));
  }
  // Full Unicode, paired surrogates included; lone ones are the hostile arbitrary's business.
  return fc.string({ minLength, maxLength, unit: "grapheme" });
}

function hostileFor(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const types = typesOf(schema);
  const hostile: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...HOSTILE_NUMBERS),
  ];
  if (types.includes("string")) {
    if (schema.maxLength !== undefined) {
      const max = schema.maxLength;
      hostile.push(
        fc.constantFrom("x".repeat(max), "x".repeat(max + 1), "😀".repeat(Math.ceil((max + 1) / 2))),
      );
    }
    if (schema.format === "date-time") hostile.push(fc.constantFrom(...HOSTILE_DATES));
    if (schema.format === "uuid")
      hostile.push(fc.constantFrom(...HOSTILE_IDS, ...options.ids.map((id) => id.toUpperCase())));
    if (schema.format === "email")
      hostile.push(fc.constantFrom("a@b", "@", `${"a".repeat(300)}@example.com`, "ünï@exämple.com", "a@b@c"));
  }
  if (types.includes("integer") || types.includes("number")) {
    const bounds = [schema.minimum, schema.maximum].filter((n): n is number => n !== undefined);
    if (bounds.length > 0) hostile.push(fc.constantFrom(...bounds.flatMap((n) => [n - 1, n + 1, n + 0.5])));
  }
  if (types.includes("array")) {
    const max = schema.maxItems ?? 1000;
    const item = schema.items ? validArbitrary(schema.items, options) : fc.constant(1);
    hostile.push(fc.array(item, { minLength: max + 1, maxLength: max + 1 }));
    hostile.push(fc.constant(nested(1000)));
  }
  if (types.includes("object") && schema.properties) {
    const valid = validArbitrary(schema, options) as fc.Arbitrary<Record<string, unknown>>;
    const required = schema.required ?? [];
    // A required field missing, or a field the schema does not know.
    if (required.length > 0) {
      hostile.push(
        fc.tuple(valid, fc.constantFrom(...required)).map(([value, key]) => {
          if (!value || typeof value !== "object") return value;
          const { [key]: _dropped, ...rest } = value;
          return rest;
        }),
      );
    }
    hostile.push(
      fc
        .tuple(
          valid,
          fc.constantFrom("extra", "__proto__", "constructor", "id", "createdAt"),
          fc.jsonValue({ maxDepth: 1 }),
        )
        .map(([value, key, extra]) =>
          value && typeof value === "object" ? { ...value, [key]: extra } : value,
        ),
    );
  }
  return fc.oneof(...hostile);
}
