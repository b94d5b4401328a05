#!/usr/bin/env node
// Records real event sequences from the dev server into src/state/__fixtures__/recorded/,
// one file per kind of turn, for the reducer tests. Run after a build:
//   pnpm --filter @everruns/tui build && node apps/tui/scripts/record-fixtures.mjs
import { writeFileSync } from "node:fs";
import { Everruns } from "@everruns/core";
import { startDevServer } from "@everruns/dev-server";

const out = new URL("../src/state/__fixtures__/recorded/", import.meta.url);
const server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 5 });
const client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
const agent = await client.agents.create({
  name: "fixture-agent",
  system_prompt: "You are a concise assistant.",
  capabilities: [{ ref: "current_time" }],
});

async function turnEvents(sessionId, messageId) {
  for (;;) {
    const all = (await client.events.list(sessionId)).data;
    const input = all.find((e) => e.type === "input.message" && e.data.message.id === messageId);
    const turnId = input?.context.turn_id;
    const mine = all.filter((e) => e.context.turn_id === turnId);
    if (mine.some((e) => ["turn.completed", "turn.failed", "turn.cancelled"].includes(e.type)))
      return mine;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function record(name, text, { cancelAfterDeltas } = {}) {
  const session = await client.sessions.create({ agent_id: agent.id, harness_name: "generic" });
  const message = await client.messages.create(session.id, text);
  if (cancelAfterDeltas) {
    for (;;) {
      const deltas = await client.events.list(session.id, { types: ["output.message.delta"] });
      if (deltas.data.length >= cancelAfterDeltas) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.sessions.cancel(session.id);
  }
  const events = await turnEvents(session.id, message.id);
  writeFileSync(new URL(`${name}.json`, out), `${JSON.stringify(events, null, 2)}\n`);
  console.log(`${name}: ${events.length} events`);
}

try {
  await record("text", "Hello, who are you?");
  await record("thinking", "Think first [simulate:think]");
  await record("tool", "What time is it?");
  await record("failed", "[simulate:fail] hi");
  await record("cancelled", "[simulate:slow] count", { cancelAfterDeltas: 3 });
} finally {
  await server.close();
}
