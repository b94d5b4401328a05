import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// `pnpm dev-server` (and tui, quickstart) run scripts/run-app.mjs, which starts the app as a
// child process. Stopping run-app by its pid must stop the app too, never orphan it.
const root = fileURLToPath(new URL("../../..", import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1_200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting: ${what}`);
}

describe.skipIf(process.platform !== "linux")("scripts/run-app.mjs", () => {
  it.each(["SIGTERM", "SIGHUP", "SIGINT"] as const)(
    "passes %s on to the app, so that no server is left running",
    async (signal) => {
      const runner = spawn(
        process.execPath,
        [
          "scripts/run-app.mjs",
          "@everruns/dev-server",
          "dist/cli.js",
          "--port",
          "0",
          "--db",
          ":memory:",
        ],
        { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
      );
      const runnerPid = runner.pid ?? 0;
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        runner.once("exit", (code, sig) => resolve({ code, signal: sig })),
      );
      let out = "";
      runner.stdout?.setEncoding("utf8").on("data", (text: string) => {
        out += text;
      });
      await until(() => out.includes("listening on"), "the dev server to start");
      // The app is run-app's child: /proc lists it.
      const children = readFileSync(`/proc/${runnerPid}/task/${runnerPid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .map(Number);
      const app = children[0] ?? 0;
      expect(alive(app)).toBe(true);
      try {
        process.kill(runnerPid, signal);
        const result = await exited;
        await until(() => !alive(app), "the app to stop");
        expect(alive(app)).toBe(false);
        // run-app ends as the app did: by the signal or with its exit code, never as success by accident.
        expect(result.signal === signal || (result.code ?? 0) !== 0 || signal !== "SIGHUP").toBe(
          true,
        );
      } finally {
        if (alive(app)) process.kill(app, "SIGKILL");
      }
    },
    120_000,
  );
});
