import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { Everruns, type SessionEvent } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamEvents } from "../event-stream.js";
import { RelayedStreamError } from "../stream-errors.js";
import { until } from "../test-support/stream-helpers.js";
import { startTurn } from "../turn.js";
import { fromReadableStream } from "./from-readable-stream.js";
import { RELAY_CONTENT_TYPES, type RelayFormat, toReadableStream } from "./to-readable-stream.js";

let server: DevServer;
let client: Everruns;
let agentId: string;
let relay: Server;
let relayUrl: string;

beforeAll(async () => {
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
  client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
  agentId = (await client.agents.create({ name: "relay-tests", system_prompt: "Be brief." })).id;
  // A relay route as an app would write it: the key stays here, the page gets the events.
  relay = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://relay");
    const sessionId = url.searchParams.get("session") ?? "";
    const sinceId = url.searchParams.get("since_id") ?? undefined;
    const format = (url.searchParams.get("format") ?? "sse") as RelayFormat;
    const stream = streamEvents(client, sessionId, sinceId ? { sinceId } : {});
    res.writeHead(200, { "content-type": RELAY_CONTENT_TYPES[format] });
    Readable.fromWeb(stream.toReadableStream({ format }) as never).pipe(res);
    res.on("close", () => stream.abort());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
});
afterAll(async () => {
  relay.closeAllConnections();
  await new Promise((resolve) => relay.close(resolve));
  await server.close();
});

async function collect(events: AsyncIterable<SessionEvent>, max = Infinity) {
  const out: SessionEvent[] = [];
  for await (const event of events) {
    out.push(event);
    if (out.length >= max) break;
  }
  return out;
}

async function finishedSession(question: string): Promise<{ id: string; events: SessionEvent[] }> {
  const session = await client.sessions.create({ agent_id: agentId });
  const turn = await startTurn(client, session.id, question);
  await turn.result();
  const events = (await client.events.list(session.id, { limit: 1000 })).data;
  return { id: session.id, events };
}

describe("toReadableStream / fromReadableStream", () => {
  it.each<RelayFormat>(["sse", "ndjson"])(
    "a turn relayed as %s reads back as the same events",
    async (format) => {
      const session = await client.sessions.create({ agent_id: agentId });
      const turn = await startTurn(client, session.id, "Relay me, please.");
      const relayed = await collect(
        fromReadableStream(turn.toReadableStream({ format }), { format }),
      );
      const direct = await collect(turn);
      expect(relayed).toEqual(direct);
      expect(relayed.at(-1)?.type).toBe("turn.completed");
    },
  );

  it("writes SSE frames with the event id, so a page can resume", async () => {
    const { events } = await finishedSession("Frames?");
    const text = await new Response(toReadableStream(toAsync(events.slice(0, 2)))).text();
    const [first] = events;
    expect(text.startsWith(`id: ${first?.id}\nevent: ${first?.type}\ndata: {`)).toBe(true);
    expect(text.split("\n\n").filter(Boolean)).toHaveLength(2);
  });

  it.each<RelayFormat>(["sse", "ndjson"])(
    "over HTTP (%s): a page reads part, resumes with the last id, and gets the rest once",
    async (format) => {
      const { id, events } = await finishedSession("Resume me.");
      const firstPart = await collect(
        fromReadableStream(bodyOf(await fetch(`${relayUrl}/?session=${id}&format=${format}`)), {
          format,
        }),
        3,
      );
      const last = firstPart.at(-1)?.id ?? "";
      const rest = await collect(
        fromReadableStream(
          bodyOf(await fetch(`${relayUrl}/?session=${id}&format=${format}&since_id=${last}`)),
          { format },
        ),
        events.length - 3,
      );
      expect([...firstPart, ...rest]).toEqual(events);
    },
  );

  it("decodes frames split at every byte", async () => {
    const { events } = await finishedSession("Split me — with ünïcode.");
    const bytes = new Uint8Array(
      await new Response(toReadableStream(toAsync(events))).arrayBuffer(),
    );
    const trickle = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    expect(await collect(fromReadableStream(trickle))).toEqual(events);
  });

  it.each<RelayFormat>(["sse", "ndjson"])(
    "passes a source failure on (%s) as RelayedStreamError, after the events before it",
    async (format) => {
      const { events } = await finishedSession("Then fail.");
      const missing = streamEvents(client, "session_0196831a20837ddbb05fd8f6d0c8ffff");
      async function* source() {
        yield* events.slice(0, 2);
        yield* missing;
      }
      const seen: SessionEvent[] = [];
      const reading = (async () => {
        for await (const event of fromReadableStream(toReadableStream(source(), { format }), {
          format,
        }))
          seen.push(event);
      })();
      const error = await reading.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RelayedStreamError);
      expect(error).toMatchObject({ originalName: "NotFoundError", code: "session_not_found" });
      expect(seen).toEqual(events.slice(0, 2));
    },
  );

  it("hides the message of an error that is not the SDK's", async () => {
    const source: AsyncIterable<SessionEvent> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error("secret token abc123 leaked")),
      }),
    };
    const text = await new Response(toReadableStream(source)).text();
    expect(text).toBe(
      'event: error\ndata: {"error":{"name":"Error","message":"The event stream failed"}}\n\n',
    );
  });

  it("cancelling the relayed stream closes the source's request", async () => {
    const { id } = await finishedSession("Cancel me.");
    const stream = streamEvents(client, id);
    const reader = stream.toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    await until(() => stream.state === "closed", 5_000, "the source to close");
  });

  it("skips and reports lines that are not events", async () => {
    const body = bodyOf(
      new Response('{"id":"e1","type":"x.y","data":{}}\nnot json\n{"no":"type"}\n'),
    );
    const reasons: string[] = [];
    const events = await collect(
      fromReadableStream(body, { format: "ndjson", onMalformed: (r) => reasons.push(r) }),
    );
    expect(events.map((e) => e.id)).toEqual(["e1"]);
    expect(reasons).toEqual(["a line is not JSON", "a line is not an event"]);
  });
});

async function* toAsync(events: SessionEvent[]): AsyncGenerator<SessionEvent> {
  yield* events;
}

function bodyOf(response: Response): ReadableStream<Uint8Array> {
  if (!response.body) throw new Error("no body");
  return response.body;
}
