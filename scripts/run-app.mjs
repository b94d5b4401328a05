#!/usr/bin/env node
// Builds a workspace package and what it depends on, quietly (turbo's output is shown only
// when the build fails), then runs the package's bin with the remaining arguments, with the
// terminal attached. Used by `pnpm quickstart`, `pnpm tui` and `pnpm dev-server`.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [pkgName, entry, ...args] = process.argv.slice(2);
if (!pkgName || !entry) {
  console.error("usage: run-app.mjs <package name> <entry file relative to the package> [args...]");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const build = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "build", `--filter=${pkgName}...`, "--output-logs=errors-only"],
  { cwd: root, encoding: "utf8" },
);
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  console.error(`\nBuilding ${pkgName} failed.`);
  process.exit(build.status ?? 1);
}
const dir = {
  "@everruns/quickstart": "apps/quickstart",
  "@everruns/tui": "apps/tui",
  "@everruns/dev-server": "packages/dev-server",
}[pkgName];
if (!dir) {
  console.error(`unknown app ${pkgName}`);
  process.exit(2);
}
// Drop the "--" pnpm may pass through before the app's own flags.
const appArgs = args[0] === "--" ? args.slice(1) : args;
const child = spawn(process.execPath, [`${dir}/${entry}`, ...appArgs], {
  cwd: root,
  stdio: "inherit",
});
// Whoever stops this process by its pid (a terminal closing sends SIGHUP, a supervisor
// SIGTERM) means the app: pass the signal on, then end as the app ended, so that no server is
// left running orphaned.
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"];
for (const signal of FORWARDED) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("exit", (code, signal) => {
  if (signal) {
    // End by the same signal, so the caller sees how the app ended (exit status 128 + n).
    for (const name of FORWARDED) process.removeAllListeners(name);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 0);
});
