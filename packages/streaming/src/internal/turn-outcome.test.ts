import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { TurnFailedError } from "../turn-errors.js";
import { TurnOutcome } from "./turn-outcome.js";

const TURN = "turn_1";
const message = (id: string, text: string) => ({
  id,
  role: "agent" as const,
  content: [{ type: "text" as const, text }],
  created_at: "t",
});
const event = (type: string, data: unknown) =>
  ({
    id: `event_${type}`,
    type,
    ts: "t",
    session_id: "s",
    context: { turn_id: TURN },
    data,
  }) as SessionEvent;

describe("TurnOutcome", () => {
  it("takes the text of the message named by final_message_id, and the turn's usage", () => {
    const outcome = new TurnOutcome();
    outcome.add(
      event("output.message.completed", {
        message: message("message_a", "Let me check."),
        usage: { input_tokens: 1, output_tokens: 1 },
      }),
    );
    outcome.add(
      event("output.message.completed", { message: message("message_b", "It is sunny.") }),
    );
    const result = outcome.add(
      event("turn.completed", {
        turn_id: TURN,
        iterations: 2,
        duration_ms: 40,
        final_message_id: "message_a",
        usage: { input_tokens: 9, output_tokens: 7 },
      }),
    );
    expect(result).toEqual({
      status: "completed",
      turnId: TURN,
      text: "Let me check.",
      message: message("message_a", "Let me check."),
      usage: { input_tokens: 9, output_tokens: 7 },
      durationMs: 40,
    });
  });

  it("a cancelled turn keeps the text streamed so far, after any guardrail replacement", () => {
    const outcome = new TurnOutcome();
    outcome.add(event("output.message.delta", { turn_id: TURN, delta: "Hel", accumulated: "Hel" }));
    expect(outcome.add(event("turn.cancelled", { turn_id: TURN }))).toMatchObject({
      status: "cancelled",
      text: "Hel",
    });
    const replaced = new TurnOutcome();
    replaced.add(
      event("output.message.delta", { turn_id: TURN, delta: "secret", accumulated: "secret" }),
    );
    replaced.add(event("output.message.replaced", { turn_id: TURN, replacement: "[removed]" }));
    expect(replaced.add(event("turn.cancelled", { turn_id: TURN }))).toMatchObject({
      text: "[removed]",
    });
  });

  it("turns turn.failed into a TurnFailedError with error and error_code", () => {
    const failure = new TurnOutcome().add(
      event("turn.failed", { turn_id: TURN, error: "model down", error_code: "model_error" }),
    );
    expect(failure).toBeInstanceOf(TurnFailedError);
    expect(failure).toMatchObject({ error: "model down", errorCode: "model_error", turnId: TURN });
  });
});
