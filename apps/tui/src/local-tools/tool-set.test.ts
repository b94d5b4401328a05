import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApprovalPolicy } from "./approval.js";
import { confinePath } from "./confine.js";
import { localTools } from "./tool-set.js";

let work: string;
let outside: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "tui-tools-work-"));
  outside = mkdtempSync(join(tmpdir(), "tui-tools-outside-"));
  mkdirSync(join(work, "src"));
  writeFileSync(join(work, "src", "a.ts"), "const needle = 1;\nother line\n");
  writeFileSync(join(work, "notes.md"), "# Notes\n");
  writeFileSync(join(outside, "secret.txt"), "top secret");
  symlinkSync(outside, join(work, "escape"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const tool = (name: string, commands = false) => {
  const found = localTools({ commands }).find((t) => t.definition.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

describe("confinePath", () => {
  it("resolves paths inside the roots", () => {
    expect(confinePath("src/a.ts", [work])).toMatch(/src\/a\.ts$/);
    expect(confinePath(join(outside, "secret.txt"), [work, outside])).toMatch(/secret\.txt$/);
  });

  it("refuses ../, absolute paths and symbolic links that lead outside, naming --allow-dir", () => {
    expect(() => confinePath("../x", [work])).toThrow(/--allow-dir/);
    expect(() => confinePath("/etc/passwd", [work])).toThrow(/outside/);
    expect(() => confinePath("escape/secret.txt", [work])).toThrow(/outside/);
  });
});

describe("the local tool set", () => {
  const context = () => ({ roots: [work] });

  it("offers run_command only when commands are allowed", () => {
    expect(localTools().map((t) => t.definition.name)).toEqual([
      "read_file",
      "list_directory",
      "search_files",
    ]);
    expect(localTools({ commands: true }).map((t) => t.definition.name)).toContain("run_command");
  });

  it("reads a file, lists a folder and searches files", async () => {
    expect(await tool("read_file").run({ path: "notes.md" }, context())).toEqual({
      path: "notes.md",
      content: "# Notes\n",
    });
    expect(await tool("list_directory").run({}, context())).toEqual(["escape", "notes.md", "src/"]);
    expect(await tool("search_files").run({ text: "NEEDLE" }, context())).toEqual([
      "src/a.ts:1: const needle = 1;",
    ]);
  });

  it("fails with a readable error on bad arguments or a path outside", async () => {
    await expect(tool("read_file").run({ path: 3 }, context())).rejects.toThrow(/must be a string/);
    await expect(tool("read_file").run({ path: "escape/secret.txt" }, context())).rejects.toThrow(
      /outside/,
    );
  });

  it("runs a command in the working directory, with its exit code", async () => {
    const result = await tool("run_command", true).run({ command: "ls; exit 3" }, context());
    expect(result).toMatchObject({ exit_code: 3, output: expect.stringContaining("notes.md") });
  });
});

describe("run_command when its call is aborted", () => {
  it("kills the command and what it started, and answers at once", async () => {
    const abort = new AbortController();
    const running = tool("run_command", true).run(
      { command: "echo started; sleep 30; echo never" },
      { roots: [work], signal: abort.signal },
    );
    setTimeout(() => abort.abort(), 200);
    const result = await running;
    expect(result).toMatchObject({ exit_code: null, signal: "SIGKILL" });
    expect((result as { output: string }).output).not.toContain("never");
  }, 10_000);
});

describe("ApprovalPolicy", () => {
  it("remembers always per session and tool only", () => {
    const policy = new ApprovalPolicy();
    policy.record("s1", "read_file", "yes");
    expect(policy.allows("s1", "read_file")).toBe(false);
    policy.record("s1", "read_file", "always");
    expect(policy.allows("s1", "read_file")).toBe(true);
    expect(policy.allows("s2", "read_file")).toBe(false);
    expect(policy.allows("s1", "list_directory")).toBe(false);
  });
});
