import type { Message, TokenUsage, ToolCall } from "@everruns/core";

/** A tool the model may call in a turn. `server` tools run in the dev server itself. */
export interface ModelTool {
  name: string;
  description: string;
  parameters: unknown;
  runs: "server" | "client";
}

/** What a model is asked: the conversation so far and the tools it may call. */
export interface ModelRequest {
  systemPrompt: string;
  /** The session's messages up to and including this turn's input and tool exchanges. */
  messages: readonly Message[];
  tools: readonly ModelTool[];
  /** Aborted when the turn is cancelled or the server stops. */
  signal: AbortSignal;
}

/** A piece of a model's answer, in the order the model produced it. */
export type ModelChunk =
  | { type: "thinking"; delta: string }
  | { type: "text"; delta: string }
  | { type: "tool_call"; call: ToolCall }
  | { type: "usage"; usage: TokenUsage };

/** A language model the turn engine can stream from. */
export interface ChatModel {
  /** The model name reported in events (`model` fields). */
  readonly name: string;
  /** Streams one generation. Throws {@link ModelError} when the model fails. */
  generate(request: ModelRequest): AsyncIterable<ModelChunk>;
}

/** A failure of the model; the turn ends with `turn.failed` and this `code`. */
export class ModelError extends Error {
  readonly code: string;

  constructor(message: string, code = "model_error", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ModelError";
    this.code = code;
  }
}

/** Plain text of a message's `text` parts. */
export function messageText(message: Pick<Message, "content">): string {
  return message.content
    .map((part) => (part.type === "text" ? part.text : ""))
    .filter(Boolean)
    .join("\n");
}
