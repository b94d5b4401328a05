import type { Everruns } from "@everruns/core";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expectTypeOf, it } from "vitest";
import { type ClientSideToolDeclaration, defineTool, serveTools, type Tool } from "../index.js";
import { objectSchema, objectSchemaWithJson } from "../test-support/tiny-schema.js";

declare const client: Everruns;

describe("defineTool types", () => {
  it("types run's arguments from a Standard Schema's output", () => {
    const tool = defineTool({
      name: "weather",
      description: "Weather",
      parameters: objectSchema({ city: "string", days: "number" }),
      jsonSchema: { type: "object" },
      run: (args, context) => {
        expectTypeOf(args).toEqualTypeOf<{ city: string; days: number }>();
        expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
        return args.city.length + args.days;
      },
    });
    expectTypeOf(tool).toEqualTypeOf<Tool<{ city: string; days: number }>>();
    expectTypeOf(tool.declaration).toEqualTypeOf<ClientSideToolDeclaration>();
  });

  it("types run from a schema literal written by hand", () => {
    const schema: StandardSchemaV1<unknown, { id: number }> = {
      "~standard": {
        version: 1,
        vendor: "hand",
        validate: (v) => ({ value: v as { id: number } }),
      },
    };
    defineTool({
      name: "t",
      description: "d",
      parameters: schema,
      jsonSchema: {},
      run: ({ id }) => expectTypeOf(id).toEqualTypeOf<number>(),
    });
  });

  it("requires jsonSchema only when the Standard Schema cannot export one", () => {
    defineTool({
      name: "t",
      description: "d",
      parameters: objectSchemaWithJson({ q: "string" }),
      run: ({ q }) => expectTypeOf(q).toEqualTypeOf<string>(),
    });
    // @ts-expect-error: no jsonSchema and no Standard JSON Schema export
    defineTool({
      name: "t",
      description: "d",
      parameters: objectSchema({ q: "string" }),
      run: () => null,
    });
  });

  it("gives run a Record<string, unknown> with a plain JSON Schema", () => {
    defineTool({
      name: "t",
      description: "d",
      parameters: { type: "object", properties: { q: { type: "string" } } },
      run: (args) => expectTypeOf(args).toEqualTypeOf<Record<string, unknown>>(),
    });
  });

  it("serves tools of different argument types together", () => {
    const a = defineTool({
      name: "a",
      description: "d",
      parameters: objectSchema({ x: "number" }),
      jsonSchema: {},
      run: ({ x }) => x,
    });
    const b = defineTool({ name: "b", description: "d", parameters: {}, run: () => null });
    expectTypeOf(serveTools(client, "s", { tools: [a, b] })).toEqualTypeOf<Promise<void>>();
  });
});
