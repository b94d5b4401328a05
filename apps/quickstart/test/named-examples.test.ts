import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** Runs the built quickstart as a child process, with no EVERRUNS_* from the machine. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function finalObject(stdout: string) {
  return JSON.parse(stdout.slice(stdout.lastIndexOf("\n{") + 1));
}

function checkMemories(result: Record<string, unknown>) {
  expect(result.memory_id).toMatch(/^mem_[0-9a-f]{32}$/);
  expect(result.files).toEqual(["/glossary.md", "/preferences/team.md"]);
  expect(result.read_back).toContain("Deploys on Tuesdays");
  expect(result.grep_matches).toEqual([
    { path: "/glossary.md", line_number: 4, line: "- Deploy: ship to production" },
    { path: "/preferences/team.md", line_number: 5, line: "- Deploys on Tuesdays" },
  ]);
}

function checkWorkspaces(result: Record<string, unknown>) {
  expect(result.workspace_id).toMatch(/^wsp_[0-9a-f]{32}$/);
  expect(result.listed).toEqual(["/data", "/data/numbers.csv", "/drafts", "/drafts/plan.md"]);
  expect(result.moved_to).toBe("/docs/plan.md");
  expect(result.after_delete).toEqual(["/docs", "/docs/plan.md", "/drafts"]);
  expect(result.session_workspace_id).toMatch(/^wsp_[0-9a-f]{32}$/);
  expect(result.session_workspace_id).not.toBe(result.workspace_id);
  expect(result.initial_file).toBe("Summarize the quarter in three bullets.");
}

describe("named examples against the embedded dev server", () => {
  it("--list names every example and exits 0", async () => {
    const listed = await run(["--list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split("\n").map((line) => line.split(" ")[0])).toEqual(
      expect.arrayContaining(["notebook", "memories", "workspaces"]),
    );
  });

  it("memories: writes, lists, reads and greps a memory's files", async () => {
    const result = await run(["memories"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Embedded Everruns dev server");
    checkMemories(finalObject(result.stdout));
  });

  it("workspaces: creates, lists, reads, moves, deletes files and reads back initial files", async () => {
    const result = await run(["workspaces", "--json"]);
    expect(result.code).toBe(0);
    checkWorkspaces(JSON.parse(result.stdout));
  });

  it("an unknown example exits 2 naming the examples", async () => {
    const result = await run(["nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown example "nope"');
    expect(result.stderr).toContain("memories");
  });
});

describe("named examples against a server given with --url", () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer({ port: 0, db: ":memory:", apiKey: "k", simDelayMs: 0 });
  });
  afterAll(() => server.close());

  it("memories and workspaces run against it", async () => {
    const memories = await run(["memories", "--json", "--url", server.url, "--key", "k"]);
    expect(memories.code).toBe(0);
    const memoriesResult = JSON.parse(memories.stdout);
    expect(memoriesResult.base_url).toBe(server.url);
    checkMemories(memoriesResult);
    const workspaces = await run(["workspaces", "--json", "--url", server.url, "--key", "k"]);
    expect(workspaces.code).toBe(0);
    checkWorkspaces(JSON.parse(workspaces.stdout));
  });
});
