import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, BIN, cleanEnv } from "./cli-process.js";
import { hasTmux, TmuxTerminal } from "./tmux.js";

const tmux = hasTmux();
// In CI (CI set) a terminal test that cannot run is a failure, never a skip that reads as
// green; on a laptop without tmux it is skipped with this message.
const runHere = tmux || Boolean(process.env.CI);
if (!runHere) {
  console.warn(
    "Skipping the terminal end-to-end tests: tmux is not installed (apt-get install tmux).",
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are the point
const CLEAR_SCREEN = /\x1b\[2J|\x1b\[3J|\x1bc/;

function command(args: string[], exitFile: string): string {
  const env = Object.entries(cleanEnv({ TERM: "xterm-256color" }))
    .filter(([name]) => /^[A-Z_][A-Z0-9_]*$/i.test(name))
    .map(([name, value]) => `${name}='${String(value).replace(/'/g, "'\\''")}'`)
    .join(" ");
  const quoted = args.map((arg) => `'${arg}'`).join(" ");
  // After the app ends, record its exit code and keep the pane open for inspection.
  return `env -i ${env} '${process.execPath}' '${BIN}' ${quoted}; echo $? > '${exitFile}'; stty -a > '${exitFile}.stty'; sleep 30`;
}

describe.runIf(runHere)("everruns-tui in a real terminal (tmux)", () => {
  let dir: string;
  beforeAll(() => {
    if (!tmux) throw new Error("CI is set but tmux is not installed: apt-get install tmux");
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), "everruns-tui-e2e-"));
  });
  afterAll(() => {
    if (!process.env.KEEP_E2E) rmSync(dir, { recursive: true, force: true });
  });

  it("starts on the embedded dev server, streams an answer, and quits with the terminal restored", async () => {
    const term = new TmuxTerminal("embedded");
    const exitFile = join(dir, "embedded.exit");
    try {
      term.start(command([], exitFile), { columns: 100, rows: 30 });
      await term.waitFor(
        (s) => s.includes("local dev server") && s.includes("stream live"),
        "the chat",
      );
      term.type("hello from tmux");
      term.press("Enter");
      const screen = await term.waitFor((s) => s.includes("last turn completed"), "the answer");
      expect(screen).toContain("› hello from tmux");
      expect(screen).toContain('You asked: "hello from tmux"');
      term.press("C-d");
      await term.waitFor(() => exists(exitFile), "the app to exit");
      expect(readFileSync(exitFile, "utf8").trim()).toBe("0");
      // Raw mode is off again: the terminal echoes and works line by line.
      const stty = readFileSync(`${exitFile}.stty`, "utf8");
      expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
      expect(stty).toMatch(/(^|\s)echo(\s|$)/);
    } finally {
      term.kill();
    }
  });

  describe("against a dev server", () => {
    let server: DevServer;
    beforeAll(async () => {
      server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 2 });
    });
    afterAll(() => server?.close());

    it("cancels a slow turn with Esc, and quits with Ctrl+C twice", async () => {
      const term = new TmuxTerminal("cancel");
      const exitFile = join(dir, "cancel.exit");
      try {
        term.start(command(["--url", server.url, "--key", "dev"], exitFile), {
          columns: 100,
          rows: 30,
        });
        await term.waitFor((s) => s.includes("stream live"), "the chat");
        expect(term.screen()).toContain(new URL(server.url).host);
        term.type("count slowly [simulate:slow]");
        term.press("Enter");
        await term.waitFor(
          (s) => s.includes("running") && s.includes("✦"),
          "the slow reply to start",
        );
        term.press("Escape");
        const screen = await term.waitFor((s) => s.includes("last turn cancelled"), "the cancel");
        expect(screen).toContain("Turn cancelled.");
        term.press("C-c");
        await term.waitFor((s) => s.includes("Press Ctrl+C again to exit."), "the exit warning");
        term.press("C-c");
        await term.waitFor(() => exists(exitFile), "the app to exit");
        expect(readFileSync(exitFile, "utf8").trim()).toBe("0");
      } finally {
        term.kill();
      }
    });

    it("streams a reply several screens long without ever clearing the screen", async () => {
      const term = new TmuxTerminal("flicker");
      const exitFile = join(dir, "flicker.exit");
      const rawLog = join(dir, "flicker.raw");
      try {
        // 16 rows: one paragraph of the long reply is taller than the room for the live tail,
        // so the height cap (not only the split at blank lines) must do its job.
        term.start(command(["--url", server.url, "--key", "dev"], exitFile), {
          columns: 100,
          rows: 16,
          rawLog,
        });
        await term.waitFor((s) => s.includes("stream live"), "the chat");
        term.type("tell me everything [simulate:long]");
        term.press("Enter");
        await term.waitFor((s) => s.includes("last turn completed"), "the long reply", 40_000);
        const raw = readFileSync(rawLog, "latin1");
        // The reply really was several screens long, and was written out.
        expect(raw).toContain("About turns");
        expect(raw.split("\n").length).toBeGreaterThan(3 * 16);
        expect(raw).not.toMatch(CLEAR_SCREEN);
      } finally {
        term.kill();
      }
    }, 60_000);
  });
});

function exists(file: string): boolean {
  try {
    return readFileSync(file, "utf8").trim() !== "";
  } catch {
    return false;
  }
}
