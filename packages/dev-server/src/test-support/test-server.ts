import type { SessionEvent } from "@everruns/core";
import { RequestValidator } from "../http/request-validator.js";
import { type DevServer, type DevServerOptions, startDevServer } from "../start-dev-server.js";

/** Starts a dev server for a test: ephemeral port, in-memory database, no simulated delay, every model chunk its own delta. */
export function startTestServer(options: DevServerOptions = {}): Promise<DevServer> {
  return startDevServer({ port: 0, db: ":memory:", simDelayMs: 0, deltaIntervalMs: 0, ...options });
}

/** A small fetch wrapper with the dev key and JSON helpers. */
export function apiClient(server: DevServer, apiKey = "dev") {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init: RequestInit = { method, headers: { authorization: apiKey, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const response = await fetch(`${server.url}${path}`, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected loosely
    return { status: response.status, headers: response.headers, text, json: json as any };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call("POST", path, body, headers),
    put: (path: string, body?: unknown) => call("PUT", path, body),
    patch: (path: string, body?: unknown) => call("PATCH", path, body),
    delete: (path: string) => call("DELETE", path),
    call,
  };
}

/** An API client bound to a test server. */
export type ApiClient = ReturnType<typeof apiClient>;

/** Creates a session (optionally with extra fields) and returns its id. */
export async function createSession(
  api: ApiClient,
  body: Record<string, unknown> = {},
): Promise<string> {
  const response = await api.post("/v1/sessions", body);
  if (response.status !== 201) throw new Error(`session create failed: ${response.text}`);
  return response.json.id as string;
}

/** Sends a user message; returns the stored message. */
export async function sendMessage(api: ApiClient, sessionId: string, text: string) {
  const response = await api.post(`/v1/sessions/${sessionId}/messages`, {
    message: { role: "user", content: [{ type: "text", text }] },
  });
  if (response.status !== 201) throw new Error(`message create failed: ${response.text}`);
  return response.json as { id: string };
}

/** Polls the event list until `done` holds (or throws after `timeoutMs`). */
export async function waitForEvents(
  api: ApiClient,
  sessionId: string,
  done: (events: SessionEvent[]) => boolean,
  timeoutMs = 10_000,
): Promise<SessionEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await api.get(`/v1/sessions/${sessionId}/events`)).json.data as SessionEvent[];
    if (done(events)) return events;
    if (Date.now() > deadline)
      throw new Error(`timed out; events: ${events.map((e) => e.type).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Count of events of a type. */
export function countOf(events: readonly SessionEvent[], type: string): number {
  return events.filter((event) => event.type === type).length;
}

/**
 * Waits until a turn of the session ended (completed, failed or cancelled) `n` times, then
 * returns all its events. It polls only the terminal types: re-reading a long turn's every
 * delta on each poll would make waiting cost grow with the square of the reply.
 */
export async function waitForTurnEnds(
  api: ApiClient,
  sessionId: string,
  n = 1,
  timeoutMs = 30_000,
) {
  const ends = "types=turn.completed&types=turn.failed&types=turn.cancelled";
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ended = (await api.get(`/v1/sessions/${sessionId}/events?${ends}`)).json
      .data as SessionEvent[];
    if (ended.length >= n) break;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${n} turn end(s); saw ${ended.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (await api.get(`/v1/sessions/${sessionId}/events`)).json.data as SessionEvent[];
}

const validator = new RequestValidator();

/** Throws unless `value` matches the named schema of our spec (checks the server's answers). */
export function assertMatchesSchema(name: string, value: unknown): void {
  validator.schema(name, value, "response");
}

/** One parsed SSE frame (comments have `comment` set). */
export interface SseFrame {
  event?: string;
  id?: string;
  retry?: string;
  data?: string;
  comment?: string;
}

/**
 * Opens an SSE connection and collects frames until `until` holds or the server ends the
 * response; then aborts the connection.
 */
export async function collectSse(
  url: string,
  options: { apiKey?: string; until?: (frames: SseFrame[]) => boolean; timeoutMs?: number } = {},
): Promise<{
  status: number;
  contentType: string | null;
  frames: SseFrame[];
  ended: boolean;
  body?: string;
}> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const response = await fetch(url, {
    headers: {
      authorization: options.apiKey ?? "dev",
      accept: "text/event-stream",
      "cache-control": "no-cache",
    },
    signal: controller.signal,
  });
  const contentType = response.headers.get("content-type");
  if (!response.ok || !response.body) {
    clearTimeout(timer);
    return {
      status: response.status,
      contentType,
      frames: [],
      ended: true,
      body: await response.text(),
    };
  }
  const frames: SseFrame[] = [];
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      buffer += decoder.decode(value, { stream: true });
      let boundary = buffer.indexOf("\n\n");
      while (boundary >= 0) {
        frames.push(parseFrame(buffer.slice(0, boundary)));
        buffer = buffer.slice(boundary + 2);
        boundary = buffer.indexOf("\n\n");
      }
      if (options.until?.(frames)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status: response.status, contentType, frames, ended };
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) frame.comment = line.slice(1).trim();
    const match = /^(event|id|retry|data): ?(.*)$/.exec(line);
    if (match) frame[match[1] as "event" | "id" | "retry" | "data"] = match[2] ?? "";
  }
  return frame;
}

/** The session events among SSE frames (without control frames and comments). */
export function sseEvents(frames: readonly SseFrame[]): SessionEvent[] {
  return frames
    .filter(
      (frame) =>
        frame.data !== undefined && frame.event !== "connected" && frame.event !== "disconnecting",
    )
    .map((frame) => JSON.parse(frame.data ?? "null") as SessionEvent);
}
