import { Everruns } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalToolRunner } from "./local-tools/local-tool-runner.js";
import { localTools } from "./local-tools/tool-set.js";
import { resolveAgent } from "./resolve-agent.js";
import { latestSessionId, resolveSessionId } from "./resolve-session.js";
import { SessionController } from "./session-controller.js";
import { chatReducer } from "./state/chat-reducer.js";
import { type ChatAction, type ChatState, initialChatState } from "./state/chat-state.js";

let server: DevServer;
let client: Everruns;
beforeAll(async () => {
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
  client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
});
afterAll(() => server?.close());

/** A controller wired to the real reducer, as the app wires it. */
async function openChat(
  options: {
    sessionId?: string;
    deferSession?: boolean;
    localTools?: ReturnType<typeof createLocalToolRunner>;
  } = {},
) {
  const agent = await resolveAgent(client, undefined, { local: true });
  const controller = new SessionController({
    client,
    server: { label: "local dev server", local: true },
    agent,
    ...options,
  });
  let state = initialChatState();
  const actions: ChatAction[] = [];
  const stop = controller.start((action) => {
    actions.push(action);
    state = chatReducer(state, action);
  });
  const until = async (predicate: (s: ChatState) => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!predicate(state)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return state;
  };
  const send = (text: string) => {
    state = chatReducer(state, { type: "submit", text });
    return controller.send(text);
  };
  return { controller, stop, until, send, actions, state: () => state };
}

const text = (state: ChatState) =>
  [...state.history, ...state.live]
    .map((item) => ("markdown" in item ? item.markdown : ""))
    .join("");

describe("SessionController against the dev server", () => {
  it("opens a session, follows its stream and shows a streamed answer", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    await chat.send("hello controller");
    const state = await chat.until((s) => s.lastTurn?.outcome === "completed", "the turn");
    expect(text(state)).toContain('You asked: "hello controller"');
    expect([...state.history].filter((item) => item.kind === "user")).toHaveLength(1);
    chat.stop();
  });

  it("shows a server-side tool call as a card", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    await chat.send("what time is it?");
    const state = await chat.until((s) => s.lastTurn !== undefined, "the turn");
    expect(state.history.find((item) => item.kind === "tool")).toMatchObject({ status: "success" });
    chat.stop();
  });

  it("cancels a slow turn on the server", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    await chat.send("go [simulate:slow]");
    await chat.until((s) => s.live.some((item) => item.kind === "agent"), "the reply to start");
    await chat.controller.cancel();
    const state = await chat.until((s) => s.lastTurn !== undefined, "the cancel");
    expect(state.lastTurn?.outcome).toBe("cancelled");
    chat.stop();
  });

  it("resumes a session with its history", async () => {
    const first = await openChat();
    await first.until((s) => s.connection === "live", "the stream");
    await first.send("remember me");
    await first.until((s) => s.lastTurn !== undefined, "the turn");
    first.stop();
    const sessionId = first.state().sessionId as string;
    const resumed = await openChat({ sessionId });
    const state = await resumed.until((s) => s.lastTurn !== undefined, "the replayed turn");
    expect(state.history).toContainEqual(
      expect.objectContaining({ kind: "user", text: "remember me" }),
    );
    expect(text(state)).toContain('You asked: "remember me"');
    expect(await resumed.controller.listSessions()).toContainEqual(
      expect.objectContaining({ id: sessionId }),
    );
    resumed.stop();
  });

  it("switches to a new agent by name in a new session", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    const before = chat.state().sessionId;
    await chat.controller.switchAgent("second-bot");
    const state = await chat.until((s) => s.sessionId !== before, "the new session");
    expect(state.agentName).toBe("second-bot");
    expect((await chat.controller.listAgents()).map((agent) => agent.label)).toContain(
      "second-bot",
    );
    chat.stop();
  });

  it("shows a refused request inline instead of throwing", async () => {
    const agent = await resolveAgent(client, undefined, { local: true });
    const controller = new SessionController({
      client: new Everruns({ baseUrl: server.url, apiKey: "wrong", maxRetries: 0 }),
      server: { label: "x", local: false },
      agent,
    });
    const actions: ChatAction[] = [];
    controller.start((action) => actions.push(action));
    const deadline = Date.now() + 5000;
    while (!actions.some((a) => a.type === "error") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(actions.find((a) => a.type === "error")).toMatchObject({
      message: expect.stringMatching(/^Could not start a session: 401/),
    });
    controller.close();
  });

  it("does not replay the history when asked to resume the session it is in", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    await chat.send("only once");
    await chat.until((s) => s.lastTurn !== undefined, "the turn");
    const sessionId = chat.state().sessionId as string;
    await chat.controller.resumeSession(sessionId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const users = chat.state().history.filter((item) => item.kind === "user");
    expect(users).toHaveLength(1);
    expect(chat.actions.at(-1)).toEqual({
      type: "notice",
      text: `Already in session ${sessionId}.`,
    });
    chat.stop();
  });

  it("deletes on finish a session it opened and never used, and keeps a used one", async () => {
    const idle = await openChat();
    await idle.until((s) => s.sessionId !== undefined, "the session");
    const unused = idle.state().sessionId as string;
    expect(await idle.controller.finish()).toBeUndefined();
    await expect(client.sessions.get(unused)).rejects.toMatchObject({ status: 404 });

    const used = await openChat();
    await used.until((s) => s.connection === "live", "the stream");
    await used.send("keep me");
    await used.until((s) => s.lastTurn !== undefined, "the turn");
    const kept = used.state().sessionId as string;
    expect(await used.controller.finish()).toBe(kept);
    expect((await client.sessions.get(kept)).id).toBe(kept);
  });

  it("opens no session until picked or until the first message, when deferred", async () => {
    const chat = await openChat({ deferSession: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chat.state().sessionId).toBeUndefined();
    await chat.send("first words");
    const state = await chat.until((s) => s.lastTurn !== undefined, "the turn");
    expect(state.sessionId).toMatch(/^session_/);
    expect(text(state)).toContain('You asked: "first words"');
    chat.stop();
  });

  it("finds a session by the end or start of its id, and the latest one", async () => {
    const session = await client.sessions.create({
      agent_id: (await resolveAgent(client, undefined, { local: true })).id,
    });
    expect(await latestSessionId(client)).toBe(session.id);
    expect(await resolveSessionId(client, session.id.slice(-8))).toBe(session.id);
    expect(await resolveSessionId(client, session.id.toUpperCase())).toBe(session.id);
    await expect(resolveSessionId(client, "not an id")).rejects.toThrow(/not a session id/);
    await expect(resolveSessionId(client, "ffffffffffff")).rejects.toThrow(/No session id/);
  });

  it("asks before running a local tool, runs it on yes, refuses on no, and skips asking after always", async () => {
    const runner = createLocalToolRunner(localTools(), { roots: [process.cwd()] });
    const chat = await openChat({ localTools: runner });
    await chat.until((s) => s.connection === "live", "the stream");
    const session = await client.sessions.get(chat.state().sessionId as string);
    expect(session.tools?.map((tool) => tool.name)).toContain("list_directory");

    await chat.send("please list_directory");
    let state = await chat.until((s) => s.approvals.length === 1, "the approval prompt");
    expect(state.approvals[0]).toMatchObject({ name: "list_directory", args: {} });
    chat.controller.answerApproval(state.approvals[0]?.callId as string, "yes");
    state = await chat.until((s) => s.lastTurn !== undefined, "the turn");
    expect(state.approvals).toEqual([]);
    expect(text(state)).toContain("package.json");

    await chat.send("once more list_directory");
    state = await chat.until((s) => s.approvals.length === 1, "the second prompt");
    chat.controller.answerApproval(state.approvals[0]?.callId as string, "no");
    state = await chat.until(
      (s) =>
        s.history.filter((i) => i.kind === "user").length === 2 &&
        s.turn.phase === "idle" &&
        s.approvals.length === 0 &&
        text(s).includes("declined"),
      "the refusal",
    );
    expect(text(state)).toContain("The user declined to run this tool.");

    await chat.send("and list_directory again");
    state = await chat.until((s) => s.approvals.length === 1, "the third prompt");
    chat.controller.answerApproval(state.approvals[0]?.callId as string, "always");
    await chat.until((s) => s.turn.phase === "idle" && s.approvals.length === 0, "the third turn");
    const before = chat.actions.filter((a) => a.type === "approval-requested").length;
    await chat.send("last list_directory");
    await chat.until(
      (s) => s.history.filter((i) => i.kind === "user").length === 4 && s.turn.phase === "idle",
      "the fourth turn",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chat.actions.filter((a) => a.type === "approval-requested").length).toBe(before);
    chat.stop();
  });

  it("does not run a replayed tool request again when the session is resumed", async () => {
    const runner = createLocalToolRunner(localTools(), { roots: [process.cwd()] });
    const first = await openChat({ localTools: runner });
    await first.until((s) => s.connection === "live", "the stream");
    await first.send("please list_directory");
    const asked = await first.until((s) => s.approvals.length === 1, "the prompt");
    first.controller.answerApproval(asked.approvals[0]?.callId as string, "yes");
    await first.until((s) => s.lastTurn !== undefined, "the turn");
    const sessionId = first.state().sessionId as string;
    first.stop();
    const resumed = await openChat({ sessionId, localTools: runner });
    await resumed.until((s) => s.lastTurn !== undefined, "the replay");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resumed.actions.some((a) => a.type === "approval-requested")).toBe(false);
    resumed.stop();
  });

  it("withdraws a pending approval when the user leaves the session, and asks again on resume", async () => {
    const runner = createLocalToolRunner(localTools(), { roots: [process.cwd()] });
    const chat = await openChat({ localTools: runner });
    await chat.until((s) => s.connection === "live", "the stream");
    const waiting = chat.state().sessionId as string;
    await chat.send("please list_directory");
    const asked = await chat.until((s) => s.approvals.length === 1, "the prompt");
    const callId = asked.approvals[0]?.callId as string;

    await chat.controller.newSession();
    await chat.until((s) => s.sessionId !== waiting, "the new session");
    expect(chat.actions).toContainEqual({ type: "approval-answered", callId });

    // The call is still unanswered on the server: the SDK's runner finds it in the history.
    await chat.controller.resumeSession(waiting);
    const again = await chat.until(
      (s) => s.sessionId === waiting && s.approvals.length === 1,
      "the prompt again",
    );
    expect(again.approvals[0]?.callId).toBe(callId);
    chat.controller.answerApproval(callId, "yes");
    const state = await chat.until((s) => s.lastTurn?.outcome === "completed", "the turn");
    expect(text(state)).toContain("package.json");
    chat.stop();
  });

  it("lists the workspace after the agent wrote a file, and shows the file's text (/files)", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    const empty = await chat.controller.readWorkspace("");
    expect(empty).toMatchObject({ type: "listing", entries: [], fileCount: 0 });

    await chat.send("write it down [simulate:write=reports/q3.md]");
    let state = await chat.until((s) => s.lastTurn !== undefined, "the turn");
    const card = state.history.find((item) => item.kind === "file");
    expect(card).toMatchObject({ path: "/reports/q3.md", created: true });
    const size = card?.kind === "file" ? card.sizeBytes : undefined;

    const listing = await chat.controller.readWorkspace("/");
    expect(listing).toMatchObject({ type: "listing", root: "/", fileCount: 1, totalBytes: size });
    if (listing.type !== "listing") throw new Error("not a listing");
    expect(listing.entries.map((e) => [e.path, e.depth, e.isDirectory])).toEqual([
      ["/reports", 0, true],
      ["/reports/q3.md", 1, false],
    ]);
    const file = await chat.controller.readWorkspace("reports/q3.md");
    expect(file).toMatchObject({ type: "file", path: "/reports/q3.md", binary: false });
    expect(file.type === "file" && file.text).toMatch(/^#/);
    expect(await chat.controller.readWorkspace("reports")).toMatchObject({
      type: "listing",
      root: "/reports",
      fileCount: 1,
    });

    // What the app dispatches becomes one workspace item of the transcript.
    state = chatReducer(state, { type: "workspace-shown", view: listing });
    expect(state.history.at(-1)).toMatchObject({ kind: "workspace", view: listing });
    chat.stop();
  });

  it("says a file is binary, and names a missing path, in /files", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    const session = await client.sessions.get(chat.state().sessionId as string);
    await client.workspaces.files.create(
      session.workspace_id,
      "pixel.bin",
      new Uint8Array([0, 1, 2, 255]),
    );
    expect(await chat.controller.readWorkspace("pixel.bin")).toMatchObject({
      type: "file",
      binary: true,
      sizeBytes: 4,
      text: "",
    });
    await expect(chat.controller.readWorkspace("nope.md")).rejects.toThrow(
      "nope.md is not in this session's workspace",
    );
    await expect(chat.controller.readWorkspace("../etc")).rejects.toThrow(/climbs above the root/);
    chat.stop();
  });

  it("reads only the first 64 KiB of a large file (/files)", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    const session = await client.sessions.get(chat.state().sessionId as string);
    const line = `${"x".repeat(99)}\n`;
    await client.workspaces.files.create(session.workspace_id, "big.txt", line.repeat(3000));
    const file = await chat.controller.readWorkspace("big.txt");
    expect(file).toMatchObject({ type: "file", sizeBytes: 300_000, moreBytes: 300_000 - 65_536 });
    expect(file.type === "file" && file.text.split("\n")).toHaveLength(200);
    chat.stop();
  });

  it("creates an agent with a prompt, a model and capabilities, and chats with it in a new session", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    const before = chat.state().sessionId;
    const [model] = await chat.controller.listModels();
    const capabilities = await chat.controller.listCapabilities();
    expect(capabilities.map((c) => c.id)).toContain("current_time");
    const created = await chat.controller.createAgent({
      name: "form-made",
      prompt: "Answer like a pirate.",
      modelId: model?.id,
      capabilities: ["current_time"],
    });
    expect(created).toBe(true);
    let state = await chat.until((s) => s.sessionId !== before, "the new session");
    expect(state.agentName).toBe("form-made");
    const session = await client.sessions.get(state.sessionId as string);
    const agent = await client.agents.get(session.agent_id as string);
    expect(agent).toMatchObject({
      name: "form-made",
      system_prompt: "Answer like a pirate.",
      default_model_id: model?.id,
      capabilities: [expect.objectContaining({ ref: "current_time" })],
    });
    // The agent's capability works in the new session: the server-side time tool runs.
    await chat.send("what time is it?");
    state = await chat.until((s) => s.lastTurn !== undefined, "the turn");
    expect(state.history.find((item) => item.kind === "tool")).toMatchObject({ status: "success" });
    expect(text(state)).toContain("Answer like a pirate.");
    chat.stop();
  });

  it("refuses a name in use (never rewriting that agent) and a name the API refuses, inline (/agents new)", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    const before = chat.state().sessionId;
    const draft = { name: "twice", prompt: "x", modelId: undefined, capabilities: [] };
    expect(await chat.controller.createAgent(draft)).toBe(true);
    await chat.until((s) => s.sessionId !== before, "the first agent's session");
    const current = chat.state().sessionId;
    expect(await chat.controller.createAgent(draft)).toBe(false);
    expect(await chat.controller.createAgent({ ...draft, name: "Not A Slug" })).toBe(false);
    const errors = chat.actions.filter((a) => a.type === "error").map((a) => a.message);
    expect(errors[0]).toBe(
      'Could not create agent twice: an agent named "twice" exists already (use /agents twice to chat with it, or pick another name).',
    );
    expect(errors[1]).toMatch(/^Could not create agent Not A Slug: name must be a lowercase slug/);
    expect(chat.state().sessionId).toBe(current);
    const page = await client.agents.list({ search: "twice" });
    expect(page.data.filter((agent) => agent.name === "twice")).toHaveLength(1);
    chat.stop();
  });

  it("lists models and harnesses, and opens a new session with the one picked", async () => {
    const chat = await openChat();
    await chat.until((s) => s.connection === "live", "the stream");
    const before = chat.state().sessionId;
    const models = await chat.controller.listModels();
    const harnesses = await chat.controller.listHarnesses();
    expect(models.length).toBeGreaterThan(0);
    expect(harnesses.length).toBeGreaterThan(0);
    const harness = harnesses[0]?.id as string;
    await chat.controller.startWith({ modelId: models[0]?.id as string, harness });
    const state = await chat.until((s) => s.sessionId !== before, "the new session");
    const session = await client.sessions.get(state.sessionId as string);
    expect(session.model_id).toBe(models[0]?.id);
    expect((await client.harnesses.get(session.harness_id)).name).toBe(harness);
    chat.stop();
  });
});
