import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";

/**
 * A hand-written Standard Schema for `{ [key]: string | number }` objects, so tests need no
 * schema library. `withJsonSchema` adds a Standard JSON Schema export, as zod 4.2+ has.
 */
export function objectSchema<T extends Record<string, "string" | "number">>(
  shape: T,
): StandardSchemaV1<unknown, { [K in keyof T]: T[K] extends "string" ? string : number }> {
  return {
    "~standard": {
      version: 1,
      vendor: "tiny",
      validate(value) {
        if (typeof value !== "object" || value === null)
          return { issues: [{ message: "expected an object" }] };
        const issues: StandardSchemaV1.Issue[] = [];
        for (const [key, type] of Object.entries(shape)) {
          const field = (value as Record<string, unknown>)[key];
          if (typeof field !== type) issues.push({ message: `expected ${type}`, path: [key] });
        }
        return issues.length > 0
          ? { issues }
          : { value: value as { [K in keyof T]: T[K] extends "string" ? string : number } };
      },
    },
  };
}

/** {@link objectSchema} that also exports its JSON Schema (Standard JSON Schema). */
export function objectSchemaWithJson<T extends Record<string, "string" | "number">>(
  shape: T,
): StandardSchemaV1<unknown, { [K in keyof T]: T[K] extends "string" ? string : number }> &
  StandardJSONSchemaV1<unknown, { [K in keyof T]: T[K] extends "string" ? string : number }> {
  const base = objectSchema(shape);
  const json = () => ({
    type: "object",
    properties: Object.fromEntries(Object.entries(shape).map(([key, type]) => [key, { type }])),
    required: Object.keys(shape),
  });
  return {
    "~standard": { ...base["~standard"], jsonSchema: { input: json, output: json } },
  };
}
