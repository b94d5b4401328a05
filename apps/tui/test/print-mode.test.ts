import { spawn } from "node:child_process";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, BIN, cleanEnv } from "./cli-process.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv(options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

let server: DevServer;
beforeAll(async () => {
  assertBuilt();
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
});
afterAll(() => server?.close());

describe("everruns-tui --print", () => {
  it("prints the streamed answer of the embedded dev server and exits 0", async () => {
    const run = await runCli(["-p", "hello from print"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain('You asked: "hello from print"');
    expect(run.stdout.endsWith("\n")).toBe(true);
    expect(run.code).toBe(0);
  });

  it("reports a failed turn on stderr and exits 1", async () => {
    const run = await runCli(["--print", "break [simulate:fail]"], {
      env: { EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" },
    });
    expect(run.stderr).toContain("Turn failed:");
    expect(run.stderr).toContain("(model_error)");
    expect(run.code).toBe(1);
  });

  it("reads the question from stdin when it is not a terminal", async () => {
    const run = await runCli(["--url", server.url, "--key", "dev"], { input: "piped question\n" });
    expect(run.stdout).toContain('You asked: "piped question"');
    expect(run.code).toBe(0);
  });

  it("uses the agent named by --agent, and refuses an unknown one", async () => {
    const env = { EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" };
    const missing = await runCli(["-p", "hi", "--agent", "no-such-agent"], { env });
    expect(missing.stderr).toContain('No agent is named "no-such-agent"');
    expect(missing.code).toBe(3);
    const known = await runCli(["-p", "hi", "--agent", "everruns-tui"], { env });
    expect(known.code).toBe(0);
  });

  it("reports a refused key on stderr, naming the flag, without echoing it; exit 3", async () => {
    const run = await runCli(["-p", "hi", "--url", server.url, "--key", "wrong-secret-key"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^everruns-tui: 401/);
    expect(run.stderr).toContain("check --key or EVERRUNS_API_KEY");
    expect(run.stderr).not.toContain("wrong-secret-key");
  });

  it("names the flag, not the SDK option, for a bad URL; exit 2", async () => {
    const run = await runCli(["-p", "hi", "--url", "ftp://nowhere", "--key", "k"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--url");
    expect(run.stderr).not.toContain("baseUrl");
  });

  it("writes one JSON object with --output-format json, and nothing else on stdout", async () => {
    const env = { EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" };
    const run = await runCli(["-p", "what time is it?", "--output-format", "json"], { env });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ status: "completed", error: null });
    expect(result.session_id).toMatch(/^session_/);
    expect(result.text).toContain('You asked: "what time is it?"');
    expect(result.usage).toMatchObject({ input_tokens: expect.any(Number) });
    expect(run.stderr).toBe("");
  });

  it("writes a failed turn as JSON too, with exit code 1", async () => {
    const env = { EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" };
    const run = await runCli(["-p", "[simulate:fail]", "--output-format", "json"], { env });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: "failed",
      error: { code: "model_error" },
    });
  });

  it("streams every event of the turn as NDJSON with --output-format stream-json", async () => {
    const env = { EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" };
    const run = await runCli(["-p", "hello", "--output-format", "stream-json"], { env });
    expect(run.code).toBe(0);
    const events = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(events[0]?.type).toBe("input.message");
    expect(events.some((e) => e.type === "output.message.delta")).toBe(true);
    expect(events.at(-1)?.type).toBe("turn.completed");
  });

  it("refuses an unknown output format, naming the flag", async () => {
    const run = await runCli(["-p", "x", "--output-format", "yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--output-format must be one of text, json, stream-json");
  });

  it("rejects unknown flags with exit code 2", async () => {
    const run = await runCli(["--bogus"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--bogus'");
  });
});
