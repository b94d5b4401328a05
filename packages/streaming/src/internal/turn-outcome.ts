import type { Message, SessionEvent, SessionEventOf, TokenUsage } from "@everruns/core";
import type { TurnResult } from "../turn.js";
import { TurnFailedError } from "../turn-errors.js";

/** Folds one turn's events, in order, into its {@link TurnResult} or {@link TurnFailedError}. */
export class TurnOutcome {
  #streamedText = "";
  #messages: Message[] = [];
  #lastUsage: TokenUsage | undefined;

  /** Takes the next event; returns the outcome when the event ends the turn. */
  add(event: SessionEvent): TurnResult | TurnFailedError | undefined {
    switch (event.type) {
      case "output.message.started":
        this.#streamedText = "";
        return undefined;
      case "output.message.delta":
        this.#streamedText = event.data.accumulated ?? this.#streamedText + event.data.delta;
        return undefined;
      case "output.message.replaced":
        this.#streamedText = event.data.replacement;
        return undefined;
      case "output.message.completed":
        this.#messages.push(event.data.message);
        this.#lastUsage = event.data.usage ?? this.#lastUsage;
        return undefined;
      case "turn.completed":
        return this.#completed(event);
      case "turn.cancelled": {
        const last = this.#messages.at(-1);
        return {
          status: "cancelled",
          turnId: event.data.turn_id,
          text: this.#streamedText || (last ? messageText(last) : ""),
          message: undefined,
          usage: event.data.usage ?? this.#lastUsage,
          durationMs: undefined,
        };
      }
      case "turn.failed":
        return new TurnFailedError({
          error: event.data.error,
          errorCode: event.data.error_code,
          turnId: event.data.turn_id,
        });
      default:
        return undefined;
    }
  }

  #completed(event: SessionEventOf<"turn.completed">): TurnResult {
    const finalId = event.data.final_message_id;
    const message =
      (finalId ? this.#messages.find((m) => m.id === finalId) : undefined) ?? this.#messages.at(-1);
    return {
      status: "completed",
      turnId: event.data.turn_id,
      text: message ? messageText(message) : this.#streamedText,
      message,
      usage: event.data.usage ?? this.#lastUsage,
      durationMs: event.data.duration_ms ?? undefined,
    };
  }
}

/** The text parts of a message, joined. */
export function messageText(message: Message): string {
  return message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}
