import { describe, expect, it } from "vitest";
import { objectSchema, objectSchemaWithJson } from "../test-support/tiny-schema.js";
import { defineTool } from "./define-tool.js";

const toolCall = { id: "call_1", name: "t", arguments: {} };

describe("defineTool", () => {
  it("declares a client_side tool from a plain JSON Schema", () => {
    const parameters = { type: "object", properties: { city: { type: "string" } } };
    const tool = defineTool({
      name: "get_weather",
      description: "Weather",
      parameters,
      run: () => 1,
    });
    expect(tool.declaration).toEqual({
      type: "client_side",
      name: "get_weather",
      description: "Weather",
      parameters,
    });
  });

  it("checks arguments against a JSON Schema's type, required, enum and nested properties", async () => {
    const tool = defineTool({
      name: "book",
      description: "Books a room",
      parameters: {
        type: "object",
        required: ["room", "nights"],
        additionalProperties: false,
        properties: {
          room: { enum: ["single", "double"] },
          nights: { type: "integer", minimum: 1 },
          guests: { type: "array", items: { type: "string" } },
        },
      },
      run: () => null,
    });
    expect(await tool.validate({ room: "double", nights: 2, guests: ["Ann"] })).toEqual({
      ok: true,
      value: { room: "double", nights: 2, guests: ["Ann"] },
    });
    const bad = await tool.validate({ room: "suite", nights: 0.5, guests: [1], pet: "cat" });
    expect(bad).toEqual({
      ok: false,
      issues: [
        '$.room: must be one of ["single","double"]',
        "$.nights: expected integer, got number",
        "$.guests[0]: expected string, got number",
        "$.pet: is not allowed",
      ],
    });
    expect(await tool.validate({})).toEqual({
      ok: false,
      issues: ["$.room: is required", "$.nights: is required"],
    });
    expect(await tool.validate("text")).toEqual({
      ok: false,
      issues: ["$: expected object, got string"],
    });
  });

  it("validates with a Standard Schema and declares the explicit jsonSchema", async () => {
    const jsonSchema = { type: "object", properties: { city: { type: "string" } } };
    const tool = defineTool({
      name: "w",
      description: "d",
      parameters: objectSchema({ city: "string" }),
      jsonSchema,
      run: ({ city }) => city.toUpperCase(),
    });
    expect(tool.parameters).toBe(jsonSchema);
    expect(await tool.validate({ city: "Paris" })).toEqual({ ok: true, value: { city: "Paris" } });
    expect(await tool.validate({ city: 3 })).toEqual({
      ok: false,
      issues: ["$.city: expected string"],
    });
    const check = await tool.validate({ city: "Oslo" });
    if (check.ok)
      expect(
        tool.run(check.value, { call: toolCall, sessionId: "s", signal: AbortSignal.abort() }),
      ).toBe("OSLO");
  });

  it("takes the JSON Schema from a schema that exports one (Standard JSON Schema)", () => {
    const tool = defineTool({
      name: "w",
      description: "d",
      parameters: objectSchemaWithJson({ city: "string", days: "number" }),
      run: () => null,
    });
    expect(tool.parameters).toEqual({
      type: "object",
      properties: { city: { type: "string" }, days: { type: "number" } },
      required: ["city", "days"],
    });
  });

  it("refuses at once a Standard Schema with no JSON Schema to declare", () => {
    expect(() =>
      defineTool({
        name: "w",
        description: "d",
        parameters: objectSchema({ city: "string" }),
        run: () => null,
      } as never),
    ).toThrow(/cannot export JSON Schema; pass `jsonSchema`/);
  });

  it("turns a throwing validator into an issue", async () => {
    const throwing = objectSchema({});
    const tool = defineTool({
      name: "w",
      description: "d",
      parameters: {
        "~standard": {
          ...throwing["~standard"],
          validate: () => {
            throw new Error("boom");
          },
        },
      },
      jsonSchema: { type: "object" },
      run: () => null,
    });
    expect(await tool.validate({})).toEqual({ ok: false, issues: ["validation failed: boom"] });
  });
});
