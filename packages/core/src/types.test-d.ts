import { describe, expectTypeOf, it } from "vitest";
import type { Everruns } from "./client.js";
import type { CreateAgentRequest, EventData, SessionEvent, UnknownSessionEvent } from "./types.js";

describe("generated types", () => {
  it("agents.create requires system_prompt", () => {
    type CreateArg = Parameters<Everruns["agents"]["create"]>[0];
    expectTypeOf<{ name: string }>().not.toExtend<CreateArg>();
    expectTypeOf<{ name: string; system_prompt: string }>().toExtend<CreateArg>();
    // @ts-expect-error: system_prompt is required
    const missingPrompt: CreateAgentRequest = { name: "demo" };
    void missingPrompt;
  });

  it("narrowing an event on output.message.delta types data.delta as string", () => {
    const check = (event: SessionEvent) => {
      if (event.type === "output.message.delta") {
        expectTypeOf(event.data.delta).toEqualTypeOf<string>();
        expectTypeOf(event.data.accumulated).toEqualTypeOf<string>();
      }
    };
    void check;
  });

  it("a switch over event types narrows every branch", () => {
    const describeEvent = (event: SessionEvent): string => {
      switch (event.type) {
        case "turn.failed":
          expectTypeOf(event.data.error).toEqualTypeOf<string>();
          return event.data.error;
        case "turn.completed":
          expectTypeOf(event.data.iterations).toEqualTypeOf<number>();
          return String(event.data.iterations);
        case "tool.call_requested":
          return event.data.tool_calls.map((call) => call.name).join(",");
        default:
          return event.type;
      }
    };
    void describeEvent;
  });

  it("unknown event types keep a string type and unknown data", () => {
    expectTypeOf<UnknownSessionEvent["type"]>().toExtend<string>();
    expectTypeOf<UnknownSessionEvent["data"]>().toEqualTypeOf<unknown>();
    expectTypeOf<EventData<"output.message.delta">["delta"]>().toEqualTypeOf<string>();
  });
});
