import type { ToolCall, ToolDefinition } from "@everruns/core";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import { errorMessage } from "../internal/error-message.js";
import { checkJsonSchema } from "../internal/json-schema-check.js";

/** A JSON Schema object, as sent in a tool declaration's `parameters`. */
export type JsonSchema = Record<string, unknown>;

/** The `client_side` member of core's `ToolDefinition`: how a session or agent declares a tool. */
export type ClientSideToolDeclaration = Extract<ToolDefinition, { type: "client_side" }>;

/** What a tool's `run` gets besides its arguments. */
export interface ToolContext {
  /** The call being answered (id, name, raw arguments). */
  call: ToolCall;
  /** The session the call belongs to. */
  sessionId: string;
  /** Aborted when the call times out or the runner stops: stop work and return soon. */
  signal: AbortSignal;
}

/** How validating a call's arguments went. */
export type ToolArgumentsCheck<Args> =
  | { ok: true; value: Args }
  | { ok: false; issues: readonly string[] };

/**
 * A client-side tool made by {@link defineTool}: its declaration for the API, a validator of
 * its arguments, and the function that runs it.
 */
export interface Tool<Args = Record<string, unknown>> {
  /** The name the model calls the tool by. */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description: string;
  /** JSON Schema of the arguments, as declared to the API. */
  readonly parameters: JsonSchema;
  /**
   * `{ type: "client_side", name, description, parameters }`: put it in the `tools` of
   * `sessions.create` or `agents.create` so the model can call the tool.
   */
  readonly declaration: ClientSideToolDeclaration;
  /** Validates raw arguments; never throws (a throwing validator becomes an issue). */
  validate(args: unknown): Promise<ToolArgumentsCheck<Args>>;
  /** Runs the tool on validated arguments. A thrown error is reported to the model. */
  run(args: Args, context: ToolContext): unknown;
}

/** Fields every {@link defineTool} input has. */
interface ToolBase {
  /** Tool name the model calls; letters, digits, `_` and `-` are the safe choice. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
}

/** A schema that validates like Standard Schema and may also export JSON Schema. */
type AnySchema = StandardSchemaV1 & Partial<StandardJSONSchemaV1>;

/**
 * {@link defineTool} input with a Standard Schema (zod, valibot, arktype, ...). `jsonSchema`
 * is optional when the schema can export JSON Schema itself (Standard JSON Schema, e.g. zod 4.2+
 * and arktype), and required otherwise.
 */
export type StandardSchemaToolInput<S extends StandardSchemaV1> = ToolBase & {
  /** Validates the arguments; `run` gets its output type. */
  parameters: S;
  /** Runs the tool; a returned value is sent as the result, a thrown error as the error. */
  run: (args: StandardSchemaV1.InferOutput<S>, context: ToolContext) => unknown;
} & (S extends StandardJSONSchemaV1
    ? { jsonSchema?: JsonSchema }
    : {
        /** JSON Schema of the arguments; the Standard Schema cannot produce one. */
        jsonSchema: JsonSchema;
      });

/** {@link defineTool} input with a plain JSON Schema (checked structurally, see the README). */
export interface JsonSchemaToolInput extends ToolBase {
  /** JSON Schema of the arguments: declared as is, and checked structurally. */
  parameters: JsonSchema;
  /** Runs the tool; a returned value is sent as the result, a thrown error as the error. */
  run: (args: Record<string, unknown>, context: ToolContext) => unknown;
}

/**
 * Defines a client-side tool.
 *
 * ```ts
 * const weather = defineTool({
 *   name: "get_weather",
 *   description: "Current weather in a city",
 *   parameters: z.object({ city: z.string() }), // any Standard Schema, or a JSON Schema object
 *   run: async ({ city }) => ({ city, forecast: "sunny" }), // `city` is a string
 * });
 * await client.sessions.create({ agent_id, tools: [weather.declaration] });
 * ```
 *
 * With a Standard Schema, arguments are validated by it and `run` gets its typed output; the
 * declared JSON Schema is `jsonSchema` when given, else the schema's own Standard JSON Schema
 * export (`draft-07`). With a plain JSON Schema object, arguments are checked against the common
 * keywords only (`type`, `properties`, `required`, `additionalProperties`, `items`, `enum`,
 * `const`, bounds) and `run` gets a `Record<string, unknown>`.
 *
 * Throws `TypeError` at once when a Standard Schema has neither `jsonSchema` nor an export.
 */
export function defineTool<S extends StandardSchemaV1>(
  input: StandardSchemaToolInput<S>,
): Tool<StandardSchemaV1.InferOutput<S>>;
export function defineTool(input: JsonSchemaToolInput): Tool<Record<string, unknown>>;
export function defineTool(
  input: ToolBase & { parameters: unknown; jsonSchema?: JsonSchema; run: Tool<unknown>["run"] },
): Tool<unknown> {
  const { name, description, run } = input;
  if (typeof name !== "string" || name.length === 0)
    throw new TypeError("defineTool: `name` must be a non-empty string");
  const schema = isStandardSchema(input.parameters) ? input.parameters : undefined;
  const parameters = schema
    ? (input.jsonSchema ?? exportJsonSchema(schema, name))
    : (input.parameters as JsonSchema);
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters))
    throw new TypeError(`defineTool("${name}"): \`parameters\` must be a JSON Schema object`);
  return {
    name,
    description,
    parameters,
    declaration: { type: "client_side", name, description, parameters },
    validate: schema
      ? (args) => validateStandard(schema, args)
      : async (args) => {
          const issues = checkJsonSchema(parameters, args);
          return issues.length > 0 ? { ok: false, issues } : { ok: true, value: args };
        },
    run,
  };
}

function isStandardSchema(value: unknown): value is AnySchema {
  if (typeof value !== "object" && typeof value !== "function") return false;
  const props = (value as { "~standard"?: { validate?: unknown } } | null)?.["~standard"];
  return typeof props?.validate === "function";
}

function exportJsonSchema(schema: AnySchema, name: string): JsonSchema {
  const converter = schema["~standard"].jsonSchema;
  if (!converter)
    throw new TypeError(
      `defineTool("${name}"): this ${schema["~standard"].vendor} schema cannot export JSON Schema; pass \`jsonSchema\` too`,
    );
  return converter.input({ target: "draft-07" });
}

async function validateStandard(
  schema: StandardSchemaV1,
  args: unknown,
): Promise<ToolArgumentsCheck<unknown>> {
  try {
    const result = await schema["~standard"].validate(args);
    if (!result.issues) return { ok: true, value: result.value };
    return { ok: false, issues: result.issues.map(formatIssue) };
  } catch (error) {
    return { ok: false, issues: [`validation failed: ${errorMessage(error)}`] };
  }
}

function formatIssue(issue: StandardSchemaV1.Issue): string {
  const path = (issue.path ?? [])
    .map((segment) => String(typeof segment === "object" ? segment.key : segment))
    .join(".");
  return path ? `$.${path}: ${issue.message}` : `$: ${issue.message}`;
}
