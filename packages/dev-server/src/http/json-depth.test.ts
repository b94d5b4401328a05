import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import { connect } from "../store/sqlite-connection.js";
import {
  type ApiClient,
  apiClient,
  createSession,
  startTestServer,
} from "../test-support/test-server.js";
import { assertValueDepth, MAX_JSON_DEPTH } from "./json-depth.js";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

let server: DevServer;
let api: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

describe("JSON nesting depth", () => {
  it.each([MAX_JSON_DEPTH + 1, 1_000, 5_000, 100_000])(
    "refuses a body nested %i deep with 400 json_too_deep, at parse time",
    async (depth) => {
      const response = await api.post("/v1/sessions", `{"hints":{"x":${nested(depth)}}}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.json.code).toBe("json_too_deep");
      expect(response.json.detail).toContain(String(MAX_JSON_DEPTH));
    },
  );

  it("takes nesting up to the limit, and brackets inside strings do not count", async () => {
    // The object wrapper and "hints" take two levels.
    const ok = await api.post("/v1/sessions", `{"hints":{"x":${nested(MAX_JSON_DEPTH - 2)}}}`);
    expect(ok.status).toBe(201);
    const text = await api.post("/v1/sessions", { title: "[".repeat(10_000) });
    expect(text.status).toBe(201);
  });

  it("refuses agent tool parameters nested too deep", async () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 1_000; i++) schema = { type: "object", properties: { a: schema } };
    const response = await api.post("/v1/agents", {
      name: "deep-tools",
      system_prompt: "x",
      tools: [{ type: "client_side", name: "deep", parameters: schema }],
    });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe("json_too_deep");
  });

  it("checks parsed values without recursion", () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = [value];
    expect(() => assertValueDepth(value)).toThrow(/at most 64/);
    expect(() => assertValueDepth({ a: [{ b: 1 }] })).not.toThrow();
  });
});

describe("a deep document already stored (written by an older version)", () => {
  it("does not turn searches and harness reads into 500s", async () => {
    const folder = mkdtempSync(join(tmpdir(), "everruns-depth-"));
    const db = join(folder, "dev.sqlite");
    const first = await startTestServer({ db });
    const id = await createSession(apiClient(first), { title: "poisoned" });
    await first.close();
    const raw = connect(db);
    const row = raw
      .prepare<[string], { doc: string }>("SELECT doc FROM sessions WHERE id = ?")
      .get(id);
    const doc = row?.doc ?? "";
    const poisoned = `${doc.slice(0, -1)},"hints":{"x":${nested(1_100)}}}`;
    raw.prepare("UPDATE sessions SET doc = ? WHERE id = ?").run(poisoned, id);
    raw.close();
    const second = await startTestServer({ db });
    try {
      const client = apiClient(second);
      expect((await client.get("/v1/sessions?search=poison")).status).toBe(200);
      expect((await client.get("/v1/harnesses")).status).toBe(200);
      expect((await client.get("/v1/harnesses/generic")).status).toBe(200);
    } finally {
      await second.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
