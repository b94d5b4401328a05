import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A JSON Schema as it appears in the spec (only the keywords the generator reads). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

/** One parameter of an operation, `$ref`s resolved. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: Schema;
}

/** One operation of the spec. */
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes JSON. */
  jsonBody: Schema | undefined;
  /** The body's content type when it is not JSON (agent import). */
  textBody: string | undefined;
}

interface Spec {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, RawParameter> };
}
interface RawParameter extends Partial<Parameter> {
  $ref?: string;
}
interface RawOperation {
  parameters?: RawParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const require = createRequire(import.meta.url);

/**
 * Our OpenAPI spec, as the dev server bundles it (`src/generated/openapi.json` is generated
 * from `openapi/openapi.yaml`, and `generate:check` keeps it in step).
 */
export const spec: Spec = JSON.parse(
  readFileSync(
    join(
      dirname(require.resolve("@everruns/dev-server/package.json")),
      "src/generated/openapi.json",
    ),
    "utf8",
  ),
);

/** Resolves a local `$ref` (`#/components/...`). */
export function deref<T>(ref: string): T {
  let node: unknown = spec;
  for (const key of ref.replace(/^#\//, "").split("/")) {
    node = (node as Record<string, unknown>)[key];
  }
  return node as T;
}

/** Every operation of the spec. */
export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
    .map(([method, raw]) => {
      const parameters = (raw.parameters ?? []).map((parameter) => {
        const p = parameter.$ref ? deref<RawParameter>(parameter.$ref) : parameter;
        return {
          name: p.name ?? "",
          in: p.in ?? "query",
          required: p.required === true,
          schema: p.schema ?? {},
        } as Parameter;
      });
      const content = raw.requestBody?.content ?? {};
      const jsonBody = content["application/json"]?.schema;
      const textType = Object.keys(content).find((type) => type !== "application/json");
      return { method: method.toUpperCase(), path, parameters, jsonBody, textBody: textType };
    }),
);
