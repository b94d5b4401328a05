import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  startTestServer,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

describe("model profile", () => {
  it("describes the simulated model's cost tiers, reasoning effort and modalities", async () => {
    const [model] = (await api.get("/v1/models")).json.data;
    assertMatchesSchema("Model", model);
    expect(model.profile.cost.cost_tiers).toEqual([{ above_tokens: 100_000, input: 0, output: 0 }]);
    expect(model.profile.reasoning_effort.default).toBe("medium");
    expect(model.profile.modalities).toEqual({ input: ["text"], output: ["text"] });
  });

  it("refuses a profile whose tiers or effort break the schema", () => {
    const broken = { above_tokens: "lots", input: 0, output: 0 };
    expect(() => assertMatchesSchema("CostTier", broken)).toThrow();
    expect(() =>
      assertMatchesSchema("ReasoningEffortConfig", { values: [], default: "max" }),
    ).toThrow();
  });
});
