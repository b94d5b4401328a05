import type { SessionEvent } from "@everruns/core";

/**
 * Decides which events of a session belong to the turn started by one input message. The turn
 * id is learned from `turn.started` (its `input_message_id`) or from any event whose context
 * names the message; from then on an event is the turn's when its `context.turn_id` (or
 * `data.turn_id`) is that id. Events of other turns, earlier or concurrent, never match.
 */
export class TurnMatcher {
  readonly #messageId: string;
  #turnId: string | undefined;

  constructor(messageId: string) {
    this.#messageId = messageId;
  }

  /** The turn's id, once an event revealed it. */
  get turnId(): string | undefined {
    return this.#turnId;
  }

  /** True when `event` belongs to the turn; learns the turn id on the way. */
  matches(event: SessionEvent): boolean {
    const turnId = turnIdOf(event);
    if (this.#turnId !== undefined) return turnId === this.#turnId;
    if (!this.#isOfMessage(event)) return false;
    if (turnId !== undefined) this.#turnId = turnId;
    return true;
  }

  #isOfMessage(event: SessionEvent): boolean {
    if (event.context?.input_message_id === this.#messageId) return true;
    const data = record(event.data);
    if (event.type === "turn.started") return data?.input_message_id === this.#messageId;
    if (event.type === "input.message") return record(data?.message)?.id === this.#messageId;
    return false;
  }
}

/** The turn an event belongs to: `context.turn_id`, else `data.turn_id`. */
export function turnIdOf(event: SessionEvent): string | undefined {
  const fromContext = event.context?.turn_id;
  if (typeof fromContext === "string" && fromContext !== "") return fromContext;
  const fromData = record(event.data)?.turn_id;
  return typeof fromData === "string" && fromData !== "" ? fromData : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}
