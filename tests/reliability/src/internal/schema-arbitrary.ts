import fc from "fast-check";
import { deref, type Schema } from "./spec-operations.js";

const FORMATS: Record<string, fc.Arbitrary<unknown>> = {
  "date-time": fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  uri: fc.webUrl(),
  email: fc.emailAddress(),
};

/**
 * Values that fit a spec schema (most of the time: patterns are approximated), to build valid
 * requests that the mutations then break. Depth-limited, so recursive schemas terminate.
 */
export function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return valueFor(deref<Schema>(schema.$ref), depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.oneOf ?? schema.anyOf;
  if (options?.length) return fc.oneof(...options.map((option) => valueFor(option, depth + 1)));
  if (schema.allOf?.length) {
    return fc
      .tuple(...schema.allOf.map((part) => valueFor(part, depth + 1)))
      .map((parts) => Object.assign({}, ...parts.filter((part) => typeof part === "object")));
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => valueFor({ ...schema, type }, depth)));
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 });
    case "number":
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
    case "string": {
      const format = schema.format ? FORMATS[schema.format] : undefined;
      if (format) return format;
      if (schema.pattern?.includes("a-z0-9")) return fc.stringMatching(/^[a-z0-9]{1,20}$/);
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 40, 40),
      });
    }
    case "array":
      if (depth > 3) return fc.constant([]);
      return fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 3 });
    case "object":
    case undefined: {
      if (!schema.properties || depth > 3) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        record[name] = valueFor(property, depth + 1);
      }
      return fc.record(record, {
        requiredKeys: Object.keys(record).filter((name) => required.has(name)),
      });
    }
    default:
      return fc.anything();
  }
}
