import { type Everruns, EverrunsError, type Session, type SessionEvent } from "@everruns/core";
import { type EventStream, streamEvents } from "@everruns/streaming";
import type { ChatController, PickerOption, ServerInfo } from "./chat-controller.js";
import { shortId } from "./components/format.js";
import type { ApprovalDecision, ApprovalRequest } from "./local-tools/approval.js";
import type { LocalToolRunner } from "./local-tools/local-tool-runner.js";
import { readWorkspace } from "./read-workspace.js";
import { type AgentRef, resolveAgent } from "./resolve-agent.js";
import type { AgentDraft } from "./state/agent-form.js";
import type { ChatAction } from "./state/chat-state.js";
import type { WorkspaceView } from "./state/workspace-view.js";

/** Most capabilities `/agents new` offers (the server's list can be long). */
export const MAX_CAPABILITIES = 200;

/** How many of a session's most recent events `/events` loads. */
export const EVENT_VIEWER_LIMIT = 500;

/** Options of {@link SessionController}. */
export interface SessionControllerOptions {
  readonly client: Everruns;
  readonly server: ServerInfo;
  readonly agent: AgentRef;
  /** Resume this session (its history is replayed); default: open a new one. */
  readonly sessionId?: string | undefined;
  /**
   * Open no session at start (the app shows the session picker instead); one is opened when
   * the first message is sent without a pick.
   */
  readonly deferSession?: boolean | undefined;
  /** Harness of new sessions; default: the agent's. */
  readonly harness?: string | undefined;
  /**
   * Local tools (`--local-tools`): declared on new sessions, their calls answered after the
   * user approves them. Default: none.
   */
  readonly localTools?: LocalToolRunner | undefined;
  /** Stream idle timeout in ms (default: the streaming package's, 45 s). */
  readonly idleTimeoutMs?: number;
}

/**
 * The real {@link ChatController}: owns one session and one event stream for it
 * (`streamEvents`, which reconnects on its own), and turns both into chat actions. Events
 * that arrive together are dispatched as one batch, so replaying a long session renders
 * once, not once per event.
 */
export class SessionController implements ChatController {
  readonly server: ServerInfo;
  readonly #client: Everruns;
  #harness: string | undefined;
  #modelId: string | undefined;
  readonly #idleTimeoutMs: number | undefined;
  readonly #initialSessionId: string | undefined;
  readonly #deferSession: boolean;
  #agent: AgentRef;
  #sessionId: string | undefined;
  #workspaceId: string | undefined;
  /** A session this run created and sent nothing to yet: deleted rather than left behind. */
  #unused: string | undefined;
  #dispatch: (action: ChatAction) => void = () => {};
  #stream: { readonly stream: EventStream; readonly abort: AbortController } | undefined;
  #closed = false;
  readonly #localTools: LocalToolRunner | undefined;
  readonly #approvals = new Map<string, (decision: ApprovalDecision) => void>();

  constructor(options: SessionControllerOptions) {
    this.#client = options.client;
    this.server = options.server;
    this.#agent = options.agent;
    this.#harness = options.harness;
    this.#initialSessionId = options.sessionId;
    this.#deferSession = options.deferSession === true;
    this.#idleTimeoutMs = options.idleTimeoutMs;
    this.#localTools = options.localTools;
  }

  answerApproval(callId: string, decision: ApprovalDecision): void {
    const resolve = this.#approvals.get(callId);
    if (!resolve) return;
    this.#approvals.delete(callId);
    this.#dispatch({ type: "approval-answered", callId });
    resolve(decision);
  }

  #ask(request: ApprovalRequest, signal?: AbortSignal): Promise<ApprovalDecision> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // A call that timed out, or a session left, withdraws its question from the screen.
      const withdraw = () => {
        if (!this.#approvals.delete(request.callId)) return;
        this.#dispatch({ type: "approval-answered", callId: request.callId });
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", withdraw, { once: true });
      this.#approvals.set(request.callId, (decision) => {
        signal?.removeEventListener("abort", withdraw);
        resolve(decision);
      });
      this.#dispatch({ type: "approval-requested", request });
    });
  }

  /** The current session's id, once one is open. */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  start(dispatch: (action: ChatAction) => void): () => void {
    this.#dispatch = dispatch;
    this.#closed = false;
    const resuming = this.#initialSessionId;
    if (this.#deferSession && !resuming) {
      dispatch({
        type: "notice",
        text: `Pick a session to resume, or press Esc and type to start a new one with ${this.#agent.label}.`,
      });
      return () => this.close();
    }
    void this.#open(resuming, (session) =>
      resuming
        ? `Resumed session ${shortId(session.id)} with ${this.#agent.label}.`
        : `Chatting with ${this.#agent.label} on ${this.server.label}. Type /help for commands.`,
    );
    return () => this.close();
  }

  /** Stops the event stream; nothing is dispatched afterwards. */
  close(): void {
    this.#closed = true;
    this.#stopStream();
  }

  /**
   * Ends the run: deletes the session this run opened when nothing was ever sent to it (so
   * that starting the app and quitting leaves no empty session behind), and resolves with
   * the id of the session worth resuming, if any.
   */
  async finish(): Promise<string | undefined> {
    this.close();
    const unused = this.#unused;
    if (unused !== undefined && unused === this.#sessionId) {
      this.#unused = undefined;
      await this.#client.sessions.delete(unused).catch(() => {});
      return undefined;
    }
    return this.#sessionId;
  }

  async send(text: string): Promise<void> {
    if (!this.#sessionId)
      await this.#open(undefined, (session) => `New session ${shortId(session.id)}.`);
    const sessionId = this.#sessionId;
    if (!sessionId) {
      this.#dispatch({ type: "submit-failed", text, message: "no session is open" });
      return;
    }
    if (this.#unused === sessionId) this.#unused = undefined;
    try {
      await this.#client.messages.create(sessionId, text);
    } catch (error) {
      this.#dispatch({ type: "submit-failed", text, message: messageOf(error) });
    }
  }

  async cancel(): Promise<void> {
    if (!this.#sessionId) return;
    try {
      await this.#client.sessions.cancel(this.#sessionId);
    } catch (error) {
      this.#dispatch({ type: "cancel-failed", message: messageOf(error) });
    }
  }

  async newSession(): Promise<void> {
    await this.#open(undefined, (session) => `New session ${shortId(session.id)}.`);
  }

  async listSessions(): Promise<readonly PickerOption[]> {
    const page = await this.#client.sessions.list({ limit: 100 });
    return page.data.map((session) => ({
      id: session.id,
      label: session.title || session.preview || `session ${shortId(session.id)}`,
      description: [
        session.id === this.#sessionId ? "(current)" : undefined,
        shortId(session.id),
        session.status,
        "updated_at" in session && typeof session.updated_at === "string"
          ? new Date(session.updated_at).toLocaleString()
          : undefined,
      ]
        .filter(Boolean)
        .join(" · "),
    }));
  }

  async resumeSession(sessionId: string): Promise<void> {
    if (sessionId === this.#sessionId) {
      // Its history is on the screen already: replaying it would print it twice.
      this.#dispatch({ type: "notice", text: `Already in session ${sessionId}.` });
      return;
    }
    await this.#open(sessionId, (session) => `Resumed session ${shortId(session.id)}.`);
  }

  async listModels(): Promise<readonly PickerOption[]> {
    const page = await this.#client.models.list();
    return page.data.map((model) => ({
      id: model.id,
      label: model.display_name || model.model_id,
      description: [model.model_id, model.id === this.#modelId ? "(current)" : undefined]
        .filter(Boolean)
        .join(" "),
    }));
  }

  async listHarnesses(): Promise<readonly PickerOption[]> {
    const page = await this.#client.harnesses.list();
    return page.data.map((harness) => ({
      id: harness.name,
      label: harness.display_name || harness.name,
      description: [harness.name, harness.name === this.#harness ? "(current)" : undefined]
        .filter(Boolean)
        .join(" "),
    }));
  }

  async startWith(choice: { readonly modelId?: string; readonly harness?: string }): Promise<void> {
    if (choice.modelId !== undefined) this.#modelId = choice.modelId;
    if (choice.harness !== undefined) this.#harness = choice.harness;
    const what = [
      this.#modelId ? `model ${this.#modelId}` : undefined,
      this.#harness ? `harness ${this.#harness}` : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    await this.#open(undefined, (session) => `New session ${shortId(session.id)} with ${what}.`);
  }

  async listEvents(): Promise<readonly SessionEvent[]> {
    if (!this.#sessionId) return [];
    const page = await this.#client.events.list(this.#sessionId, { limit: EVENT_VIEWER_LIMIT });
    return page.data;
  }

  async readWorkspace(path: string): Promise<WorkspaceView> {
    const workspaceId = this.#workspaceId;
    if (!this.#sessionId || !workspaceId) throw new Error("no session is open yet");
    try {
      return await readWorkspace(this.#client, workspaceId, path);
    } catch (error) {
      if (EverrunsError.isInstance(error) && (error as { status?: unknown }).status === 404) {
        throw new Error(`${path} is not in this session's workspace (try /files for the list)`);
      }
      throw error;
    }
  }

  async listAgents(): Promise<readonly PickerOption[]> {
    const page = await this.#client.agents.list({ limit: 50 });
    return page.data.map((agent) => ({
      id: agent.id,
      label: agent.display_name || agent.name,
      description: [agent.name, agent.id === this.#agent.id ? "(current)" : undefined]
        .filter(Boolean)
        .join(" "),
    }));
  }

  async listCapabilities(): Promise<readonly PickerOption[]> {
    const options: PickerOption[] = [];
    for await (const capability of this.#client.capabilities.list()) {
      options.push({
        id: capability.id,
        label: capability.name || capability.id,
        description: capability.description,
      });
      if (options.length >= MAX_CAPABILITIES) break;
    }
    return options;
  }

  async createAgent(draft: AgentDraft): Promise<boolean> {
    const refuse = (why: string) => {
      this.#dispatch({ type: "error", message: `Could not create agent ${draft.name}: ${why}` });
      return false;
    };
    try {
      // Creating an agent with a name in use updates that agent ("apply by name"): a form
      // that says "new" must never rewrite someone's agent, so a taken name is refused here.
      const page = await this.#client.agents.list({ search: draft.name, limit: 100 });
      if (page.data.some((agent) => agent.name === draft.name)) {
        return refuse(
          `an agent named "${draft.name}" exists already (use /agents ${draft.name} to chat with it, or pick another name).`,
        );
      }
      const agent = await this.#client.agents.create({
        name: draft.name,
        system_prompt: draft.prompt,
        ...(draft.modelId ? { default_model_id: draft.modelId } : {}),
        capabilities: draft.capabilities.map((ref) => ({ ref })),
      });
      this.#agent = { id: agent.id, name: agent.name, label: agent.display_name || agent.name };
    } catch (error) {
      return refuse(messageOf(error));
    }
    // The new agent's own model applies, not one picked earlier with /model.
    this.#modelId = undefined;
    const what = [
      draft.modelId ? `model ${draft.modelId}` : "the server's default model",
      draft.capabilities.length > 0 ? draft.capabilities.join(", ") : "no capabilities",
    ].join("; ");
    await this.#open(
      undefined,
      (session) =>
        `Created agent ${this.#agent.label} (${what}). Now chatting with it (session ${shortId(session.id)}).`,
    );
    return true;
  }

  async switchAgent(idOrName: string): Promise<void> {
    try {
      this.#agent = await resolveAgent(this.#client, idOrName, {
        createMissing: true,
        local: this.server.local,
      });
    } catch (error) {
      this.#dispatch({
        type: "error",
        message: `Could not use agent ${idOrName}: ${messageOf(error)}`,
      });
      return;
    }
    await this.#open(
      undefined,
      (session) => `Now chatting with ${this.#agent.label} (session ${shortId(session.id)}).`,
    );
  }

  async #open(sessionId: string | undefined, notice: (session: Session) => string): Promise<void> {
    let session: Session;
    try {
      session = sessionId
        ? await this.#client.sessions.get(sessionId)
        : await this.#client.sessions.create({
            agent_id: this.#agent.id,
            ...(this.#harness ? { harness_name: this.#harness } : {}),
            ...(this.#modelId ? { model_id: this.#modelId } : {}),
            ...(this.#localTools ? { tools: [...this.#localTools.definitions] } : {}),
          });
      if (session.agent_id && session.agent_id !== this.#agent.id) {
        const agent = await this.#client.agents.get(session.agent_id);
        this.#agent = { id: agent.id, name: agent.name, label: agent.display_name || agent.name };
      }
    } catch (error) {
      const what = sessionId ? `open session ${sessionId}` : "start a session";
      this.#dispatch({ type: "error", message: `Could not ${what}: ${messageOf(error)}` });
      return;
    }
    if (this.#closed) return;
    this.#stopStream();
    const previousUnused = this.#unused;
    this.#unused = sessionId ? undefined : session.id;
    if (previousUnused !== undefined && previousUnused !== session.id) {
      void this.#client.sessions.delete(previousUnused).catch(() => {});
    }
    this.#sessionId = session.id;
    this.#workspaceId = session.workspace_id;
    this.#dispatch({
      type: "session-opened",
      sessionId: session.id,
      agentName: this.#agent.label,
      notice: notice(session),
    });
    this.#follow(session.id);
  }

  #follow(sessionId: string): void {
    const abort = new AbortController();
    const dispatch = (action: ChatAction) => {
      if (!abort.signal.aborted) this.#dispatch(action);
    };
    const stream = streamEvents(this.#client, sessionId, {
      signal: abort.signal,
      ...(this.#idleTimeoutMs !== undefined ? { idleTimeoutMs: this.#idleTimeoutMs } : {}),
      onStateChange: (state) => dispatch({ type: "connection", state }),
    });
    this.#stream = { stream, abort };
    this.#serveLocalTools(sessionId, abort.signal);
    let batch: SessionEvent[] = [];
    const flush = () => {
      const events = batch;
      batch = [];
      if (events.length > 0) dispatch({ type: "events", events });
    };
    void (async () => {
      try {
        for await (const event of stream) {
          if (batch.length === 0) setImmediate(flush);
          batch.push(event);
        }
      } catch (error) {
        flush();
        dispatch({ type: "error", message: `The event stream stopped: ${messageOf(error)}` });
      }
    })();
  }

  /**
   * Serves the session's local tool calls with the SDK's tool runner, beside the chat's own
   * stream: it finds calls left unanswered in the history and never runs an answered one
   * again, so replaying a resumed session asks nothing twice.
   */
  #serveLocalTools(sessionId: string, signal: AbortSignal): void {
    const runner = this.#localTools;
    if (!runner) return;
    const report = (message: string) => {
      if (!signal.aborted) this.#dispatch({ type: "error", message });
    };
    runner
      .serve(this.#client, sessionId, {
        ask: (request, callSignal) => this.#ask(request, callSignal),
        signal,
        onRejected: ({ call }) =>
          report(`Could not send the result of ${call.name}: the server refused it.`),
      })
      .catch((error: unknown) => report(`Local tools stopped: ${messageOf(error)}`));
  }

  #stopStream(): void {
    this.#stream?.abort.abort();
    this.#stream = undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
