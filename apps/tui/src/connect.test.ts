import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "./connect.js";

let server: DevServer;
let dataHome: string;
beforeAll(async () => {
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
  dataHome = mkdtempSync(join(tmpdir(), "everruns-tui-connect-"));
});
afterAll(async () => {
  await server?.close();
  rmSync(dataHome, { recursive: true, force: true });
});

describe("connect", () => {
  it("starts the embedded dev server in memory with --ephemeral", async () => {
    const connection = await connect(
      { ephemeral: true },
      { EVERRUNS_API_URL: "", EVERRUNS_API_KEY: " ", XDG_DATA_HOME: dataHome },
    );
    try {
      expect(connection.server).toEqual({
        label: "local dev server",
        local: true,
        ephemeral: true,
      });
      expect((await connection.client.agents.list()).data).toEqual([]);
    } finally {
      await connection.close();
    }
    expect(existsSync(join(dataHome, "everruns-tui"))).toBe(false);
  });

  it("keeps the embedded dev server's data in the data directory across runs", async () => {
    const env = { XDG_DATA_HOME: dataHome };
    const first = await connect({}, env);
    const file = join(dataHome, "everruns-tui", "dev-server.sqlite");
    expect(first.server).toEqual({ label: "local dev server", local: true, dataFile: file });
    const agent = await first.client.agents.create({ name: "kept", system_prompt: "x" });
    await first.close();
    expect(existsSync(file)).toBe(true);
    const second = await connect({}, env);
    try {
      expect((await second.client.agents.get(agent.id)).name).toBe("kept");
    } finally {
      await second.close();
    }
  });

  it("uses the environment, and flags over the environment", async () => {
    const fromEnv = await connect({}, { EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" });
    expect(fromEnv.server).toEqual({
      label: new URL(server.url).host,
      local: false,
      url: server.url,
    });
    const fromFlags = await connect(
      { url: server.url, org: "org_1" },
      { EVERRUNS_API_URL: "http://elsewhere:1", EVERRUNS_ORG_ID: "org_env" },
    );
    expect(fromFlags.client.baseUrl).toBe(server.url);
    expect(fromFlags.client.orgId).toBe("org_1");
  });
});
