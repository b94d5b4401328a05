import { execFile } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const RECORD_FETCH = fileURLToPath(new URL("./record-fetch.mjs", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built quickstart with a clean environment (no EVERRUNS_* from the machine). */
function runQuickstart(
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Run> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? "", NO_COLOR: "1" };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, CLI, ...args],
      { env: { ...base, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const ID = (prefix: string) => new RegExp(`^${prefix}_[0-9a-f]{32}$`);

describe("quickstart against the embedded dev server", () => {
  it("streams the reply and prints the final object", async () => {
    const run = await runQuickstart([]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Embedded Everruns dev server at http://127.0.0.1:");
    expect(run.stdout).toContain("What does Everruns do, and why would a product team use it?");
    const result = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf("\n{")));
    expect(result.base_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.agent_id).toMatch(ID("agent"));
    expect(result.session_id).toMatch(ID("session"));
    expect(result.response.length).toBeGreaterThan(20);
    // The reply was printed inline before the final object.
    expect(run.stdout.indexOf(result.response.slice(0, 30))).toBeLessThan(
      run.stdout.lastIndexOf("\n{"),
    );
  });

  it("--json prints only the result object", async () => {
    const run = await runQuickstart(["--json", "--local"]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(["base_url", "agent_id", "session_id", "response"]);
  });

  it("--message is the question the agent answers", async () => {
    const run = await runQuickstart(["--json", "--message", "How do I bake sourdough bread?"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).response).toContain("sourdough");
  });
});

describe("quickstart against a dev server on a port", () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer({ port: 0, db: ":memory:", apiKey: "right-key", simDelayMs: 0 });
  });
  afterAll(() => server.close());

  it("works with the right key from the environment", async () => {
    const run = await runQuickstart(["--json"], {
      EVERRUNS_API_URL: server.url,
      EVERRUNS_API_KEY: "right-key",
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).base_url).toBe(server.url);
  });

  it("a wrong key prints one clear line and exits 1", async () => {
    const run = await runQuickstart(["--url", server.url, "--key", "wrong-key"]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("refused the API key");
    expect(run.stderr).not.toContain("wrong-key");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a turn that fails prints the failure and exits 1", async () => {
    const run = await runQuickstart([
      "--url",
      server.url,
      "--key",
      "right-key",
      "--message",
      "[simulate:fail] hi",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The turn failed");
  });

  it("a turn slower than --timeout stops with a timeout line", async () => {
    const run = await runQuickstart([
      "--url",
      server.url,
      "--key",
      "right-key",
      "--timeout",
      "0.5",
      "--message",
      "[simulate:slow] hi",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Timed out after 0.5 s");
  });
});

describe("quickstart refusals", () => {
  it("the hosted API without a key stops with the notebook's message and sends nothing", async () => {
    const run = await runQuickstart([], { EVERRUNS_API_URL: "https://app.everruns.com/api" }, [
      "--import",
      RECORD_FETCH,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "Set EVERRUNS_API_KEY before running this notebook against app.everruns.com.",
    );
    expect(run.stderr).not.toContain("FETCH_CALLED");
  });

  it("an unreachable server prints one line and exits 1", async () => {
    const port = await closedPort();
    const run = await runQuickstart(["--url", `http://127.0.0.1:${port}`, "--key", "k"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Could not reach http://127.0.0.1:${port}`);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("bad flags exit 2 with the usage", async () => {
    const run = await runQuickstart(["--bogus"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: everruns-quickstart");
  });

  it("--help prints the usage and exits 0", async () => {
    const run = await runQuickstart(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--message <text>");
  });
});
