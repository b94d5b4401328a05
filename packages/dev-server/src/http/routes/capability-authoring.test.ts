import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import { expectRefusals } from "../../test-support/expect-refusals.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  createSession,
  sendMessage,
  startTestServer,
  waitForTurnEnds,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

describe("guardrails", () => {
  it("lists examples that each pass a dry run of their own configuration", async () => {
    const response = await api.get("/v1/capabilities/guardrails/examples");
    expect(response.status).toBe(200);
    assertMatchesSchema("GuardrailExamples", response.json);
    expect(response.json.examples.length).toBeGreaterThan(0);
    for (const example of response.json.examples) {
      const run = await api.post("/v1/capabilities/guardrails/dry-run", {
        config: example.config,
        stage: "output",
        text: "nothing to see here",
      });
      expect(run.status).toBe(200);
      expect(run.json).toEqual({ hits: [], blocked: false });
    }
  });

  it("dry-runs checks by stage and tool, blocking or only logging", async () => {
    const config = {
      checks: [
        {
          id: "no-email",
          type: "pattern",
          preset: "email",
          stages: ["output"],
          replacement: "[email]",
        },
        { type: "blocklist", words: ["rm -rf"], stages: ["tool_use"], tools: ["shell"] },
        { id: "long", type: "max_length", max: 10, action: "log" },
        { id: "key", type: "pattern", preset: "api_key" },
      ],
    };
    const run = (stage: string, text: string, tool_name?: string) =>
      api.post("/v1/capabilities/guardrails/dry-run", { config, stage, text, tool_name });

    const output = await run("output", "mail me at a.b@example.com");
    assertMatchesSchema("GuardrailsDryRunResult", output.json);
    expect(output.json.blocked).toBe(true);
    expect(output.json.hits).toEqual([
      {
        check_index: 0,
        check_id: "no-email",
        stage: "output",
        rule_type: "pattern",
        action: "block",
        reason_code: "email_detected",
        matched: "a.b@example.com",
        replacement: "[email]",
      },
      expect.objectContaining({ check_id: "long", action: "log", reason_code: "too_long" }),
    ]);
    expect((await run("tool_use", "rm -rf /", "shell")).json.hits[0]).toMatchObject({
      check_id: "check-2",
      matched: "rm -rf",
    });
    expect((await run("tool_use", "rm -rf /", "python")).json.blocked).toBe(false);
    const onlyLogged = await run("output", "short but over ten");
    expect(onlyLogged.json).toMatchObject({ blocked: false, hits: [{ check_id: "long" }] });
    const secret = "sk-abcdefghijklmnopqrstuv";
    const keyed = await run("tool_output", `the key is ${secret}`);
    expect(keyed.json.hits.map((h: { check_id: string }) => h.check_id)).toContain("key");
    expect(keyed.text).not.toContain(secret);
  });

  it("refuses bad requests and bad configurations", async () => {
    const dry = (body: unknown) => api.post("/v1/capabilities/guardrails/dry-run", body);
    await expectRefusals([
      [dry({ config: {}, stage: "output" }), 400, "validation_failed"],
      [dry({ config: {}, stage: "input", text: "x" }), 400, "validation_failed"],
      [dry({ config: {}, stage: "output", text: "x" }), 400, "invalid_guardrail_config"],
      [
        dry({ config: { checks: [{ type: "regex" }] }, stage: "output", text: "x" }),
        400,
        "invalid_guardrail_config",
      ],
      [
        dry({ config: { checks: [{ type: "blocklist", words: [] }] }, stage: "output", text: "x" }),
        400,
        "invalid_guardrail_config",
      ],
      [
        dry({
          config: { checks: [{ type: "pattern", preset: "phone" }] },
          stage: "output",
          text: "x",
        }),
        400,
        "invalid_guardrail_config",
      ],
      [
        dry({ config: { checks: [{ type: "max_length", max: -1 }] }, stage: "output", text: "x" }),
        400,
        "invalid_guardrail_config",
      ],
      [
        dry({
          config: { checks: [{ type: "max_length", max: 1, action: "warn" }] },
          stage: "output",
          text: "x",
        }),
        400,
        "invalid_guardrail_config",
      ],
      [
        dry({
          config: { checks: [{ type: "max_length", max: 1, stages: ["input"] }] },
          stage: "output",
          text: "x",
        }),
        400,
        "invalid_guardrail_config",
      ],
    ]);
  });
});

describe("declarative capabilities", () => {
  const definition = {
    id: "house_rules",
    name: "House rules",
    description: "Adds the house rules to the prompt.",
    system_prompt: "CAPABILITY-HOUSE-RULES apply.",
  };

  it("creates (201), gets, lists, updates, archives and removes one", async () => {
    const created = await api.post("/v1/capabilities", { definition });
    expect(created.status).toBe(201);
    assertMatchesSchema("DeclarativeCapability", created.json);
    expect(created.json).toMatchObject({
      capability_id: "house_rules",
      status: "active",
      name: "House rules",
    });
    const got = await api.get("/v1/capabilities/declarative/house_rules");
    expect(got.json).toEqual(created.json);
    expect((await api.get("/v1/capabilities/declarative")).json.data).toHaveLength(1);
    // It is a capability like the built-in ones.
    expect((await api.get("/v1/capabilities/house_rules")).json.system_prompt).toBe(
      definition.system_prompt,
    );
    expect((await api.get("/v1/capabilities?search=house")).json.total).toBe(1);

    const updated = await api.patch("/v1/capabilities/declarative/house_rules", {
      definition: { ...definition, name: "House rules v2" },
    });
    expect(updated.json.name).toBe("House rules v2");
    expect((await api.delete("/v1/capabilities/declarative/house_rules")).status).toBe(200);
    expect((await api.get("/v1/capabilities/declarative")).json.data).toHaveLength(0);
    const archived = (await api.get("/v1/capabilities/declarative?include_archived=true")).json
      .data;
    expect(archived).toMatchObject([{ capability_id: "house_rules", status: "archived" }]);
    expect((await api.get("/v1/capabilities/house_rules")).status).toBe(404);
    const restored = await api.patch("/v1/capabilities/declarative/house_rules", {
      status: "active",
    });
    expect(restored.json).toMatchObject({ status: "active", archived_at: null });

    expect((await api.post("/v1/capabilities/declarative/house_rules/delete")).status).toBe(200);
    expect((await api.get("/v1/capabilities/declarative/house_rules")).status).toBe(404);
    expect((await api.post("/v1/capabilities", { definition })).status).toBe(201);
    expect((await api.get("/v1/capabilities/declarative/config")).json.policies.create).toBe(true);
  });

  it("applies its prompt to sessions that attach it", async () => {
    await api.post("/v1/capabilities", {
      definition: { id: "pirate_voice", name: "Pirate", system_prompt: "CAP-PIRATE-VOICE" },
    });
    const session = await createSession(api, { capabilities: [{ ref: "pirate_voice" }] });
    await sendMessage(api, session, "hello");
    await waitForTurnEnds(api, session, 1);
    const messages = (await api.get(`/v1/sessions/${session}/messages`)).json.data;
    expect(JSON.stringify(messages.at(-1))).toContain("CAP-PIRATE-VOICE");
  });

  it("refuses bad input with problem+json", async () => {
    await api.post("/v1/capabilities", { definition: { id: "taken_one", name: "Taken" } });
    await expectRefusals([
      [api.post("/v1/capabilities", {}), 400, "validation_failed"],
      [api.post("/v1/capabilities", { definition: "x" }), 400, "validation_failed"],
      [api.post("/v1/capabilities", { definition: { name: "No id" } }), 400, "invalid_definition"],
      [
        api.post("/v1/capabilities", { definition: { id: "Bad Id", name: "x" } }),
        400,
        "invalid_definition",
      ],
      [api.post("/v1/capabilities", { definition: { id: "no_name" } }), 400, "invalid_definition"],
      [
        api.post("/v1/capabilities", {
          definition: { id: "bad_prompt", name: "x", system_prompt: 3 },
        }),
        400,
        "invalid_definition",
      ],
      [
        api.post("/v1/capabilities", { definition: { id: "current_time", name: "x" } }),
        409,
        "capability_exists",
      ],
      [
        api.post("/v1/capabilities", { definition: { id: "taken_one", name: "x" } }),
        409,
        "capability_exists",
      ],
      [
        api.patch("/v1/capabilities/declarative/taken_one", {
          definition: { id: "other", name: "x" },
        }),
        409,
        "capability_id_immutable",
      ],
      [
        api.patch("/v1/capabilities/declarative/taken_one", { status: "deleted" }),
        400,
        "invalid_status",
      ],
      [
        api.patch("/v1/capabilities/declarative/taken_one", { status: 1 }),
        400,
        "validation_failed",
      ],
      [api.get("/v1/capabilities/declarative/nope"), 404, "capability_not_found"],
      [api.patch("/v1/capabilities/declarative/nope", {}), 404, "capability_not_found"],
      [api.delete("/v1/capabilities/declarative/nope"), 404, "capability_not_found"],
      [api.post("/v1/capabilities/declarative/nope/delete"), 404, "capability_not_found"],
    ]);
  });
});
