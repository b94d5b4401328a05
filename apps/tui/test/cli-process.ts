import { existsSync } from "node:fs";
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

/** The environment without Everruns settings or CI markers, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    // Ink draws nothing live when it believes it runs in CI.
    if (name.startsWith("EVERRUNS_") || name === "CI" || name.startsWith("CI_")) delete env[name];
  }
  delete env.CONTINUOUS_INTEGRATION;
  delete env.NO_COLOR;
  return { ...env, ...extra };
}
