import { execFileSync, spawnSync } from "node:child_process";

/** True when a `tmux` binary is on the PATH. */
export function hasTmux(): boolean {
  return spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;
}

/**
 * One tmux server on a private socket (so a developer's own tmux is never touched) with
 * one window of a fixed size running `command`.
 */
export class TmuxTerminal {
  readonly #socket: string;
  readonly #target = "tui";

  constructor(name: string) {
    this.#socket = `everruns-tui-${name}-${process.pid}`;
  }

  start(command: string, options: { columns: number; rows: number; rawLog?: string }): void {
    this.#tmux([
      "new-session",
      "-d",
      "-s",
      this.#target,
      "-x",
      String(options.columns),
      "-y",
      String(options.rows),
      command,
    ]);
    if (options.rawLog) {
      // Every byte the app writes, to look for clear-screen sequences.
      this.#tmux(["pipe-pane", "-o", "-t", this.#target, `cat >> '${options.rawLog}'`]);
    }
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    this.#tmux(["send-keys", "-t", this.#target, "-l", text]);
  }

  /** Presses keys by tmux name: `Enter`, `Escape`, `C-c`, `C-d`. */
  press(...keys: string[]): void {
    this.#tmux(["send-keys", "-t", this.#target, ...keys]);
  }

  /** The visible screen, as text. */
  screen(): string {
    return this.#tmux(["capture-pane", "-p", "-t", this.#target]);
  }

  /** Waits until `predicate` accepts the screen; fails with the last screen after `timeoutMs`. */
  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let screen = "";
    while (Date.now() < deadline) {
      screen = this.screen();
      if (predicate(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Timed out waiting for ${what}. Screen:\n${screen}`);
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.#socket, "kill-server"], { stdio: "ignore" });
  }

  #tmux(args: string[]): string {
    return execFileSync("tmux", ["-L", this.#socket, "-f", "/dev/null", ...args], {
      encoding: "utf8",
    });
  }
}
