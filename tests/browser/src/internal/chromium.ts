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
