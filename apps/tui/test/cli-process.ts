import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The committed bin script, which runs the built `dist/cli.js`. */
export const BIN = fileURLToPath(new URL("../bin/everruns-tui.js", import.meta.url));

/** Fails with a clear message when the app was not built (the tests run the real CLI). */
export function assertBuilt(): void {
  const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
  if (!existsSync(cli)) {
    throw new Error(`${cli} is missing: run \`pnpm --filter @everruns/tui build\` first`);
  }
}

let dataHome: string | undefined;

/**
 * The environment without Everruns settings or CI markers, plus `extra`. `XDG_DATA_HOME`
 * points to a temporary folder (one per test process), so that the embedded dev server
 * never writes into the user's own data directory.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  if (dataHome === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "everruns-tui-data-"));
    dataHome = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    // Ink draws nothing live when it believes it runs in CI.
    if (name.startsWith("EVERRUNS_") || name === "CI" || name.startsWith("CI_")) delete env[name];
  }
  delete env.CONTINUOUS_INTEGRATION;
  delete env.NO_COLOR;
  return { ...env, XDG_DATA_HOME: dataHome, ...extra };
}
