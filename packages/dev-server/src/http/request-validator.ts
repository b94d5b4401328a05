import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openapiDocument, type SpecOperation } from "./openapi-document.js";
import { ApiProblem } from "./problem.js";

const DOCUMENT_ID = "https://everruns.local/openapi.json";

/** Validated, type-coerced parameters of a request. */
export interface ValidatedParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

/** Reads raw parameter values from a request. */
export interface ParamSource {
  path(name: string): string | undefined;
  query(name: string): string | undefined;
  queryAll(name: string): string[];
}

/** Checks one operation's parameters and JSON body against the spec. */
export interface OperationValidator {
  /** Coerces and validates path and query parameters; throws a 400 `validation_failed`. */
  params(source: ParamSource): ValidatedParams;
  /** Validates a parsed JSON body; throws a 400 `validation_failed`. */
  body(value: unknown): void;
}

/**
 * Request validation with Ajv against our OpenAPI document (JSON Schema 2020-12, as OpenAPI
 * 3.1 uses): the same schemas the client's types are generated from.
 */
export class RequestValidator {
  readonly #bodies: InstanceType<typeof Ajv2020.default>;
  readonly #params: InstanceType<typeof Ajv2020.default>;

  constructor() {
    // Query strings are text: the parameter validator coerces "5" to 5, "true" to true and a
    // single value to a one-item array, and fills in the spec's defaults.
    this.#bodies = createAjv({});
    this.#params = createAjv({ coerceTypes: "array", useDefaults: true });
  }

  /** Validates a value against a `components.schemas` entry; throws a 400 `validation_failed`. */
  schema(name: string, value: unknown, where = "body"): void {
    const id = `${DOCUMENT_ID}#/components/schemas/${name}`;
    const validate = this.#bodies.getSchema(id) ?? this.#bodies.compile({ $ref: id });
    check(validate, value, where);
  }

  /** Compiles the validators of one operation. */
  forOperation(operation: SpecOperation): OperationValidator {
    const path = objectSchema(operation, "path");
    const query = objectSchema(operation, "query");
    const validatePath = this.#params.compile(path.schema);
    const validateQuery = this.#params.compile(query.schema);
    const validateBody = operation.jsonBody
      ? this.#bodies.compile({
          $ref: `${DOCUMENT_ID}#/components/schemas/${operation.jsonBody.schema}`,
        })
      : undefined;
    return {
      params(source) {
        const pathValues: Record<string, unknown> = {};
        for (const name of path.names) pathValues[name] = source.path(name);
        check(validatePath, pathValues, "path parameter");
        const queryValues: Record<string, unknown> = {};
        for (const name of query.names) {
          const values = source.queryAll(name);
          if (values.length === 0) continue;
          queryValues[name] = query.arrays.has(name) ? values : source.query(name);
          const kind = query.numbers.get(name);
          if (kind) checkNumeral(name, kind, values);
        }
        check(validateQuery, queryValues, "query parameter");
        return { path: pathValues, query: queryValues };
      },
      body(value) {
        if (validateBody) check(validateBody, value, "body");
      },
    };
  }
}

function createAjv(options: { coerceTypes?: "array"; useDefaults?: boolean }) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: false, ...options });
  addFormats.default(ajv);
  const int = (min: number, max: number) => ({
    type: "number" as const,
    validate: (n: number) => Number.isInteger(n) && n >= min && n <= max,
  });
  ajv.addFormat("int32", int(-(2 ** 31), 2 ** 31 - 1));
  ajv.addFormat("int64", int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  ajv.addFormat("double", { type: "number", validate: Number.isFinite });
  ajv.addFormat("float", { type: "number", validate: Number.isFinite });
  ajv.addSchema({ $id: DOCUMENT_ID, components: openapiDocument.components });
  return ajv;
}

function objectSchema(operation: SpecOperation, where: "path" | "query") {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const names: string[] = [];
  const arrays = new Set<string>();
  const numbers = new Map<string, "integer" | "number">();
  for (const parameter of operation.parameters) {
    if (parameter.in !== where) continue;
    const type = parameter.schema?.type;
    if (type === "integer" || type === "number") numbers.set(parameter.name, type);
    names.push(parameter.name);
    properties[parameter.name] = absoluteRefs(parameter.schema ?? {});
    if (parameter.required) required.push(parameter.name);
    if (parameter.schema?.type === "array") arrays.add(parameter.name);
  }
  return { names, arrays, numbers, schema: { type: "object", properties, required } };
}

// Parameter schemas live inside `paths`; point their local `$ref`s at the registered document.
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === "$ref" && typeof inner === "string" && inner.startsWith("#")
          ? `${DOCUMENT_ID}${inner}`
          : absoluteRefs(inner),
      ]),
    );
  }
  return value;
}

// Type coercion uses Number(), which also reads "0x10", "1e2", "0b1" and " 5 ": a query
// number must be written as plain decimal digits, as every API client sends it.
const NUMERALS = { integer: /^-?\d{1,16}$/, number: /^-?\d{1,16}(\.\d{1,16})?$/ } as const;

function checkNumeral(name: string, kind: "integer" | "number", values: readonly string[]): void {
  const bad = values.find((value) => !NUMERALS[kind].test(value));
  if (bad === undefined) return;
  throw new ApiProblem(
    400,
    "validation_failed",
    `Invalid request: query parameter ${name} must be ${kind === "integer" ? "an integer" : "a number"} in decimal digits, got "${bad.slice(0, 40)}".`,
    {
      extra: {
        errors: [
          { location: "query parameter", path: `/${name}`, message: "must be decimal digits" },
        ],
      },
    },
  );
}

function check(validate: ValidateFunction, value: unknown, where: string): void {
  if (validate(value)) return;
  const errors = validate.errors ?? [];
  throw new ApiProblem(400, "validation_failed", describe(errors, where), {
    extra: {
      errors: errors.slice(0, 10).map((error) => ({
        location: where,
        path: error.instancePath,
        message: error.message ?? "is invalid",
      })),
    },
  });
}

function describe(errors: readonly ErrorObject[], where: string): string {
  const parts = errors.slice(0, 3).map((error) => {
    const at = error.instancePath
      ? `${where} ${error.instancePath.slice(1).replaceAll("/", ".")}`
      : where === "body"
        ? "body"
        : `${where}s`;
    let message = `${at} ${error.message ?? "is invalid"}`;
    if (error.keyword === "enum") {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      message += `: ${allowed.map(String).join(", ")}`;
    }
    if (error.keyword === "additionalProperties") {
      message += ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`;
    }
    return message;
  });
  return `Invalid request: ${parts.join("; ")}.`;
}
