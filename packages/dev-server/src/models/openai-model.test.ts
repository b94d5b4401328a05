import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SessionEvent } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiClient,
  countOf,
  createSession,
  sendMessage,
  startTestServer,
  waitForTurnEnds,
} from "../test-support/test-server.js";

interface Recorded {
  authorization: string | undefined;
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
}

// A tiny stand-in for an OpenAI-compatible endpoint: streams a fixed reply as Chat
// Completions chunks, or fails with 500 when the last message says "fail".
let standIn: Server;
let baseUrl: string;
const recorded: Recorded[] = [];

beforeAll(async () => {
  standIn = createServer(async (request, response) => {
    const body = JSON.parse(await readAll(request)) as Recorded["body"];
    recorded.push({ authorization: request.headers.authorization, body });
    if (request.url !== "/v1/chat/completions") {
      response.writeHead(404).end();
      return;
    }
    if (body.messages.at(-1)?.content.includes("fail")) {
      response
        .writeHead(500, { "content-type": "application/json" })
        .end('{"error":{"message":"boom sk-secret"}}');
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream" });
    const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
    send({ choices: [{ delta: { role: "assistant", reasoning_content: "Thinking briefly." } }] });
    for (const piece of ["Hello", " from", " the", " stand-in."]) {
      send({ choices: [{ delta: { content: piece } }] });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    send({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 4 } });
    response.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => standIn.close(() => resolve())));

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    request.on("data", (chunk) => {
      text += chunk;
    });
    request.on("end", () => resolve(text));
  });
}

describe("the openai model", () => {
  it("streams a Chat Completions reply into the same turn events", async () => {
    const server = await startTestServer({
      model: "openai",
      openai: { baseUrl, apiKey: "sk-secret", model: "tiny-model" },
    });
    try {
      const api = apiClient(server);
      const sessionId = await createSession(api, { system_prompt: "Be kind." });
      await sendMessage(api, sessionId, "Say hello");
      const events = await waitForTurnEnds(api, sessionId);

      const completed = events.find(
        (event) => event.type === "output.message.completed",
      ) as SessionEvent & {
        data: { message: { content: { text: string }[] }; usage: unknown };
      };
      expect(completed.data.message.content[0]?.text).toBe("Hello from the stand-in.");
      expect(completed.data.usage).toEqual({ input_tokens: 12, output_tokens: 4 });
      expect(countOf(events, "output.message.delta")).toBeGreaterThanOrEqual(1);
      expect(countOf(events, "reason.thinking.completed")).toBe(1);
      expect(events.at(-1)?.type).toBe("turn.completed");

      const request = recorded.at(-1);
      expect(request?.authorization).toBe("Bearer sk-secret");
      expect(request?.body).toMatchObject({
        model: "tiny-model",
        stream: true,
        messages: [
          { role: "system", content: "Be kind." },
          { role: "user", content: "Say hello" },
        ],
      });
      expect((await api.get("/v1/models")).json.data[0].model_id).toBe("tiny-model");
    } finally {
      await server.close();
    }
  });

  it("ends the turn with turn.failed when the endpoint fails, without leaking its key", async () => {
    const server = await startTestServer({
      model: "openai",
      openai: { baseUrl, apiKey: "sk-secret", model: "m" },
    });
    try {
      const api = apiClient(server);
      const sessionId = await createSession(api);
      await sendMessage(api, sessionId, "please fail");
      const failed = (await waitForTurnEnds(api, sessionId)).at(-1) as SessionEvent & {
        data: { error: string; error_code: string };
      };
      expect(failed.type).toBe("turn.failed");
      expect(failed.data.error_code).toBe("model_error");
      expect(failed.data.error).toContain("500");
      expect(failed.data.error).not.toContain("sk-secret");
    } finally {
      await server.close();
    }
  });

  it("fails the turn when the endpoint cannot be reached", async () => {
    const server = await startTestServer({
      model: "openai",
      openai: { baseUrl: "http://127.0.0.1:9/v1", model: "m" },
    });
    try {
      const api = apiClient(server);
      const sessionId = await createSession(api);
      await sendMessage(api, sessionId, "hello?");
      const failed = (await waitForTurnEnds(api, sessionId)).at(-1) as SessionEvent & {
        data: { error: string };
      };
      expect(failed.type).toBe("turn.failed");
      expect(failed.data.error).toMatch(/Could not reach/);
    } finally {
      await server.close();
    }
  });
});
