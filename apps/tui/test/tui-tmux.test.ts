import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Everruns } from "@everruns/core";
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

let dataHome = "";

function command(args: string[], exitFile: string): string {
  // The embedded dev server keeps its database under XDG_DATA_HOME: never the user's own.
  const env = Object.entries(cleanEnv({ TERM: "xterm-256color", XDG_DATA_HOME: dataHome }))
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
    dataHome = join(dir, "data");
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

  it("keeps a session across a restart of the app: the exit line, --continue and --resume <short id>", async () => {
    const first = new TmuxTerminal("persist-1");
    const firstExit = join(dir, "persist-1.exit");
    let sessionId = "";
    try {
      first.start(command([], firstExit), { columns: 100, rows: 30 });
      await first.waitFor((s) => s.includes("stream live"), "the chat");
      first.type("remember the blue whale");
      first.press("Enter");
      await first.waitFor((s) => s.includes("last turn completed"), "the answer");
      first.press("C-d");
      const screen = await first.waitFor(
        (s) => s.includes("Resume this session with:"),
        "the resume command",
      );
      sessionId = /--resume (session_[0-9a-f]{32})/.exec(screen)?.[1] ?? "";
      expect(sessionId).not.toBe("");
    } finally {
      first.kill();
    }
    const second = new TmuxTerminal("persist-2");
    try {
      second.start(command(["--continue"], join(dir, "persist-2.exit")), {
        columns: 100,
        rows: 30,
      });
      const screen = await second.waitFor(
        (s) => s.includes('You asked: "remember the blue whale"'),
        "the replayed history",
      );
      expect(screen).toContain(`Resumed session ${sessionId.slice(-8)}`);
      // Inputs of the earlier run are there for Up.
      second.press("Up");
      await second.waitFor((s) => s.includes("> remember the blue whale"), "the recalled input");
    } finally {
      second.kill();
    }
    const third = new TmuxTerminal("persist-3");
    try {
      third.start(command(["--resume", sessionId.slice(-8)], join(dir, "persist-3.exit")), {
        columns: 100,
        rows: 30,
      });
      await third.waitFor((s) => s.includes("› remember the blue whale"), "the resumed session");
      third.type("/session");
      third.press("Enter");
      await third.waitFor((s) => s.includes(`Session ${sessionId}`), "the full session id");
    } finally {
      third.kill();
    }
  }, 60_000);

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

    it("queues a message typed during a turn and sends it when the turn ends", async () => {
      const term = new TmuxTerminal("queue");
      try {
        term.start(command(["--url", server.url, "--key", "dev"], join(dir, "queue.exit")), {
          columns: 100,
          rows: 30,
        });
        await term.waitFor((s) => s.includes("stream live"), "the chat");
        term.type("first [simulate:slow]");
        term.press("Enter");
        await term.waitFor((s) => s.includes("✦"), "the slow reply to start");
        term.type("second in line");
        term.press("Enter");
        await term.waitFor((s) => s.includes("queued › second in line"), "the queued message");
        const screen = await term.waitFor(
          (s) => s.includes('You asked: "second in line"'),
          "the queued message's answer",
          30_000,
        );
        expect(screen).not.toContain("queued ›");
      } finally {
        term.kill();
      }
    }, 45_000);

    it("handles keys sent in one burst, in order: /th then Tab, Down then Enter", async () => {
      const term = new TmuxTerminal("burst");
      try {
        term.start(command(["--url", server.url, "--key", "dev"], join(dir, "burst.exit")), {
          columns: 100,
          rows: 30,
        });
        await term.waitFor((s) => s.includes("stream live"), "the chat");
        const current = /session ([0-9a-f]{8})/.exec(term.screen())?.[1];
        term.press("/", "t", "h", "Tab");
        await term.waitFor((s) => /> \/thinking/.test(s), "the completed command");
        term.press("C-u");
        term.type("/sessions");
        term.press("Enter");
        const picker = await term.waitFor((s) => s.includes("search:"), "the session picker");
        // The second row is a different session than the first (the current one is first).
        const rows = picker
          .split("\n")
          .filter((line) => /session [0-9a-f]{8}|[0-9a-f]{8}/.test(line));
        expect(rows.length).toBeGreaterThan(1);
        term.press("Down", "Enter");
        const screen = await term.waitFor((s) => s.includes("Resumed session"), "the resume");
        expect(screen).not.toContain(`Resumed session ${current}`);
      } finally {
        term.kill();
      }
    });

    it("fits a 60-column terminal: footer hints that fit, no wrapped row starting with a space", async () => {
      const term = new TmuxTerminal("narrow");
      try {
        term.start(command(["--url", server.url, "--key", "dev"], join(dir, "narrow.exit")), {
          columns: 60,
          rows: 20,
        });
        await term.waitFor((s) => s.includes("live"), "the chat");
        term.type("please answer at length so that the lines wrap [simulate:think]");
        term.press("Enter");
        const screen = await term.waitFor((s) => s.includes("completed ·"), "the answer", 30_000);
        const lines = screen.split("\n");
        const footer = lines.filter((line) => line.trim() !== "").slice(-2);
        // Both footer lines fit: nothing is cut with an ellipsis, hints included.
        for (const line of footer) {
          expect(line.length).toBeLessThanOrEqual(60);
          expect(line).not.toMatch(/…$/);
        }
        expect(footer[1]).toMatch(/│ (Enter send|\/help)/);
        // Reply rows sit under the 2-column gutter; a wrapped row never starts with a space
        // more than its line's indent (the stray space Ink leaves at a break).
        const reply = lines.filter((line) => /^ {2}\S/.test(line) || /^ {3}[^ *]/.test(line));
        expect(reply.some((line) => /^ {3}[^ *]/.test(line))).toBe(false);
        expect(screen).not.toMatch(/\n for commands/);
      } finally {
        term.kill();
      }
    }, 45_000);

    it("lists the file the agent wrote with /files, and shows it, in a 60-column terminal", async () => {
      const term = new TmuxTerminal("files");
      try {
        term.start(command(["--url", server.url, "--key", "dev"], join(dir, "files.exit")), {
          columns: 60,
          rows: 30,
        });
        await term.waitFor((s) => s.includes("live"), "the chat");
        term.type("write the report [simulate:write=reports/quarterly-summary.md]");
        term.press("Enter");
        await term.waitFor(
          (s) => s.includes("+ created /reports/quarterly-summary.md") && s.includes("completed ·"),
          "the file card",
        );
        term.type("/files");
        term.press("Enter");
        const listing = await term.waitFor(
          (s) => s.includes("▤ Workspace / · 1 file"),
          "the workspace listing",
        );
        const lines = listing.split("\n");
        expect(lines).toContain("  reports/");
        const row = lines.find((line) => line.startsWith("    quarterly-summary.md")) ?? "";
        // The size sits in the last columns of the 60-column row.
        expect(row).toMatch(/^ {4}quarterly-summary\.md +\d+ B$/);
        expect(row.length).toBe(60);
        term.type("/files reports/quarterly-summary.md");
        term.press("Enter");
        const file = await term.waitFor(
          (s) => s.includes("▤ /reports/quarterly-summary.md ·"),
          "the file's content",
        );
        expect(file).toMatch(/ {2}│ #/);
        for (const line of file.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
      } finally {
        term.kill();
      }
    }, 45_000);

    it("creates an agent with /agents new (name, prompt, model, capability) and chats with it", async () => {
      const term = new TmuxTerminal("agent-form");
      try {
        term.start(command(["--url", server.url, "--key", "dev"], join(dir, "agent-form.exit")), {
          columns: 60,
          rows: 24,
        });
        await term.waitFor((s) => s.includes("live"), "the chat");
        term.type("/agents new");
        term.press("Enter");
        await term.waitFor((s) => s.includes("New agent · step 1 of 4"), "the form");
        term.type("Tui Pirate");
        await term.waitFor((s) => s.includes("> tui-pirate"), "the name as a slug");
        term.press("Enter");
        term.type("Talk like a pirate.");
        term.press("Enter");
        const models = await term.waitFor((s) => s.includes("step 3 of 4"), "the model step");
        expect(models).toContain("❯ (•) server default");
        // The server's models follow the default: pick the first of them.
        term.press("Down", "Enter");
        const capabilities = await term.waitFor(
          (s) => s.includes("step 4 of 4") && s.includes("[ ] Current time"),
          "the capability step",
        );
        expect(capabilities).toMatch(/model {2}Simulated/);
        term.press("Space");
        await term.waitFor((s) => s.includes("[x] Current time"), "the checked capability");
        term.press("Enter");
        await term.waitFor(
          (s) => s.includes("Created agent tui-pirate") && !s.includes("New agent"),
          "the new agent's session",
        );
        term.type("what time is it");
        term.press("Enter");
        const screen = await term.waitFor(
          (s) => s.includes("completed ·") && s.includes("current_time tool answered"),
          "the answer",
          30_000,
        );
        expect(screen).toContain("✔ Current time");
        expect(screen).toContain('"Talk like a pirate."');
        const client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
        const [agent] = (await client.agents.list({ search: "tui-pirate" })).data;
        const full = await client.agents.get(agent?.id as string);
        expect(full.default_model_id).toMatch(/./);
        expect(full.capabilities?.map((c) => c.ref)).toEqual(["current_time"]);
      } finally {
        term.kill();
      }
    }, 45_000);

    it("asks before a local tool runs (--local-tools), and shows its result", async () => {
      const term = new TmuxTerminal("tools");
      try {
        term.start(
          command(["--url", server.url, "--key", "dev", "--local-tools"], join(dir, "tools.exit")),
          { columns: 100, rows: 30 },
        );
        await term.waitFor((s) => s.includes("stream live"), "the chat");
        term.type("please use list_directory");
        term.press("Enter");
        const prompt = await term.waitFor(
          (s) => s.includes("Run list_directory on this machine?"),
          "the approval prompt",
        );
        expect(prompt).toContain("y yes · n no · a always for this session");
        term.press("y");
        // The footer can say "completed" a frame before the reply's last rows are drawn, and the
        // listing wraps wherever the folder's entries put it: read the screen unwrapped.
        const unwrapped = (s: string) => s.replace(/\s*\n\s*/g, "");
        const screen = await term.waitFor(
          (s) => s.includes("last turn completed") && unwrapped(s).includes("package.json"),
          "the answer with the tool result",
        );
        // The app runs in apps/tui: the listing the tool returned reaches the reply.
        expect(unwrapped(screen)).toContain("package.json");
        expect(screen).not.toContain("Run list_directory on this machine?");
      } finally {
        term.kill();
      }
    }, 45_000);

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
