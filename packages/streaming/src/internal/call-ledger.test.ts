import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { eventId, SESSION_ID } from "../test-support/events.js";
import { CallLedger } from "./call-ledger.js";

const base = { ts: "2026-11-23T10:00:00Z", session_id: SESSION_ID };
const requested = (n: number, turnId: string, callIds: string[]): SessionEvent =>
  ({
    ...base,
    id: eventId(n),
    type: "tool.call_requested",
    context: { turn_id: turnId },
    data: { tool_calls: callIds.map((id) => ({ id, name: "t", arguments: {} })) },
  }) as SessionEvent;
const completed = (n: number, callId: string): SessionEvent =>
  ({
    ...base,
    id: eventId(n),
    type: "tool.completed",
    context: {},
    data: { tool_call_id: callId, tool_name: "t", success: true, status: "success" },
  }) as SessionEvent;
const ended = (n: number, turnId: string): SessionEvent =>
  ({
    ...base,
    id: eventId(n),
    type: "turn.failed",
    context: { turn_id: turnId },
    data: { turn_id: turnId, error: "x", error_code: "y" },
  }) as SessionEvent;

describe("CallLedger", () => {
  it("returns a request once, however often its event arrives", () => {
    const ledger = new CallLedger();
    expect(ledger.add(requested(1, "turn_a", ["c1", "c2"]))?.calls).toHaveLength(2);
    expect(ledger.add(requested(1, "turn_a", ["c1", "c2"]))).toBeUndefined();
  });

  it("settles a call by its tool.completed, and every call of a turn that ended", () => {
    const ledger = new CallLedger();
    ledger.add(requested(1, "turn_a", ["c1", "c2"]));
    ledger.add(requested(2, "turn_b", ["c3"]));
    ledger.add(completed(3, "c1"));
    expect([ledger.isSettled("c1"), ledger.isSettled("c2")]).toEqual([true, false]);
    expect(ledger.openBatches().map((b) => b.turnId)).toEqual(["turn_a", "turn_b"]);
    ledger.add(ended(4, "turn_a"));
    expect(ledger.isSettled("c2")).toBe(true);
    expect(ledger.openBatches().map((b) => b.turnId)).toEqual(["turn_b"]);
  });
});
