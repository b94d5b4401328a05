import { type ChildProcess, spawn } from "node:child_process";

// The ESM entry of tsx, as a file URL: `--import` registers its TypeScript loader.
const TSX = import.meta.resolve("tsx");

/** A helper process of a benchmark, and the first line it printed (its port, usually). */
export interface Child {
  process: ChildProcess;
  firstLine: string;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript file of this package in a separate Node process (through tsx), so the
 * server side of a benchmark does not share the client's CPU time or event loop.
 */
export function startChild(file: URL, args: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, ["--import", TSX, file.pathname, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      out += text;
      const newline = out.indexOf("\n");
      if (newline >= 0) {
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolve({
          process: child,
          firstLine: out.slice(0, newline),
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`${file.pathname} exited with ${code}`)));
  });
}
