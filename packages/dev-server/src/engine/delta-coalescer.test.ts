import type { SessionEvent } from "@everruns/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import {
  apiClient,
  createSession,
  sendMessage,
  startTestServer,
  waitForTurnEnds,
} from "../test-support/test-server.js";
import { DeltaCoalescer } from "./delta-coalescer.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("DeltaCoalescer", () => {
  function record(intervalMs: number) {
    const sent: [string, string][] = [];
    const coalescer = new DeltaCoalescer(intervalMs, (delta, acc) => sent.push([delta, acc]));
    return { sent, coalescer };
  }

  it("sends the first chunk at once, then one joined delta per interval", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const { sent, coalescer } = record(100);
    coalescer.push("a", "a");
    expect(sent).toEqual([["a", "a"]]);
    coalescer.push("b", "ab");
    coalescer.push("c", "abc");
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      ["a", "a"],
      ["bc", "abc"],
    ]);
    // Quiet for longer than the interval: the next chunk goes out at once again.
    vi.advanceTimersByTime(500);
    coalescer.push("d", "abcd");
    expect(sent.at(-1)).toEqual(["d", "abcd"]);
  });

  it("flush sends what waits at once; cancel drops it", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const { sent, coalescer } = record(100);
    coalescer.push("a", "a");
    coalescer.push("b", "ab");
    coalescer.flush();
    expect(sent).toEqual([
      ["a", "a"],
      ["b", "ab"],
    ]);
    coalescer.flush();
    expect(sent).toHaveLength(2);
    coalescer.push("c", "abc");
    coalescer.cancel();
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(2);
  });

  it("with interval 0 sends every chunk as it comes", () => {
    const { sent, coalescer } = record(0);
    for (const c of "abc") coalescer.push(c, c);
    expect(sent.map(([delta]) => delta)).toEqual(["a", "b", "c"]);
  });
});

describe("the dev server's output deltas", () => {
  let server: DevServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function turnDeltas(deltaIntervalMs: number) {
    server = await startTestServer({ deltaIntervalMs });
    const api = apiClient(server);
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "Tell me something [simulate:deltas=50]");
    const events = await waitForTurnEnds(api, sessionId);
    const deltas = events.filter((e) => e.type === "output.message.delta") as Extract<
      SessionEvent,
      { type: "output.message.delta" }
    >[];
    const completed = events.find((e) => e.type === "output.message.completed") as Extract<
      SessionEvent,
      { type: "output.message.completed" }
    >;
    const text = completed.data.message.content
      .map((part) => (part.type === "text" ? part.text : ""))
      .join("");
    return { deltas, text, types: events.map((e) => e.type) };
  }

  it("are batched: the first chunk at once, the rest together, nothing lost, order kept", async () => {
    // An interval far longer than the turn: everything after the first chunk waits for the
    // end of the model's output, so the count does not depend on the machine's speed.
    const { deltas, text, types } = await turnDeltas(60_000);
    expect(deltas).toHaveLength(2);
    expect(deltas.map((d) => d.data.delta).join("")).toBe(text);
    expect(deltas.at(-1)?.data.accumulated).toBe(text);
    expect(types.lastIndexOf("output.message.delta")).toBeLessThan(
      types.indexOf("output.message.completed"),
    );
  });

  it("are one per model chunk with deltaIntervalMs 0", async () => {
    const { deltas, text } = await turnDeltas(0);
    expect(deltas.length).toBeGreaterThanOrEqual(50);
    expect(deltas.map((d) => d.data.delta).join("")).toBe(text);
  });
});
