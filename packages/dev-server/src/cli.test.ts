import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { SessionEvent } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-options.js";
import type { DevServer } from "./start-dev-server.js";
import {
  apiClient,
  countOf,
  createSession,
  sendMessage,
  waitForEvents,
} from "./test-support/test-server.js";

const BIN = resolve(import.meta.dirname, "../bin/everruns-dev-server.js");
const BUILT_CLI = resolve(import.meta.dirname, "../dist/cli.js");

interface RunningCli {
  child: ChildProcess;
  url: string;
  stdout: () => string;
}

function startCli(args: string[]): Promise<RunningCli> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [BIN, "--port", "0", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${stderr}`)), 10_000);
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const url = /export EVERRUNS_API_URL=(\S+)/.exec(stdout)?.[1];
      if (url && stdout.includes("EVERRUNS_API_KEY")) {
        clearTimeout(timer);
        resolveStart({ child, url, stdout: () => stdout });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}: ${stderr}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit(child.exitCode);
    else child.once("exit", (code) => resolveExit(code));
  });
}

const asServer = (url: string): DevServer => ({
  url,
  port: Number(new URL(url).port),
  consoleUrl: `${url}/console`,
  close: async () => {},
});

describe("the everruns-dev-server command", () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(BUILT_CLI))
      throw new Error(
        "dist/cli.js is missing: run `pnpm --filter @everruns/dev-server build` first",
      );
    dir = mkdtempSync(join(tmpdir(), "everruns-dev-server-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the base URL and the two export lines, and exits 0 on SIGTERM", async () => {
    const cli = await startCli(["--db", ":memory:", "--api-key", "local-key", "--quiet"]);
    expect(cli.stdout()).toContain(`export EVERRUNS_API_URL=${cli.url}`);
    expect(cli.stdout()).toContain("export EVERRUNS_API_KEY=local-key");
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const consoleUrl = new RegExp(`${cli.url}/console\\?token=[\\w-]{32}\\n`);
    expect(cli.stdout()).toMatch(consoleUrl);
    expect(
      (await fetch(`${cli.url}/v1/agents`, { headers: { authorization: "local-key" } })).status,
    ).toBe(200);
    cli.child.kill("SIGTERM");
    expect(await exited(cli.child)).toBe(0);
  });

  it("keeps everything across a SIGKILL and closes the interrupted turn with server_restarted", async () => {
    const db = join(dir, "restart.sqlite");
    const first = await startCli(["--db", db, "--quiet"]);
    const api = apiClient(asServer(first.url));
    const agent = (await api.post("/v1/agents", { name: "durable", system_prompt: "Persist." }))
      .json;
    const sessionId = await createSession(api, { agent_id: agent.id, title: "before the crash" });
    const message = await sendMessage(api, sessionId, "[simulate:slow] a long answer");
    const before = await waitForEvents(
      api,
      sessionId,
      (events) => countOf(events, "output.message.delta") >= 2,
    );
    const lastSeen = before.at(-1) as SessionEvent;
    first.child.kill("SIGKILL");
    await exited(first.child);

    const second = await startCli(["--db", db, "--quiet"]);
    try {
      const again = apiClient(asServer(second.url));
      expect((await again.get(`/v1/agents/${agent.id}`)).json.name).toBe("durable");
      const session = (await again.get(`/v1/sessions/${sessionId}`)).json;
      expect(session).toMatchObject({ title: "before the crash", status: "idle" });
      expect((await again.get(`/v1/sessions/${sessionId}/messages`)).json.data[0].id).toBe(
        message.id,
      );

      const events = (await again.get(`/v1/sessions/${sessionId}/events`)).json
        .data as SessionEvent[];
      const last = events.at(-1) as SessionEvent & { data: { error_code?: string } };
      expect(last.type).toBe("turn.failed");
      expect(last.data.error_code).toBe("server_restarted");
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, i) => i + 1));

      const resumed = (await again.get(`/v1/sessions/${sessionId}/events?since_id=${lastSeen.id}`))
        .json.data as SessionEvent[];
      expect(resumed[0]?.sequence).toBeGreaterThan(lastSeen.sequence ?? 0);
      expect(resumed.at(-1)?.type).toBe("turn.failed");

      await sendMessage(again, sessionId, "after the restart");
      const after = await waitForEvents(
        again,
        sessionId,
        (list) => countOf(list, "turn.completed") === 1,
      );
      expect(after.at(-1)?.sequence).toBe(after.length);
    } finally {
      second.child.kill("SIGTERM");
      await exited(second.child);
    }
  });
});

describe("parseCliArgs", () => {
  it("maps every flag to an option", () => {
    const request = parseCliArgs(
      [
        "--host",
        "0.0.0.0",
        "--port",
        "9100",
        "--db",
        "x.sqlite",
        "--api-key",
        "k",
        "--sim-delay-ms",
        "0",
        "--heartbeat-ms",
        "1000",
        "--cycle-ms",
        "5000",
        "--cors",
        "http://a.test",
        "--cors",
        "http://b.test",
      ],
      {},
    );
    expect(request).toEqual({
      kind: "start",
      quiet: false,
      options: {
        model: "simulated",
        host: "0.0.0.0",
        port: 9100,
        db: "x.sqlite",
        apiKey: "k",
        simDelayMs: 0,
        heartbeatMs: 1000,
        connectionCycleMs: 5000,
        cors: ["http://a.test", "http://b.test"],
      },
    });
  });

  it("reads the OpenAI endpoint from the environment for --model openai", () => {
    const request = parseCliArgs(["--model", "openai", "--openai-model", "llama3"], {
      OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
      OPENAI_API_KEY: "sk-test",
    });
    expect(request).toMatchObject({
      kind: "start",
      options: {
        model: "openai",
        openai: { baseUrl: "http://127.0.0.1:11434/v1", apiKey: "sk-test", model: "llama3" },
      },
    });
  });

  it("refuses bad values and unknown flags", () => {
    expect(parseCliArgs(["--port", "abc"], {}).kind).toBe("error");
    expect(parseCliArgs(["--model", "gpt"], {}).kind).toBe("error");
    expect(parseCliArgs(["--nope"], {}).kind).toBe("error");
    expect(parseCliArgs(["--help"], {}).kind).toBe("help");
  });
});
