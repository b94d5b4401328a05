import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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

  it("fail in CI when tmux is missing instead of skipping", () => {
    // A PATH without tmux; vitest itself runs from node_modules with this node.
    const emptyBin = mkdtempSync(join(tmpdir(), "everruns-no-tmux-"));
    try {
      const run = spawnSync(
        process.execPath,
        [join(root, "node_modules/vitest/vitest.mjs"), "run", "test/tui-tmux.test.ts"],
        {
          cwd: join(root, "apps/tui"),
          env: { ...process.env, CI: "true", PATH: emptyBin },
          encoding: "utf8",
          timeout: 120_000,
        },
      );
      expect(run.status).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain("tmux is not installed");
    } finally {
      rmSync(emptyBin, { recursive: true, force: true });
    }
  }, 150_000);
});
