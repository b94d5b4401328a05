import spec from "../generated/openapi.json" with { type: "json" };

/** One parameter of an operation, as the spec declares it. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Record<string, unknown>;
}

/** One operation of the spec with its parameters resolved. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The spec's path, e.g. `/v1/agents/{agent_id}`. */
  path: string;
  parameters: SpecParameter[];
  /** Name of the `components.schemas` entry of a JSON request body, if any. */
  jsonBody: { schema: string; required: boolean } | undefined;
  /** True when the operation takes a `text/plain` body. */
  textBody: boolean;
}

/** Our OpenAPI document (generated from `openapi/openapi.yaml`), served at `/openapi.json`. */
export const openapiDocument: typeof spec = spec;

const METHODS = ["get", "put", "post", "patch", "delete"] as const;

/** Every operation of the spec, in the order the spec lists them. */
export function specOperations(): SpecOperation[] {
  const document = spec as unknown as {
    paths: Record<string, Record<string, RawOperation>>;
    components: { parameters: Record<string, SpecParameter> };
  };
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((parameter) =>
        "$ref" in parameter
          ? (document.components.parameters[parameter.$ref.split("/").pop() ?? ""] as SpecParameter)
          : parameter,
      );
      const content = operation.requestBody?.content ?? {};
      const jsonRef = content["application/json"]?.schema?.$ref;
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        parameters,
        jsonBody: jsonRef
          ? {
              schema: jsonRef.split("/").pop() ?? "",
              required: operation.requestBody?.required === true,
            }
          : undefined,
        textBody: "text/plain" in content,
      });
    }
  }
  return operations;
}

interface RawOperation {
  operationId: string;
  parameters?: (SpecParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { $ref?: string } }> };
}
