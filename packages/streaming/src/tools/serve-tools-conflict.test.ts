import { Everruns, type SessionEvent } from "@everruns/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventId, SESSION_ID, TURN_ID } from "../test-support/events.js";
import {
  CONNECTED_FRAME,
  type Exchange,
  eventFrame,
  type SseTestServer,
  startSseServer,
} from "../test-support/sse-server.js";
import { until } from "../test-support/stream-helpers.js";
import { defineTool } from "./define-tool.js";
import { serveTools, type ToolCallReport } from "./serve-tools.js";

// A fault-injecting API: the history holds one unanswered call; tool-results answers with the
// statuses queued in `answers`; the live stream can be fed events.
let server: SseTestServer;
let client: Everruns;
let answers: number[];
let live: Exchange | undefined;

const requested: SessionEvent = {
  id: eventId(1),
  type: "tool.call_requested",
  ts: "2026-11-23T10:00:00Z",
  session_id: SESSION_ID,
  sequence: 1,
  context: { turn_id: TURN_ID },
  data: {
    tool_calls: [{ id: "call_1", name: "echo", arguments: {} as Record<string, never> }],
  },
};
const completed: SessionEvent = {
  id: eventId(2),
  type: "tool.completed",
  ts: "2026-11-23T10:00:01Z",
  session_id: SESSION_ID,
  sequence: 2,
  context: { turn_id: TURN_ID },
  data: { tool_call_id: "call_1", tool_name: "echo", success: true, status: "success" },
} as SessionEvent;

beforeEach(async () => {
  answers = [];
  live = undefined;
  server = await startSseServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
  server.play((x) => {
    const send = (status: number, body: unknown) => {
      x.res.writeHead(status, {
        "content-type": status < 400 ? "application/json" : "application/problem+json",
      });
      x.res.end(JSON.stringify(body));
    };
    if (x.request.path.endsWith("/events")) return send(200, { data: [requested] });
    if (x.request.path.endsWith("/sse")) {
      x.open();
      x.write(CONNECTED_FRAME);
      live = x;
      return;
    }
    const status = answers.shift() ?? 200;
    if (status === 200) send(200, { accepted: 1, status: "active" });
    else send(status, { title: "Conflict", status, code: "turn_not_waiting" });
  });
});
afterEach(() => server.close());

const posts = () => server.requests.filter((r) => r.method === "POST");

function runEcho(): { stop: AbortController; reports: ToolCallReport[]; done: Promise<void> } {
  const stop = new AbortController();
  const reports: ToolCallReport[] = [];
  const echo = defineTool({
    name: "echo",
    description: "Echo",
    parameters: { type: "object" },
    run: () => "echoed",
  });
  const done = serveTools(client, SESSION_ID, {
    tools: [echo],
    signal: stop.signal,
    onCall: (report) => reports.push(report),
  });
  return { stop, reports, done };
}

describe("serveTools and 409 from tool-results", () => {
  it("sends again after a 409 while the events show no answer (the turn was not waiting yet)", async () => {
    answers = [409, 409];
    const runner = runEcho();
    await until(() => runner.reports.length === 1, 10_000, "the report");
    runner.stop.abort();
    await runner.done;
    expect(posts()).toHaveLength(3);
    expect(JSON.parse(posts()[2]?.body ?? "")).toEqual({
      tool_results: [{ tool_call_id: "call_1", result: "echoed" }],
    });
    expect(runner.reports[0]?.delivery).toBe("accepted");
  });

  it("drops the result after a 409 once the events show the call answered elsewhere", async () => {
    answers = [409, 409, 409, 409, 409, 409];
    const runner = runEcho();
    await until(() => posts().length === 1 && live !== undefined, 5_000, "the first POST");
    live?.write(eventFrame(completed));
    await until(() => runner.reports.length === 1, 10_000, "the report");
    runner.stop.abort();
    await runner.done;
    expect(runner.reports[0]?.delivery).toBe("already_answered");
    expect(posts()).toHaveLength(1);
  });

  it("does not run a call whose answer is already in the history", async () => {
    server.play((x) => {
      if (x.request.path.endsWith("/events")) {
        x.res.writeHead(200, { "content-type": "application/json" });
        x.res.end(JSON.stringify({ data: [requested, completed] }));
        return;
      }
      x.open();
      x.write(CONNECTED_FRAME);
      live = x;
    });
    const runner = runEcho();
    await until(() => live !== undefined, 5_000, "the live stream");
    const sse = server.requests.find((r) => r.path.endsWith("/sse"));
    expect(sse?.query.get("since_id")).toBe(eventId(2));
    runner.stop.abort();
    await runner.done;
    expect(posts()).toHaveLength(0);
    expect(runner.reports).toEqual([]);
  });

  it("runs a call once when a reconnect delivers its request again", async () => {
    let connections = 0;
    server.play((x) => {
      const send = (status: number, body: unknown) => {
        x.res.writeHead(status, { "content-type": "application/json" });
        x.res.end(JSON.stringify(body));
      };
      if (x.request.path.endsWith("/events")) return send(200, { data: [] });
      if (x.request.path.endsWith("/sse")) {
        connections++;
        x.open();
        x.write(CONNECTED_FRAME + eventFrame(requested));
        // The first connection drops at once; the second replays the request (as a server
        // that ignored since_id would) and stays open.
        if (connections === 1) setTimeout(() => x.cut(), 20);
        return;
      }
      send(200, { accepted: 1, status: "active" });
    });
    const runner = runEcho();
    await until(() => connections >= 2 && runner.reports.length === 1, 10_000, "the reconnect");
    runner.stop.abort();
    await runner.done;
    expect(posts()).toHaveLength(1);
    expect(runner.reports).toHaveLength(1);
  });
});
