import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { describeOutput, runCommand } from "./internal/run-command.js";
import { ownBin, ownFile } from "./internal/workspace.js";

/** One line of `size-limit --json`. */
interface SizeResult {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

describe("size budgets (.size-limit.json: minified with esbuild, then gzipped)", () => {
  it("every entry point stays within its budget", async () => {
    const result = await runCommand(ownBin("size-limit"), ["--json"], { cwd: ownFile(".") });
    const sizes = JSON.parse(result.stdout) as SizeResult[];
    const over = sizes
      .filter((entry) => !entry.passed)
      .map((entry) => `${entry.name}: ${entry.size} B > ${entry.sizeLimit} B`);
    expect(over).toEqual([]);
    expect(result.code, describeOutput(result)).toBe(0);
  });

  it("measures core, streaming, the two together, the tool runner and the relay, gzipped", async () => {
    const config = JSON.parse(await readFile(ownFile(".size-limit.json"), "utf8")) as {
      name: string;
      gzip?: boolean;
      limit?: string;
    }[];
    expect(config.map((entry) => entry.name)).toEqual([
      "@everruns/core",
      "@everruns/streaming (core not counted)",
      "@everruns/core + @everruns/streaming: Everruns and startTurn",
      "@everruns/core + @everruns/streaming: Everruns, defineTool and serveTools",
      "@everruns/streaming: toReadableStream and fromReadableStream (core not counted)",
    ]);
    // size-limit defaults to brotli; the README quotes min + gzip.
    expect(config.every((entry) => entry.gzip === true && entry.limit !== undefined)).toBe(true);
  });
});
