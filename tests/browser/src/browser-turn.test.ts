import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Everruns } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { RELAY_CONTENT_TYPES, startTurn } from "@everruns/streaming";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chromiumTestsRun,
  type HeadlessChromium,
  launchChromium,
  requireChromium,
} from "./internal/chromium.js";
import { type RouteHandler, type StaticServer, serveStatic } from "./internal/static-server.js";
import type { RelayedTurnReport } from "./page/read-relayed-turn.js";
import type { BrowserStorageReport } from "./page/run-storage.js";
import type { BrowserTurnReport } from "./page/run-turn.js";

const pageSource = fileURLToPath(new URL("./page/", import.meta.url));
const runHere = chromiumTestsRun("browser test");

let outDir: string;
let site: StaticServer;
let server: DevServer;
let browser: HeadlessChromium;

describe.runIf(runHere)(
  "@everruns/core and @everruns/streaming bundled by Vite, in headless Chromium",
  () => {
    beforeAll(async () => {
      requireChromium();
      outDir = await mkdtemp(join(tmpdir(), "everruns-browser-page-"));
      await build({
        root: pageSource,
        configFile: false,
        logLevel: "error",
        build: { outDir, emptyOutDir: true, target: "es2022", sourcemap: false },
      });
      site = await serveStatic(outDir, { "/relay/turn": relayTurn });
      server = await startDevServer({
        port: 0,
        db: ":memory:",
        simDelayMs: 0,
        cors: [site.origin],
      });
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await site?.close();
      if (outDir) await rm(outDir, { recursive: true, force: true });
    });

    it("bundles both packages for the browser, with nothing from Node", async () => {
      const assets = await readdir(join(outDir, "assets"));
      const code = (
        await Promise.all(
          assets
            .filter((file) => file.endsWith(".js"))
            .map((file) => readFile(join(outDir, "assets", file), "utf8")),
        )
      ).join("\n");
      expect(code).toContain("text/event-stream");
      expect(code).not.toMatch(/from\s*["']node:|__vite-browser-external/);
    });

    it("creates an agent and a session and streams a turn to completion from the page", async () => {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      await page.goto(`${site.origin}/`);
      await page.waitForFunction(() => document.title === "ready");

      const report: BrowserTurnReport = await page.evaluate(
        ([baseUrl, question]) => window.runTurn(baseUrl, question),
        [server.url, "Can a browser tab follow a turn?"] as const,
      );

      expect(report.status).toBe("completed");
      expect(report.text).toContain('You asked: "Can a browser tab follow a turn?"');
      expect(report.streamed).toBe(report.text);
      expect(report.deltaCount).toBeGreaterThan(1);
      // Headers the SDK reads are visible to the page only because the dev server exposes them.
      expect(Number(report.totalCountHeader)).toBeGreaterThan(0);
      expect(report.listedTotal).toBe(Number(report.totalCountHeader));
      expect(report.missingSession).toEqual({
        name: "NotFoundError",
        status: 404,
        code: expect.any(String),
      });
      // The 404 above logs a console error in Chromium; anything else is a problem.
      expect(problems.filter((problem) => !problem.includes("404"))).toEqual([]);
      await page.close();
    });

    it("reads a turn that the page's own server relays with toReadableStream", async () => {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      await page.goto(`${site.origin}/`);
      await page.waitForFunction(() => document.title === "ready");

      const report: RelayedTurnReport = await page.evaluate(
        (question) => window.readRelayedTurn(question),
        "Relayed to a tab?",
      );

      expect(report.status).toBe(200);
      expect(report.contentType).toBe(RELAY_CONTENT_TYPES.sse);
      expect(report.types[0]).toBe("input.message");
      expect(report.types.at(-1)).toBe("turn.completed");
      expect(report.types).toContain("output.message.delta");
      expect(report.text).toContain('You asked: "Relayed to a tab?"');
      expect(report.ids.every((id) => /^event_[0-9a-f]{32}$/.test(id))).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("uploads an image from a File and downloads a workspace file from the page", async () => {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      await page.goto(`${site.origin}/`);
      await page.waitForFunction(() => document.title === "ready");
      // A 1x1 PNG.
      const png = [
        ...Buffer.from(
          "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
          "base64",
        ),
      ];
      const report: BrowserStorageReport = await page.evaluate(
        ([baseUrl, bytes]) => window.runStorage(baseUrl, bytes),
        [server.url, png] as const,
      );
      expect(report.upload).toEqual({
        filename: "from-browser.png",
        content_type: "image/png",
        size_bytes: png.length,
      });
      expect(report.imageIdentical).toBe(true);
      expect(report.imageType).toBe("image/png");
      expect(report.fileIdentical).toBe(true);
      expect(report.fileType).toBe("application/octet-stream");
      expect(report.text).toBe("héllo from a tab");
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);

/**
 * The page's server-side route: it holds the key, starts the turn, and relays its events as
 * SSE bytes, the way the streaming README shows.
 */
const relayTurn: RouteHandler = async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
  const agent = await client.agents.create({ name: "relay-agent", system_prompt: "Be brief." });
  const session = await client.sessions.create({ agent_id: agent.id });
  const turn = await startTurn(client, session.id, Buffer.concat(chunks).toString("utf8"));
  response.writeHead(200, { "content-type": RELAY_CONTENT_TYPES.sse });
  Readable.fromWeb(turn.toReadableStream() as never).pipe(response);
};
