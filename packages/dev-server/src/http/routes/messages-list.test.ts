import type { Message, SessionContextReport } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_HISTORY_MESSAGES } from "../../engine/history-window.js";
import type { DevServer } from "../../start-dev-server.js";
import { type SeededServer, startSeededServer } from "../../test-support/seeded-server.js";
import type { ApiClient } from "../../test-support/test-server.js";

// More messages than one page of the streamed body (200), written straight into the store
// before the server starts, as a long-lived session would have them.
const MESSAGES = 450;

let seeded: SeededServer;
let server: DevServer;
let api: ApiClient;
let longSession: string;
let emptySession: string;
/** 1,000 messages of ~20 KB: far more than the socket buffers hold, so the body is paced. */
let bigSession: string;

function message(n: number): Message {
  return {
    id: `msg_0199a000000070008000${String(n).padStart(12, "0")}`,
    role: n % 2 === 0 ? "agent" : "user",
    content: [{ type: "text", text: `message ${n} ${'é\\"'.repeat(n % 5)}` }],
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  } as Message;
}

beforeAll(async () => {
  seeded = await startSeededServer(3, (store, [long = "", , big = ""]) => {
    for (let n = 1; n <= MESSAGES; n++) store.messages.append(long, message(n));
    const filler = "x".repeat(20_000);
    for (let n = 1; n <= 1_000; n++) {
      const id = `msg_0199a000000070009000${String(n).padStart(12, "0")}`;
      store.messages.append(big, { ...message(n), id, content: [{ type: "text", text: filler }] });
    }
  });
  ({ server, api } = seeded);
  [longSession = "", emptySession = "", bigSession = ""] = seeded.sessionIds;
}, 60_000);

afterAll(() => seeded?.close());

describe("GET /v1/sessions/{id}/messages on a long session", () => {
  it("answers every message in order, streamed page by page rather than built as one string", async () => {
    const response = await fetch(`${server.url}/v1/sessions/${longSession}/messages`, {
      headers: { authorization: "dev" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    // A body built whole is sent with its length; a streamed one is chunked.
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const { data } = (await response.json()) as { data: (Message & { sequence: number })[] };
    expect(data).toHaveLength(MESSAGES);
    expect(data.map((m) => m.sequence)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    expect(data[2]?.content).toEqual(message(3).content);
  });

  it("gives the same messages as the JSONL export, line by line", async () => {
    const list = (await api.get(`/v1/sessions/${longSession}/messages`)).json.data as unknown[];
    const exported = await fetch(`${server.url}/v1/sessions/${longSession}/export`, {
      headers: { authorization: "dev" },
    });
    const lines = (await exported.text()).split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toEqual(list);
  });

  it("answers an empty list and an empty export for a session without messages", async () => {
    const list = await api.get(`/v1/sessions/${emptySession}/messages`);
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ data: [] });
    const exported = await fetch(`${server.url}/v1/sessions/${emptySession}/export`, {
      headers: { authorization: "dev" },
    });
    expect(await exported.text()).toBe("");
  });

  it("reports the context the next turn would send: the bounded window, not every message", async () => {
    const response = await api.get(`/v1/sessions/${longSession}/context-report`);
    expect(response.status).toBe(200);
    const report = response.json as unknown as SessionContextReport;
    const messages = report.sections.find((section) => section.key === "messages");
    expect(messages?.items).toBeLessThanOrEqual(MAX_HISTORY_MESSAGES);
    expect(messages?.items).toBeGreaterThan(MAX_HISTORY_MESSAGES - 2);
  });

  it("still refuses an unknown session with 404 problem+json", async () => {
    const response = await api.get(
      "/v1/sessions/session_0199a0000000700080000000000000ff/messages",
    );
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("a session deleted while its messages are being sent", () => {
  it("ends the body with an error, not a clean list missing the rest", async () => {
    const id = bigSession;
    const response = await fetch(`${server.url}/v1/sessions/${id}/messages`, {
      headers: { authorization: "dev" },
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    // The first page is on its way; delete the session before reading on.
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect((await api.delete(`/v1/sessions/${id}`)).status).toBeLessThan(300);
    const rest = (async () => {
      for (;;) if ((await reader.read()).done) return "ended cleanly";
    })();
    await expect(rest).rejects.toThrow();
  });
});

describe("messages larger than a page's character budget", () => {
  it("arrive complete and in order over short pages", async () => {
    const response = await api.get(`/v1/sessions/${longSession}/messages`);
    expect(response.status).toBe(200);
    // The long session's 450 small messages fit in 200-row pages; the big one is checked in
    // the deletion test above, so read a fresh copy of a big list here.
    const fresh = await startSeededServer(1, (store, [id = ""]) => {
      const filler = "y".repeat(30_000);
      for (let n = 1; n <= 120; n++) {
        const messageId = `msg_0199a00000007000a000${String(n).padStart(12, "0")}`;
        store.messages.append(id, {
          ...message(n),
          id: messageId,
          content: [{ type: "text", text: filler }],
        });
      }
    });
    try {
      const list = await fresh.api.get(`/v1/sessions/${fresh.sessionIds[0]}/messages`);
      const data = list.json.data as { sequence: number }[];
      expect(data.map((m) => m.sequence)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    } finally {
      await fresh.close();
    }
  });
});
