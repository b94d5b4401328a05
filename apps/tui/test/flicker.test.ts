import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, cleanEnv } from "./cli-process.js";

const SCRIPT = fileURLToPath(new URL("./flicker-run.mjs", import.meta.url));
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are the point
const CLEAR_SCREEN = /\x1b\[2J|\x1b\[3J|\x1bc/;

function renderInFakeTerminal(mode: "naive" | "chat", rows: number): string {
  const stdout = execFileSync(process.execPath, [SCRIPT, mode, String(rows)], {
    env: cleanEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return (JSON.parse(stdout) as { output: string }).output;
}

describe("no flicker while a long reply streams", () => {
  beforeAll(assertBuilt);

  it("the check works: Ink clears the screen once its live output is as tall as the terminal", () => {
    expect(renderInFakeTerminal("naive", 16)).toMatch(CLEAR_SCREEN);
  });

  it("streams a reply many screens long into a 16-row terminal without a clear-screen sequence", () => {
    const output = renderInFakeTerminal("chat", 16);
    expect(output).toContain("point 7 of section 5");
    expect(output.split("\n").length).toBeGreaterThan(10 * 16);
    expect(output).not.toMatch(CLEAR_SCREEN);
    // Some 400 frames: on a busy shared machine this takes well over the default 20 s.
  }, 90_000);
});
