import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { TurnMatcher } from "./turn-matcher.js";

const MINE = "message_00000000000000000000000000000002";
const OLDER = "message_00000000000000000000000000000001";
const MY_TURN = "turn_00000000000000000000000000000002";
const OLD_TURN = "turn_00000000000000000000000000000001";

let n = 0;
function event(type: string, data: unknown, context: Record<string, string> = {}): SessionEvent {
  n++;
  return { id: `event_${n}`, type, ts: "t", session_id: "s", context, data } as SessionEvent;
}

describe("TurnMatcher", () => {
  it("learns the turn from turn.started of its message, then keeps only that turn's events", () => {
    const matcher = new TurnMatcher(MINE);
    const replay = [
      event("input.message", { message: { id: OLDER } }, { input_message_id: OLDER }),
      event("turn.started", { turn_id: OLD_TURN, input_message_id: OLDER }, { turn_id: OLD_TURN }),
      event(
        "output.message.delta",
        { turn_id: OLD_TURN, delta: "old", accumulated: "old" },
        { turn_id: OLD_TURN },
      ),
      event("turn.completed", { turn_id: OLD_TURN, iterations: 1 }, { turn_id: OLD_TURN }),
      event("input.message", { message: { id: MINE } }),
      event("turn.started", { turn_id: MY_TURN, input_message_id: MINE }),
      event(
        "output.message.delta",
        { turn_id: MY_TURN, delta: "new", accumulated: "new" },
        { turn_id: MY_TURN },
      ),
      event("session.idled", { turn_id: OLD_TURN }),
      event("turn.completed", { turn_id: MY_TURN, iterations: 1 }),
    ];
    const kept = replay.filter((e) => matcher.matches(e));
    expect(kept.map((e) => e.type)).toEqual([
      "input.message",
      "turn.started",
      "output.message.delta",
      "turn.completed",
    ]);
    expect(matcher.turnId).toBe(MY_TURN);
  });

  it("learns the turn from any event whose context names the message", () => {
    const matcher = new TurnMatcher(MINE);
    expect(
      matcher.matches(event("reason.started", {}, { input_message_id: MINE, turn_id: MY_TURN })),
    ).toBe(true);
    expect(matcher.turnId).toBe(MY_TURN);
    expect(matcher.matches(event("reason.completed", {}, { turn_id: MY_TURN }))).toBe(true);
  });

  it("matches nothing before it knows the turn, except events of its message", () => {
    const matcher = new TurnMatcher(MINE);
    expect(
      matcher.matches(event("output.message.delta", { turn_id: MY_TURN }, { turn_id: MY_TURN })),
    ).toBe(false);
    expect(matcher.turnId).toBeUndefined();
  });
});
