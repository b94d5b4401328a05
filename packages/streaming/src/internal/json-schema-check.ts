/**
 * A structural check of a value against the common subset of JSON Schema that tool parameters
 * use: `type` (one or a list), `enum`, `const`, `properties`, `required`,
 * `additionalProperties` (`false` or a schema), `items` (one schema), `minimum`, `maximum`,
 * `minLength`, `maxLength`. Other keywords are not checked (see docs/decisions/008-tool-schemas-and-runner.md). Returns
 * one message per problem, each starting with the path (`$.city`).
 */
export function checkJsonSchema(schema: unknown, value: unknown, path = "$"): string[] {
  if (!isObject(schema)) return [];
  const issues: string[] = [];
  const types = typeof schema.type === "string" ? [schema.type] : asStrings(schema.type);
  if (types && !types.some((type) => hasType(value, type))) {
    issues.push(`${path}: expected ${types.join(" or ")}, got ${describe(value)}`);
    return issues;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => sameJson(option, value)))
    issues.push(`${path}: must be one of ${JSON.stringify(schema.enum)}`);
  if ("const" in schema && !sameJson(schema.const, value))
    issues.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      issues.push(`${path}: must be at least ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      issues.push(`${path}: must be at most ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength)
      issues.push(`${path}: must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
      issues.push(`${path}: must have at most ${schema.maxLength} characters`);
  }
  if (Array.isArray(value) && isObject(schema.items)) {
    value.forEach((item, i) => {
      issues.push(...checkJsonSchema(schema.items, item, `${path}[${i}]`));
    });
  }
  if (isObject(value) && !Array.isArray(value)) issues.push(...checkObject(schema, value, path));
  return issues;
}

function checkObject(
  schema: Record<string, unknown>,
  value: Record<string, unknown>,
  path: string,
): string[] {
  const issues: string[] = [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const name of asStrings(schema.required) ?? []) {
    if (!Object.hasOwn(value, name)) issues.push(`${path}.${name}: is required`);
  }
  for (const [name, item] of Object.entries(value)) {
    if (Object.hasOwn(properties, name)) {
      issues.push(...checkJsonSchema(properties[name], item, `${path}.${name}`));
    } else if (schema.additionalProperties === false) {
      issues.push(`${path}.${name}: is not allowed`);
    } else if (isObject(schema.additionalProperties)) {
      issues.push(...checkJsonSchema(schema.additionalProperties, item, `${path}.${name}`));
    }
  }
  return issues;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isObject(value) && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "null":
      return value === null;
    case "string":
    case "boolean":
      return typeof value === type;
    default:
      // An unknown type name is not ours to refuse.
      return true;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function asStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string")
    ? value
    : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
