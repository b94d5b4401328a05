import type { Message, TokenUsage } from "@everruns/core";
import { type ChatModel, type ModelChunk, ModelError, type ModelRequest } from "./chat-model.js";

/** Where the OpenAI-compatible model lives. */
export interface OpenAIModelOptions {
  /** Base URL of a Chat Completions API, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string | undefined;
  /** The `model` of each request. */
  model: string;
  /** Text arriving faster than this is merged into one delta (ms). Default 50. */
  batchMs?: number;
}

interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

interface CompletionChunk {
  choices?: {
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
    };
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/**
 * A model served by any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM,
 * LM Studio, ...), streamed with `stream: true`. Text only: declared tools are not offered to
 * the model. Reasoning text (`reasoning_content` / `reasoning`) becomes thinking events.
 */
export class OpenAIModel implements ChatModel {
  readonly name: string;
  readonly #options: OpenAIModelOptions;

  constructor(options: OpenAIModelOptions) {
    this.#options = options;
    this.name = options.model;
  }

  async *generate(request: ModelRequest): AsyncIterable<ModelChunk> {
    const response = await this.#post(request);
    const batchMs = this.#options.batchMs ?? 50;
    let text = "";
    let thinking = "";
    let lastYield = 0;
    let usage: TokenUsage | undefined;
    let outputChars = 0;
    for await (const data of dataLines(response, request.signal)) {
      if (data === "[DONE]") break;
      let chunk: CompletionChunk;
      try {
        chunk = JSON.parse(data) as CompletionChunk;
      } catch {
        continue; // Keep-alive comments and junk lines are not fatal.
      }
      if (chunk.error)
        throw new ModelError(
          `The model endpoint reported: ${this.#redact(chunk.error.message ?? "an error")}`,
        );
      const delta = chunk.choices?.[0]?.delta;
      thinking += delta?.reasoning_content ?? delta?.reasoning ?? "";
      text += delta?.content ?? "";
      if (chunk.usage) {
        usage = {
          input_tokens: chunk.usage.prompt_tokens ?? 0,
          output_tokens: chunk.usage.completion_tokens ?? 0,
        };
      }
      // Merge tokens that arrive within `batchMs`, as the hosted API batches its deltas.
      if ((thinking || text) && Date.now() - lastYield >= batchMs) {
        lastYield = Date.now();
        if (thinking) yield { type: "thinking", delta: thinking };
        if (text) yield { type: "text", delta: text };
        outputChars += text.length + thinking.length;
        thinking = "";
        text = "";
      }
    }
    if (thinking) yield { type: "thinking", delta: thinking };
    if (text) yield { type: "text", delta: text };
    outputChars += text.length + thinking.length;
    yield {
      type: "usage",
      usage: usage ?? {
        input_tokens: Math.ceil(JSON.stringify(request.messages).length / 4),
        output_tokens: Math.ceil(outputChars / 4),
      },
    };
  }

  async #post(request: ModelRequest): Promise<Response> {
    const url = `${this.#options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "text/event-stream",
    };
    if (this.#options.apiKey) headers.authorization = `Bearer ${this.#options.apiKey}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers,
        signal: request.signal,
        body: JSON.stringify({
          model: this.#options.model,
          stream: true,
          stream_options: { include_usage: true },
          messages: toChatMessages(request.systemPrompt, request.messages),
        }),
      });
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw new ModelError(
        `Could not reach the model endpoint ${this.#options.baseUrl}.`,
        "model_error",
        {
          cause: error,
        },
      );
    }
    if (!response.ok || !response.body) {
      const body = await response.text().catch(() => "");
      throw new ModelError(
        `The model endpoint answered ${response.status}: ${this.#redact(body.slice(0, 300)) || response.statusText}`,
      );
    }
    return response;
  }

  #redact(text: string): string {
    const key = this.#options.apiKey;
    return key ? text.split(key).join("[redacted]") : text;
  }
}

/** The conversation in Chat Completions form; tool exchanges become plain text. */
export function toChatMessages(systemPrompt: string, messages: readonly Message[]): ChatMessage[] {
  const chat: ChatMessage[] = systemPrompt ? [{ role: "system", content: systemPrompt }] : [];
  for (const message of messages) {
    const content = message.content
      .map((part) => {
        if (part.type === "text") return part.text;
        if (part.type === "tool_call")
          return `[called tool ${part.name} with ${JSON.stringify(part.arguments)}]`;
        if (part.type === "tool_result")
          return part.error != null
            ? `[tool error: ${part.error}]`
            : `[tool result: ${JSON.stringify(part.result ?? null)}]`;
        return "[image]";
      })
      .join("\n");
    if (!content) continue;
    chat.push({
      role: message.role === "agent" ? "assistant" : message.role === "system" ? "system" : "user",
      content,
    });
  }
  return chat;
}

// Yields the `data:` payloads of an SSE body, one per event.
async function* dataLines(response: Response, signal: AbortSignal): AsyncIterable<string> {
  const body = response.body;
  if (!body) return;
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    signal.throwIfAborted();
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, "");
      buffer = buffer.slice(newline + 1);
      if (line.startsWith("data:")) yield line.slice(5).trimStart();
      newline = buffer.indexOf("\n");
    }
  }
  const rest = buffer.trim();
  if (rest.startsWith("data:")) yield rest.slice(5).trimStart();
}
