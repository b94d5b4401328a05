import type { Message, TokenUsage, ToolCall } from "@everruns/core";
import { WRITE_FILE_TOOL } from "../engine/write-file-tool.js";
import { newId } from "../ids.js";
import { abortableSleep } from "../internal/abortable-sleep.js";
import {
  type ChatModel,
  type ModelChunk,
  ModelError,
  type ModelRequest,
  type ModelTool,
  messageText,
} from "./chat-model.js";
import { chunkText, composeReply, composeThinking, stripDirectives } from "./simulated-reply.js";

/** Pause between deltas with `[simulate:slow]`, whatever the configured delay. */
export const SLOW_DELAY_MS = 150;
/** Minimum number of output deltas with `[simulate:slow]`. */
export const SLOW_MIN_DELTAS = 40;

/** Options of {@link SimulatedModel}. */
export interface SimulatedModelOptions {
  /** Pause between deltas in ms (0: as fast as the event loop allows). */
  delayMs: number;
}

/**
 * A deterministic, offline model. It answers with markdown bullets that reflect the system
 * prompt and the question, calls `current_time` when asked for the time and the capability is
 * on, calls a declared client-side tool whose name the message mentions, and obeys the
 * directives `[simulate:fail]`, `[simulate:think]`, `[simulate:slow]`, `[simulate:long]`,
 * `[simulate:deltas=N]` (at least N deltas) and `[simulate:write=PATH]` (calls the server-side
 * `write_file` tool to write a short report to PATH in the session's workspace). It
 * acknowledges `image_file` parts of the input by id.
 */
export class SimulatedModel implements ChatModel {
  readonly name = "simulated";
  readonly #delayMs: number;

  constructor(options: SimulatedModelOptions) {
    this.#delayMs = Math.max(0, options.delayMs);
  }

  async *generate(request: ModelRequest): AsyncIterable<ModelChunk> {
    const { input, exchange } = splitTurn(request.messages);
    const raw = input ? messageText(input) : "";
    const question = stripDirectives(raw);
    const directive = (name: string) => raw.toLowerCase().includes(`[simulate:${name}]`);
    const slow = directive("slow");
    const delay = slow ? SLOW_DELAY_MS : this.#delayMs;
    const firstStep = exchange.length === 0;

    if (directive("fail")) {
      await abortableSleep(delay, request.signal);
      throw new ModelError("The simulated model failed on purpose ([simulate:fail]).");
    }
    if (firstStep && directive("think")) {
      for (const delta of chunkText(composeThinking(question))) {
        await abortableSleep(delay, request.signal);
        yield { type: "thinking", delta };
      }
    }
    if (firstStep) {
      const calls = planToolCalls(question, request.tools);
      const writePath = /\[simulate:write=([^\]\s]+)\]/i.exec(raw)?.[1];
      if (writePath && request.tools.some((tool) => tool.name === WRITE_FILE_TOOL)) {
        calls.push({
          id: newId("call"),
          name: WRITE_FILE_TOOL,
          arguments: {
            path: writePath,
            content: `# Written by the simulated model\n\nThe question was: ${question || "(nothing)"}\n`,
          } as unknown as ToolCall["arguments"],
        });
      }
      if (calls.length > 0) {
        await abortableSleep(delay, request.signal);
        for (const call of calls) yield { type: "tool_call", call };
        yield { type: "usage", usage: usageOf(request, JSON.stringify(calls)) };
        return;
      }
    }
    const reply = composeReply({
      systemPrompt: request.systemPrompt,
      question,
      toolOutcomes: toolOutcomes(exchange),
      images: (input?.content ?? []).flatMap((part) =>
        part.type === "image_file" ? [{ id: part.image_id, filename: part.filename }] : [],
      ),
      long: directive("long"),
      minChunks: Math.max(slow ? SLOW_MIN_DELTAS : 0, requestedDeltas(raw)),
    });
    for (const delta of chunkText(reply)) {
      await abortableSleep(delay, request.signal);
      yield { type: "text", delta };
    }
    yield { type: "usage", usage: usageOf(request, reply) };
  }
}

/**
 * Most deltas `[simulate:deltas=N]` may ask for. Each stored delta carries the accumulated
 * text, so a turn's stored size grows with the square of its deltas: 5,000 made a 100-byte
 * message store over 200 MB; 1,000 keep a turn under about 10 MB.
 */
export const MAX_REQUESTED_DELTAS = 1_000;

// `[simulate:deltas=N]` pads the reply to at least N deltas (benchmarks use it for turns of a
// known length).
function requestedDeltas(text: string): number {
  const match = /\[simulate:deltas=(\d{1,5})\]/i.exec(text);
  return match?.[1] ? Math.min(Number(match[1]), MAX_REQUESTED_DELTAS) : 0;
}

// This turn's input is the last user message; what follows it is this turn's tool exchange.
function splitTurn(messages: readonly Message[]): {
  input: Message | undefined;
  exchange: readonly Message[];
} {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "user") return { input: message, exchange: messages.slice(i + 1) };
  }
  return { input: undefined, exchange: [] };
}

function planToolCalls(question: string, tools: readonly ModelTool[]): ToolCall[] {
  const lower = question.toLowerCase();
  const calls: ToolCall[] = [];
  for (const tool of tools) {
    const wanted =
      tool.runs === "server"
        ? tool.name === "current_time" && /\btime\b/.test(lower)
        : lower.includes(tool.name.toLowerCase());
    if (wanted)
      calls.push({
        id: newId("call"),
        name: tool.name,
        // The spec types `arguments` as an empty object (`Record<string, never>`).
        arguments: argumentsFor(tool.parameters, question) as ToolCall["arguments"],
      });
  }
  return calls;
}

// Fills the schema's required properties (all of them when none is required) with plausible
// values, so that client-side tool handlers get arguments of the declared shape.
function argumentsFor(parameters: unknown, question: string): Record<string, unknown> {
  const schema = parameters as {
    properties?: Record<string, { type?: unknown; enum?: unknown[] }>;
    required?: unknown;
  } | null;
  const properties = schema?.properties ?? {};
  const required = Array.isArray(schema?.required)
    ? schema.required.filter((name): name is string => typeof name === "string")
    : Object.keys(properties);
  const args: Record<string, unknown> = {};
  for (const name of required) {
    const property = properties[name];
    if (Array.isArray(property?.enum) && property.enum.length > 0) args[name] = property.enum[0];
    else if (property?.type === "number" || property?.type === "integer") args[name] = 1;
    else if (property?.type === "boolean") args[name] = true;
    else if (property?.type === "array") args[name] = [];
    else if (property?.type === "object") args[name] = {};
    else args[name] = question;
  }
  return args;
}

function toolOutcomes(exchange: readonly Message[]): { name: string; outcome: string }[] {
  const names = new Map<string, string>();
  const outcomes: { name: string; outcome: string }[] = [];
  for (const message of exchange) {
    for (const part of message.content) {
      if (part.type === "tool_call") names.set(part.id, part.name);
      if (part.type === "tool_result") {
        const name = names.get(part.tool_call_id) ?? "tool";
        const outcome =
          part.error != null
            ? `an error, "${part.error}".`
            : `\`${resultText(part.result).slice(0, 300)}\`.`;
        outcomes.push({ name, outcome });
      }
    }
  }
  return outcomes;
}

// Server-side tools answer content parts; show their text rather than the JSON around it.
function resultText(result: unknown): string {
  if (Array.isArray(result)) {
    const texts = result.map((part) => (part as { text?: unknown })?.text);
    if (texts.every((text) => typeof text === "string")) return texts.join(" ");
  }
  return JSON.stringify(result ?? null);
}

function usageOf(request: ModelRequest, output: string): TokenUsage {
  const inputChars =
    request.systemPrompt.length +
    request.messages.reduce((sum, message) => sum + JSON.stringify(message.content).length, 0);
  return {
    input_tokens: Math.ceil(inputChars / 4),
    output_tokens: Math.ceil(output.length / 4),
  };
}
