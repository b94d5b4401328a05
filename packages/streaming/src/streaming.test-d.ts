import type {
  Everruns,
  Message,
  SessionEvent,
  TokenUsage,
  UnknownSessionEvent,
} from "@everruns/core";
import { describe, expectTypeOf, it } from "vitest";
import {
  type EventStream,
  type StreamState,
  startTurn,
  streamEvents,
  type Turn,
  type TurnResult,
} from "./index.js";

declare const client: Everruns;

describe("streamEvents types", () => {
  it("yields SessionEvent, whose data narrows by type", async () => {
    const stream = streamEvents(client, "session_1", { types: ["output.message.delta"] });
    expectTypeOf(stream).toEqualTypeOf<EventStream>();
    expectTypeOf(stream.lastEventId).toEqualTypeOf<string | undefined>();
    expectTypeOf(stream.state).toEqualTypeOf<StreamState>();
    for await (const event of stream) {
      expectTypeOf(event).toEqualTypeOf<SessionEvent>();
      if (event.type === "output.message.delta") {
        expectTypeOf(event.data.delta).toEqualTypeOf<string>();
        expectTypeOf(event.data.accumulated).toEqualTypeOf<string>();
      } else if (event.type === "turn.failed") {
        expectTypeOf(event.data.error).toEqualTypeOf<string>();
      } else if (event.type === "tool.call_requested") {
        expectTypeOf(event.data.tool_calls[0]?.name).toEqualTypeOf<string | undefined>();
      }
    }
  });

  it("keeps unknown event types, with data unknown", async () => {
    for await (const event of streamEvents(client, "session_1")) {
      if (event.type === "turn.completed") continue;
      const unknown = event as UnknownSessionEvent;
      expectTypeOf(unknown.data).toBeUnknown();
    }
  });

  it("refuses event types the SDK does not know in filters", () => {
    // @ts-expect-error: not an event type
    streamEvents(client, "session_1", { types: ["turn.started", "no.such.type"] });
  });
});

describe("startTurn types", () => {
  it("gives a Turn with typed results", async () => {
    const turn = await startTurn(client, "session_1", "Hello");
    expectTypeOf(turn).toEqualTypeOf<Turn>();
    expectTypeOf(turn.textStream).toEqualTypeOf<AsyncIterable<string>>();
    expectTypeOf(turn.inputMessage).toEqualTypeOf<Message>();
    const result = await turn.result();
    expectTypeOf(result).toEqualTypeOf<TurnResult>();
    expectTypeOf(result.status).toEqualTypeOf<"completed" | "cancelled">();
    expectTypeOf(result.usage).toEqualTypeOf<TokenUsage | undefined>();
    for await (const event of turn) {
      if (event.type === "output.message.completed")
        expectTypeOf(event.data.message).toEqualTypeOf<Message>();
    }
  });

  it("takes tool handlers receiving the arguments object", async () => {
    await startTurn(client, "session_1", "Hi", {
      tools: {
        get_weather: (args, call) => {
          expectTypeOf(args).toEqualTypeOf<Record<string, unknown>>();
          expectTypeOf(call.id).toEqualTypeOf<string>();
          return { ok: true };
        },
      },
    });
  });
});
