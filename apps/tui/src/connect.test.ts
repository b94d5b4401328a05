import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "./connect.js";

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
});
afterAll(() => server?.close());

describe("connect", () => {
  it("starts the embedded dev server when neither a URL nor a key is set", async () => {
    const connection = await connect({}, { EVERRUNS_API_URL: "", EVERRUNS_API_KEY: " " });
    try {
      expect(connection.server).toEqual({ label: "local dev server", local: true });
      expect((await connection.client.agents.list()).data).toEqual([]);
    } finally {
      await connection.close();
    }
  });

  it("uses the environment, and flags over the environment", async () => {
    const fromEnv = await connect({}, { EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" });
    expect(fromEnv.server).toEqual({ label: new URL(server.url).host, local: false });
    const fromFlags = await connect(
      { url: server.url, org: "org_1" },
      { EVERRUNS_API_URL: "http://elsewhere:1", EVERRUNS_ORG_ID: "org_env" },
    );
    expect(fromFlags.client.baseUrl).toBe(server.url);
    expect(fromFlags.client.orgId).toBe("org_1");
  });
});
