import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  createSession,
  startTestServer,
} from "../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
  sessionId = await createSession(api);
});
afterAll(() => server.close());

async function expect400(path: string) {
  const response = await api.get(path);
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.json.code).toBe("validation_failed");
}

describe("query numbers and dates", () => {
  it.each(["0x10", "1e2", "0b11", " 5", "5.0", "Infinity"])(
    "refuses limit=%s (only decimal digits are numbers)",
    async (value) => {
      await expect400(`/v1/sessions?limit=${encodeURIComponent(value)}`);
      await expect400(`/v1/sessions/${sessionId}/events?limit=${encodeURIComponent(value)}`);
    },
  );

  it("still takes plain decimal limits", async () => {
    expect((await api.get("/v1/sessions?limit=16")).status).toBe(200);
    expect((await api.get(`/v1/sessions/${sessionId}/events?limit=100`)).status).toBe(200);
  });

  it("refuses a leap-second from_ts or to_ts with 400, not 500", async () => {
    await expect400(`/v1/sessions/${sessionId}/events?from_ts=2016-12-31T23:59:60Z`);
    await expect400(`/v1/sessions/${sessionId}/events?to_ts=2016-12-31T23:59:60Z`);
    const fine = await api.get(`/v1/sessions/${sessionId}/events?from_ts=2016-12-31T23:59:59Z`);
    expect(fine.status).toBe(200);
  });
});
