import type { EventContext, SessionEvent } from "@everruns/core";
import { newId, nowIso } from "../ids.js";
import type { EventRow, EventsRepo } from "../store/events-repo.js";
import type { EventBus } from "./event-bus.js";

interface Pending {
  row: EventRow;
  busy: boolean;
}

/**
 * Appends session events: gives each its id (increasing), `sequence` (per session, from 1) and
 * timestamp, stores it, then publishes it on the bus. Appends made in the same tick are
 * written in one transaction (flushed on `setImmediate`), which keeps 200 concurrent turns
 * cheap; nothing is published before its transaction commits ("stored before sent").
 */
export class EventLog {
  readonly #repo: EventsRepo;
  readonly #bus: EventBus;
  readonly #isBusy: (sessionId: string) => boolean;
  readonly #onError: (error: unknown) => void;
  readonly #sequences = new Map<string, number>();
  #pending: Pending[] = [];
  #scheduled: NodeJS.Immediate | undefined;

  constructor(options: {
    repo: EventsRepo;
    bus: EventBus;
    isBusy: (sessionId: string) => boolean;
    onError: (error: unknown) => void;
  }) {
    this.#repo = options.repo;
    this.#bus = options.bus;
    this.#isBusy = options.isBusy;
    this.#onError = options.onError;
  }

  /** Queues an event for storage and returns it as it will be stored and sent. */
  append(sessionId: string, type: string, data: unknown, context: EventContext): SessionEvent {
    const sequence = this.#nextSequence(sessionId);
    const event = {
      id: newId("event"),
      type,
      ts: nowIso(),
      session_id: sessionId,
      sequence,
      context,
      data,
    } as SessionEvent;
    const record = data as { tool_name?: unknown; tool_call?: { name?: unknown } } | null;
    const toolName = record?.tool_name ?? record?.tool_call?.name;
    this.#pending.push({
      busy: this.#isBusy(sessionId),
      row: {
        id: event.id,
        session_id: sessionId,
        sequence,
        type,
        ts: event.ts,
        turn_id: context.turn_id ?? null,
        exec_id: context.exec_id ?? null,
        trace_id: context.trace_id ?? null,
        tool_name: typeof toolName === "string" ? toolName : null,
        tags: null,
        doc: JSON.stringify(event),
      },
    });
    this.#scheduled ??= setImmediate(() => this.flush());
    return event;
  }

  /** Stores every queued event now, then publishes them. */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    try {
      this.#repo.insertMany(batch.map((pending) => pending.row));
    } catch (error) {
      this.#onError(error);
      return;
    }
    for (const { row, busy } of batch) {
      this.#bus.publish({
        id: row.id,
        sessionId: row.session_id,
        sequence: row.sequence,
        type: row.type,
        json: row.doc,
        busy,
      });
    }
  }

  /** Drops a deleted session's counter and its events not yet stored. */
  forgetSession(sessionId: string): void {
    this.#sequences.delete(sessionId);
    this.#pending = this.#pending.filter((pending) => pending.row.session_id !== sessionId);
  }

  #nextSequence(sessionId: string): number {
    const next = (this.#sequences.get(sessionId) ?? this.#repo.maxSequence(sessionId)) + 1;
    this.#sequences.set(sessionId, next);
    return next;
  }
}
