import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium, which CI installs (`apt-get install chromium`). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** True when the browser can be launched here. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** A headless Chromium with its own throw-away profile. */
export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches the system Chromium headless with a fresh user data directory, and without the
 * background traffic (updates, sync, QUIC probes) that would make a test slow or flaky.
 */
export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = await mkdtemp(join(tmpdir(), "everruns-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Whether this file's Chromium tests run here. CI installs Chromium, so there they always run
 * (and {@link requireChromium} fails them if it is missing); on a machine without it they are
 * skipped with a warning naming `what`, rather than failing everything else.
 */
export function chromiumTestsRun(what: string): boolean {
  const run = chromiumAvailable() || Boolean(process.env.CI);
  if (!run) {
    console.warn(`${what} skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  }
  return run;
}

/** Throws when Chromium is missing: in CI a browser test that cannot run is a failure. */
export function requireChromium(): void {
  if (!chromiumAvailable()) {
    throw new Error(
      `CI is set but there is no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package`,
    );
  }
}
