import {
  BadRequestError,
  ConflictError,
  Everruns,
  NotFoundError,
  ValidationError,
} from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "./start-dev-server.js";
import { startTestServer } from "./test-support/test-server.js";

// Agent versions, health checks and utilities; harnesses; capabilities: each helper of
// @everruns/core against the dev server, its success and its refusals.

let server: DevServer;
let client: Everruns;

beforeAll(async () => {
  server = await startTestServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

async function lastReply(sessionId: string, text: string): Promise<string> {
  await client.messages.create(sessionId, text);
  for (let attempt = 0; attempt < 500; attempt++) {
    const session = await client.sessions.get(sessionId);
    const messages = await client.messages.list(sessionId);
    const last = messages.data.at(-1);
    if (session.status === "idle" && last && last.role !== "user") return JSON.stringify(last);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("no reply");
}

describe("client.agents.versions", () => {
  it("creates, lists, diffs, sets the default, rolls back and forks", async () => {
    const agent = await client.agents.create({ name: "sdk-versioned", system_prompt: "SDK-ONE" });
    const v1 = await client.agents.versions.create(agent.id, { summary: "first" });
    expect(v1).toMatchObject({ agent_id: agent.id, version: "1.0.0", summary: "first" });
    await client.agents.update(agent.id, { system_prompt: "SDK-TWO" });
    const [v2] = await client.agents.versions.list(agent.id);
    expect(v2?.change_kind).toBe("auto");
    if (!v2) throw new Error("no second version");

    const diff = await client.agents.versions.diff(agent.id, v1.id, v2.id);
    expect(diff.authored_diff).toEqual([
      { path: "system_prompt", op: "changed", from: "SDK-ONE", to: "SDK-TWO" },
    ]);

    const session = await client.sessions.create({ agent_id: agent.id });
    expect(await lastReply(session.id, "hello")).toContain("SDK-TWO");
    const rolled = await client.agents.versions.rollback(agent.id, v1.id);
    expect(rolled.system_prompt).toBe("SDK-ONE");
    expect(await lastReply(session.id, "again")).toContain("SDK-ONE");

    const chosen = await client.agents.versions.setDefault(agent.id, v2.id);
    expect(chosen).toMatchObject({ default_version_id: v2.id, system_prompt: "SDK-TWO" });

    const fork = await client.agents.versions.fork(agent.id, v1.id, { name: "sdk-versioned-fork" });
    expect(fork).toMatchObject({ forked_from_version_id: v1.id, system_prompt: "SDK-ONE" });
  });

  it("refuses: bad ids before sending, unknown versions and taken names from the server", async () => {
    const agent = await client.agents.create({ name: "sdk-versions-refused", system_prompt: "x" });
    const v1 = await client.agents.versions.create(agent.id);
    expect(await refusal(client.agents.versions.setDefault(agent.id, "v1"))).toBeInstanceOf(
      ValidationError,
    );
    expect(
      await refusal(client.agents.versions.fork(agent.id, v1.id, { name: "Not A Slug" })),
    ).toBeInstanceOf(ValidationError);
    const missing = "agentver_0190a0a0a0a07000800000000000ffff";
    const notFound = await refusal(client.agents.versions.rollback(agent.id, missing));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).code).toBe("agent_version_not_found");
    const taken = await refusal(
      client.agents.versions.fork(agent.id, v1.id, { name: "sdk-versions-refused" }),
    );
    expect(taken).toBeInstanceOf(BadRequestError);
    expect((taken as BadRequestError).code).toBe("name_taken");
    expect(await refusal(client.agents.versions.list("no-such-agent"))).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("client.agents.healthChecks", () => {
  it("runs, lists, gets and reports the latest run", async () => {
    const agent = await client.agents.create({
      name: "sdk-health",
      system_prompt: "You summarise news articles in three sentences.",
    });
    expect(await client.agents.healthChecks.latest(agent.id)).toEqual({
      run: null,
      config_changed: true,
    });
    const run = await client.agents.healthChecks.run(agent.id);
    expect(run.summary?.pass_rate).toBe(1);
    expect(await client.agents.healthChecks.list(agent.id)).toEqual([run]);
    expect(await client.agents.healthChecks.get(agent.id, run.id)).toEqual(run);
    expect((await client.agents.healthChecks.latest(agent.id)).config_changed).toBe(false);
    const missing = await refusal(client.agents.healthChecks.get(agent.id, "hcrun_missing"));
    expect((missing as NotFoundError).code).toBe("health_check_not_found");
  });
});

describe("client.agents utilities", () => {
  it("analyze, preview, checkName, config and stats", async () => {
    const analysis = await client.agents.analyze({ system_prompt: "" });
    expect(analysis.findings.map((f) => f.rule_id)).toEqual(["prompt.empty"]);
    const preview = await client.agents.preview({
      system_prompt: "Be exact.",
      capabilities: [{ ref: "current_time" }],
    });
    expect(preview.tools.map((tool) => tool.name)).toEqual(["current_time"]);
    const agent = await client.agents.create({ name: "sdk-utility", system_prompt: "x" });
    expect(await client.agents.checkName("sdk-utility")).toEqual({ available: false });
    expect(await client.agents.checkName("sdk-utility", agent.id)).toEqual({ available: true });
    expect((await client.agents.config()).policies.create).toBe(true);
    await client.sessions.create({ agent_id: agent.id });
    expect((await client.agents.stats(agent.id)).session_count).toBe(1);

    expect(await refusal(client.agents.checkName("Bad Name"))).toBeInstanceOf(ValidationError);
    const bad = await refusal(
      client.agents.analyze({ system_prompt: 1 } as unknown as { system_prompt: string }),
    );
    expect((bad as BadRequestError).code).toBe("validation_failed");
    expect(await refusal(client.agents.stats("nobody"))).toBeInstanceOf(NotFoundError);
  });
});

describe("client.harnesses", () => {
  it("create, get, list, update, copy, import, examples, preview, checkName, config, stats, delete", async () => {
    const harness = await client.harnesses.create({
      name: "sdk-harness",
      system_prompt: "SDK-HARNESS-PROMPT",
    });
    expect(harness).toMatchObject({ name: "sdk-harness", is_built_in: false });
    expect((await client.harnesses.get("sdk-harness")).id).toBe(harness.id);
    expect((await client.harnesses.list()).data.map((h) => h.name)).toContain("sdk-harness");

    const session = await client.sessions.create({ harness_id: harness.id });
    expect(await lastReply(session.id, "hi")).toContain("SDK-HARNESS-PROMPT");
    const updated = await client.harnesses.update(harness.id, { system_prompt: "SDK-EDITED" });
    expect(updated.system_prompt).toBe("SDK-EDITED");
    expect(await lastReply(session.id, "again")).toContain("SDK-EDITED");
    expect(await client.harnesses.stats(harness.id)).toMatchObject({
      session_count: 1,
      execution_count: 2,
    });

    expect((await client.harnesses.copy(harness.id)).name).toBe("sdk-harness-copy");
    const examples = await client.harnesses.examples();
    const first = examples[0];
    if (!first) throw new Error("no example");
    expect((await client.harnesses.import(first.name)).name).toBe(first.name);
    const preview = await client.harnesses.preview({ parent_harness_id: harness.id });
    expect(preview.system_prompt).toBe("SDK-EDITED");
    expect(await client.harnesses.checkName("sdk-harness")).toEqual({ available: false });
    expect(await client.harnesses.checkName("sdk-harness", harness.id)).toEqual({
      available: true,
    });
    expect(Object.values((await client.harnesses.config()).policies)).toContain(true);

    await client.harnesses.delete(harness.id);
    expect(await refusal(client.harnesses.get(harness.id))).toBeInstanceOf(NotFoundError);
  });

  it("refuses bad names before sending and server refusals as typed errors", async () => {
    expect(await refusal(client.harnesses.create({ name: "Bad Name" }))).toBeInstanceOf(
      ValidationError,
    );
    expect(await refusal(client.harnesses.checkName(""))).toBeInstanceOf(ValidationError);
    const builtIn = await refusal(client.harnesses.delete("generic"));
    expect(builtIn).toBeInstanceOf(BadRequestError);
    expect((builtIn as BadRequestError).code).toBe("built_in_harness");
    const missing = await refusal(client.harnesses.import("no-such-example"));
    expect((missing as NotFoundError).code).toBe("example_not_found");
    expect(await refusal(client.harnesses.stats("nothing"))).toBeInstanceOf(NotFoundError);
    expect(await refusal(client.harnesses.update("nothing", {}))).toBeInstanceOf(NotFoundError);
    expect(await refusal(client.harnesses.copy("nothing"))).toBeInstanceOf(NotFoundError);
  });
});

describe("client.capabilities.guardrails", () => {
  it("lists examples and dry-runs a configuration", async () => {
    const { examples } = await client.capabilities.guardrails.examples();
    const privacy = examples.find((example) => example.name === "no-personal-data");
    if (!privacy) throw new Error("no privacy example");
    const result = await client.capabilities.guardrails.dryRun({
      config: privacy.config,
      stage: "output",
      text: "write to me@example.org",
    });
    expect(result).toMatchObject({ blocked: true, hits: [{ check_id: "email" }] });
    const bad = await refusal(
      client.capabilities.guardrails.dryRun({ config: {}, stage: "output", text: "x" }),
    );
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as BadRequestError).code).toBe("invalid_guardrail_config");
  });
});

describe("client.capabilities.declarative", () => {
  it("create, get, list, update, delete (archive), destroy, config", async () => {
    const created = await client.capabilities.declarative.create({
      definition: { id: "sdk_cap", name: "SDK capability", system_prompt: "SDK-CAP" },
    });
    expect(created).toMatchObject({ capability_id: "sdk_cap", status: "active" });
    expect((await client.capabilities.declarative.get("sdk_cap")).id).toBe(created.id);
    expect(
      (await client.capabilities.declarative.list()).data.map((d) => d.capability_id),
    ).toContain("sdk_cap");
    expect((await client.capabilities.get("sdk_cap")).system_prompt).toBe("SDK-CAP");
    const updated = await client.capabilities.declarative.update("sdk_cap", { status: "archived" });
    expect(updated.status).toBe("archived");
    await client.capabilities.declarative.update("sdk_cap", { status: "active" });
    await client.capabilities.declarative.delete("sdk_cap");
    expect(
      (await client.capabilities.declarative.list({ include_archived: true })).data[0]?.status,
    ).toBe("archived");
    await client.capabilities.declarative.destroy("sdk_cap");
    expect(await refusal(client.capabilities.declarative.get("sdk_cap"))).toBeInstanceOf(
      NotFoundError,
    );
    expect((await client.capabilities.declarative.config()).policies.create).toBe(true);
  });

  it("refuses conflicts and bad definitions as typed errors", async () => {
    const conflict = await refusal(
      client.capabilities.declarative.create({ definition: { id: "current_time", name: "x" } }),
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    const invalid = await refusal(client.capabilities.declarative.create({ definition: {} }));
    expect((invalid as BadRequestError).code).toBe("invalid_definition");
    expect(await refusal(client.capabilities.declarative.destroy("nothing"))).toBeInstanceOf(
      NotFoundError,
    );
  });
});
