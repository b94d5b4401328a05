import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Everruns } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type HeadlessChromium, launchChromium, requireChromium } from "./chromium.js";

/**
 * A dev server on a database file (so it can be restarted on the same port and data), and an
 * API client for the test's own calls.
 */
export class ConsoleFixture {
  server!: DevServer;
  client!: Everruns;
  #dir = "";

  /**
   * Registers, in the calling `describe`, a fresh server and a headless Chromium for its tests
   * (failing when Chromium is missing) and their shutdown. The browser is read once started.
   */
  useWithChromium(): { readonly browser: HeadlessChromium } {
    let browser: HeadlessChromium | undefined;
    beforeAll(async () => {
      requireChromium();
      await this.start();
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await this.stop();
    });
    return {
      get browser(): HeadlessChromium {
        if (!browser) throw new Error("Chromium is not started yet");
        return browser;
      },
    };
  }

  /** Starts a fresh server on port 0 with an empty database file. */
  async start(): Promise<void> {
    this.#dir = await mkdtemp(join(tmpdir(), "everruns-console-"));
    await this.#listen(0);
  }

  /** Stops the server and starts it again on the same port and database. */
  async restart(): Promise<void> {
    const port = this.server.port;
    await this.server.close();
    await this.#listen(port);
  }

  /** Stops the server and removes its database. */
  async stop(): Promise<void> {
    await this.server?.close();
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
  }

  async #listen(port: number): Promise<void> {
    this.server = await startDevServer({
      port,
      db: join(this.#dir, "console.sqlite"),
      simDelayMs: 0,
      // Every model chunk its own delta: the 10,000-event test counts on it.
      deltaIntervalMs: 0,
      apiKey: "console-test-key",
    });
    this.client = new Everruns({ baseUrl: this.server.url, apiKey: "console-test-key" });
  }
}

/** Opens the console in `page` and signs in by typing the API key. */
export async function signInWithKey(page: Page, baseUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${baseUrl}/console`);
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Agents" }).waitFor();
}

/** The number of events the session page says it received. */
export async function shownEventCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("event-count").textContent()) ?? "";
  return Number.parseInt(text, 10);
}

/** Collects page errors and console errors, to assert there were none. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.stack}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  return problems;
}
