import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const CLI = join(dirname(require.resolve("@everruns/dev-server/package.json")), "dist/cli.js");

/** The dev server CLI in its own process. */
export interface DevServerChild {
  url: string;
  child: ChildProcess;
  /** Peak resident memory of the process so far, in MB (Linux `VmHWM`), if known. */
  peakRssMb(): number | undefined;
  /** CPU time (user + system) of the process so far, in ms (Linux `/proc`), if known. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/** Starts `everruns-dev-server` with `args` (quiet) and resolves with its URL. */
export function spawnDevServer(args: string[]): Promise<DevServerChild> {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      out += text;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      child.stdout?.removeAllListeners("data");
      child.stdout?.resume();
      resolve({
        url,
        child,
        peakRssMb() {
          try {
            const kb = /VmHWM:\s+(\d+) kB/.exec(
              readFileSync(`/proc/${child.pid}/status`, "utf8"),
            )?.[1];
            return kb ? Number(kb) / 1024 : undefined;
          } catch {
            return undefined;
          }
        },
        cpuMs() {
          try {
            const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8")
              .split(") ")[1]
              ?.split(" ");
            // utime and stime, in clock ticks (100 per second on Linux).
            return (Number(fields?.[11]) + Number(fields?.[12])) * 10;
          } catch {
            return undefined;
          }
        },
        async stop() {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code) => reject(new Error(`dev server exited with ${code}: ${out}`)));
  });
}
