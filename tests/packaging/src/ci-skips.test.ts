import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("tests that need a tool the machine may lack (Chromium, tmux)", () => {
  it("are never cached by turbo, so a skip cannot be replayed as green", () => {
    const turbo = JSON.parse(readFileSync(join(root, "turbo.json"), "utf8")) as {
      tasks: Record<string, { cache?: boolean }>;
    };
    expect(turbo.tasks["@everruns/browser-tests#test"]?.cache).toBe(false);
    expect(turbo.tasks["@everruns/tui#test"]?.cache).toBe(false);
  });

  it("fail in CI when tmux is missing instead of skipping, without touching the TUI's own report", () => {
    const tuiReport = join(root, "apps/tui/.test-results/vitest.json");
    const before = existsSync(tuiReport) ? readFileSync(tuiReport, "utf8") : undefined;
    // A PATH without tmux; vitest itself runs from node_modules with this node.
    const emptyBin = mkdtempSync(join(tmpdir(), "everruns-no-tmux-"));
    try {
      // Its JSON report goes to the temporary folder: in apps/tui/.test-results it would replace
      // the report of the TUI's own run, which CI's totals read (and which this run, failing on
      // purpose, would turn red).
      const run = spawnSync(
        process.execPath,
        [
          join(root, "node_modules/vitest/vitest.mjs"),
          "run",
          "test/tui-tmux.test.ts",
          `--outputFile.json=${join(emptyBin, "vitest.json")}`,
        ],
        {
          cwd: join(root, "apps/tui"),
          env: { ...process.env, CI: "true", PATH: emptyBin },
          encoding: "utf8",
          timeout: 120_000,
        },
      );
      expect(run.status).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain("tmux is not installed");
      expect(readFileSync(join(emptyBin, "vitest.json"), "utf8")).toContain("tui-tmux.test.ts");
    } finally {
      rmSync(emptyBin, { recursive: true, force: true });
    }
    expect(existsSync(tuiReport) ? readFileSync(tuiReport, "utf8") : undefined).toBe(before);
  }, 150_000);
});
