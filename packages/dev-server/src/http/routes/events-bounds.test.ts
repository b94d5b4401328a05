import type { SessionEvent } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  createSession,
  sendMessage,
  startTestServer,
  waitForTurnEnds,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
  sessionId = await createSession(api);
  // Asks for far more than the cap allows.
  await sendMessage(api, sessionId, "[simulate:deltas=5000] amplify");
  await waitForTurnEnds(api, sessionId);
}, 60_000);
afterAll(() => server.close());

const page = async (query: string) =>
  (await api.get(`/v1/sessions/${sessionId}/events${query}`)).json.data as SessionEvent[];

describe("bounded event reads", () => {
  it("caps what [simulate:deltas=N] may produce at 1,000 deltas", async () => {
    // Sequences count every event of the session: the turn ends soon after its 1,000th delta.
    const [completed] = await page("?types=turn.completed");
    expect(completed?.sequence).toBeGreaterThan(1000);
    expect(completed?.sequence).toBeLessThan(1010);
  });

  it("answers at most 1,000 events without a limit, oldest first, and since_id continues", async () => {
    const first = await page("");
    expect(first).toHaveLength(1000);
    expect(first[0]?.sequence).toBe(1);
    const next = await page(`?since_id=${first.at(-1)?.id}`);
    expect(next[0]?.sequence).toBe(1001);
    expect(next.at(-1)?.type).toBe("turn.completed");
  });

  it("refuses a limit above 1,000 with 400 problem+json", async () => {
    const response = await api.get(`/v1/sessions/${sessionId}/events?limit=1001`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
