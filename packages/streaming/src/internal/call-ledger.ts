import type { SessionEvent, SessionEventOf, ToolCall } from "@everruns/core";

/** One `tool.call_requested` event: the calls a turn waits for, answered together. */
export interface CallBatch {
  eventId: string;
  turnId: string | undefined;
  calls: readonly ToolCall[];
}

/**
 * What the session's events say about client-side tool calls: which were requested, which
 * are answered (`tool.completed`), and which turns ended (their calls can no longer be
 * answered). Knows nothing of who runs what.
 */
export class CallLedger {
  readonly #answered = new Set<string>();
  readonly #endedTurns = new Set<string>();
  readonly #turnOfCall = new Map<string, string | undefined>();
  readonly #open = new Map<string, CallBatch>();

  /** Takes one event into account; returns the batch when it is a new call request. */
  add(event: SessionEvent): CallBatch | undefined {
    switch (event.type) {
      case "tool.call_requested":
        return this.#request(event as SessionEventOf<"tool.call_requested">);
      case "tool.completed":
        this.#answered.add((event as SessionEventOf<"tool.completed">).data.tool_call_id);
        return undefined;
      case "turn.completed":
      case "turn.failed":
      case "turn.cancelled":
        {
          const turnId = (event.data as { turn_id?: string }).turn_id ?? event.context.turn_id;
          if (turnId) this.#endedTurns.add(turnId);
          // A long-lived runner must not keep every batch it ever saw.
          for (const [eventId, batch] of this.#open)
            if (batch.turnId === turnId) this.#open.delete(eventId);
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** True when the call needs no answer any more: answered, or its turn is over. */
  isSettled(callId: string): boolean {
    if (this.#answered.has(callId)) return true;
    const turnId = this.#turnOfCall.get(callId);
    return turnId !== undefined && this.#endedTurns.has(turnId);
  }

  /** Batches that still have a call nobody answered, in the order they were requested. */
  openBatches(): CallBatch[] {
    const open: CallBatch[] = [];
    for (const [eventId, batch] of this.#open) {
      if (batch.calls.every((call) => this.isSettled(call.id))) this.#open.delete(eventId);
      else open.push(batch);
    }
    return open;
  }

  #request(event: SessionEventOf<"tool.call_requested">): CallBatch | undefined {
    if (this.#open.has(event.id)) return undefined;
    const turnId = event.context.turn_id ?? undefined;
    const calls = event.data.tool_calls;
    for (const call of calls) this.#turnOfCall.set(call.id, turnId);
    const batch: CallBatch = { eventId: event.id, turnId, calls };
    this.#open.set(event.id, batch);
    return batch;
  }
}
