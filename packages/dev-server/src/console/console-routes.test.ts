import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import { startTestServer } from "../test-support/test-server.js";
import { CONSOLE_DIST_DIR } from "./console-assets.js";

let server: DevServer;
const logLines: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST_DIR, "index.html"))) {
    throw new Error(
      "dist/console-app is missing: run `pnpm --filter @everruns/dev-server build` first",
    );
  }
  server = await startTestServer({ apiKey: "console-key", log: (line) => logLines.push(line) });
});
afterAll(() => server.close());

const tokenOf = (consoleUrl: string) => new URL(consoleUrl).searchParams.get("token") ?? "";
const exchange = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/console/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(((await response.json()) as { code: string }).code).toBe(code);
}

describe("the dev console's page and files", () => {
  it("answers the page at / and /console without a key, with a strict content policy", async () => {
    for (const path of ["/", "/console", "/console/"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it("serves the built script and stylesheet the page names, as immutable files", async () => {
    const html = await (await fetch(`${server.url}/console`)).text();
    const files = [...html.matchAll(/\/console\/assets\/[\w.-]+/g)].map((match) => match[0]);
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    expect(files.some((file) => file.endsWith(".css"))).toBe(true);
    for (const file of files) {
      const response = await fetch(`${server.url}${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toContain("immutable");
      expect(response.headers.get("content-type")).toMatch(/^text\/(javascript|css)/);
    }
  });

  it("answers 404 for a missing file and for a name that tries to leave the folder", async () => {
    await expectProblem(
      await fetch(`${server.url}/console/assets/nope.js`),
      404,
      "route_not_found",
    );
    await expectProblem(
      await fetch(`${server.url}/console/assets/..%2F..%2Fpackage.json`),
      404,
      "route_not_found",
    );
    await expectProblem(
      await fetch(`${server.url}/console/assets/.hidden`),
      404,
      "route_not_found",
    );
  });

  it("keeps the API behind the key", async () => {
    await expectProblem(await fetch(`${server.url}/v1/agents`), 401, "unauthorized");
  });
});

describe("POST /console/session (the one-time token of the printed URL)", () => {
  it("prints a console URL with a long random token", () => {
    expect(server.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\?token=[\w-]{32}$/);
  });

  it("refuses a body that is not {token: string} with 400 invalid_body", async () => {
    await expectProblem(await exchange("not json"), 400, "invalid_body");
    await expectProblem(await exchange("{}"), 400, "invalid_body");
    await expectProblem(await exchange('{"token": 42}'), 400, "invalid_body");
    await expectProblem(await exchange('{"token": ""}'), 400, "invalid_body");
    await expectProblem(await exchange("null"), 400, "invalid_body");
  });

  it("refuses a body over 1 KiB with 413 payload_too_large", async () => {
    await expectProblem(
      await exchange(JSON.stringify({ token: "x".repeat(2000) })),
      413,
      "payload_too_large",
    );
  });

  it("refuses a wrong token with 401 invalid_console_token, and the right one still works", async () => {
    await expectProblem(
      await exchange(JSON.stringify({ token: "a".repeat(32) })),
      401,
      "invalid_console_token",
    );
    const token = tokenOf(server.consoleUrl);
    const response = await exchange(JSON.stringify({ token }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ api_key: "console-key" });
  });

  it("answers the key once: the token is spent after the first exchange", async () => {
    await expectProblem(
      await exchange(JSON.stringify({ token: tokenOf(server.consoleUrl) })),
      401,
      "invalid_console_token",
    );
  });

  it("never writes the token or the key to the request log", () => {
    expect(logLines.some((line) => line.includes("/console/session"))).toBe(true);
    const joined = logLines.join("\n");
    expect(joined).not.toContain(tokenOf(server.consoleUrl));
    expect(joined).not.toContain("console-key");
  });
});
