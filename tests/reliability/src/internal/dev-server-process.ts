import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
/** The dev server's command, as built in its package. */
export const DEV_SERVER_CLI = join(
  dirname(require.resolve("@everruns/dev-server/package.json")),
  "dist",
  "cli.js",
);

/** A dev server running as a child process. */
export interface DevServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

/**
 * Starts `everruns-dev-server` with `args` and resolves once it printed its URL. Its stdout
 * and stderr go to `onOutput` (the CLI's request log is on stderr).
 */
export function spawnDevServer(
  args: readonly string[],
  onOutput: (stream: "stdout" | "stderr", text: string) => void,
): Promise<DevServerProcess> {
  const child = spawn(process.execPath, [DEV_SERVER_CLI, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the dev server did not start: ${stdout}`));
    }, 15_000);
    child.stderr?.setEncoding("utf8").on("data", (text: string) => onOutput("stderr", text));
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      onOutput("stdout", text);
      stdout += text;
      const match = /listening on (http:\/\/[^\s]+:(\d+))/.exec(stdout);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolve({ url: match[1], port: Number(match[2]), child, exited });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the dev server exited with ${code}: ${stdout}`));
    });
  });
}
