import type { SessionEvent } from "@everruns/core";
import type { ChatController, PickerOption, ServerInfo } from "../chat-controller.js";
import type { AgentDraft } from "../state/agent-form.js";
import type { ChatAction } from "../state/chat-state.js";
import type { WorkspaceView } from "../state/workspace-view.js";

/** Session id used by the fixtures. */
export const FIXTURE_SESSION = "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012";

/**
 * A controller for component tests: records what the app asked for, and lets the test
 * push events and actions into the app as a real session would.
 */
export class ScriptedController implements ChatController {
  readonly server: ServerInfo;
  readonly sent: string[] = [];
  readonly calls: string[] = [];
  sessions: PickerOption[] = [];
  agents: PickerOption[] = [];
  stopped = false;
  #dispatch: ((action: ChatAction) => void) | undefined;

  constructor(server: ServerInfo = { label: "local dev server", local: true }) {
    this.server = server;
  }

  start(dispatch: (action: ChatAction) => void): () => void {
    this.#dispatch = dispatch;
    dispatch({ type: "session-opened", sessionId: FIXTURE_SESSION, agentName: "Test agent" });
    dispatch({ type: "connection", state: "live" });
    return () => {
      this.stopped = true;
    };
  }

  /** Pushes an action into the app, as the session stream would. */
  dispatch(action: ChatAction): void {
    if (!this.#dispatch) throw new Error("the app has not started the controller");
    this.#dispatch(action);
  }

  /** Everything pushed with {@link emit}, for `/events`. */
  readonly emitted: SessionEvent[] = [];

  /** Pushes session events into the app. */
  emit(...events: SessionEvent[]): void {
    for (const event of events) {
      this.emitted.push(event);
      this.dispatch({ type: "event", event });
    }
  }

  models: PickerOption[] = [];
  async listModels(): Promise<readonly PickerOption[]> {
    return this.models;
  }
  async listHarnesses(): Promise<readonly PickerOption[]> {
    return [{ id: "generic", label: "Generic" }];
  }
  async startWith(choice: { modelId?: string; harness?: string }): Promise<void> {
    this.calls.push(`startWith ${JSON.stringify(choice)}`);
  }

  capabilities: PickerOption[] = [];
  async listCapabilities(): Promise<readonly PickerOption[]> {
    return this.capabilities;
  }
  /** Drafts `/agents new` sent, and what `createAgent` answers (false: the server refused). */
  readonly drafts: AgentDraft[] = [];
  createResult = true;
  async createAgent(draft: AgentDraft): Promise<boolean> {
    this.drafts.push(draft);
    return this.createResult;
  }

  /** What `readWorkspace` answers; unset, it rejects as a missing path would. */
  workspace: WorkspaceView | undefined;
  async readWorkspace(path: string): Promise<WorkspaceView> {
    this.calls.push(`readWorkspace ${path}`);
    if (!this.workspace) throw new Error(`${path} is not in this session's workspace`);
    return this.workspace;
  }

  async listEvents(): Promise<readonly SessionEvent[]> {
    return this.emitted;
  }

  async send(text: string): Promise<void> {
    this.sent.push(text);
  }
  async cancel(): Promise<void> {
    this.calls.push("cancel");
  }
  async newSession(): Promise<void> {
    this.calls.push("newSession");
  }
  async listSessions(): Promise<readonly PickerOption[]> {
    return this.sessions;
  }
  async resumeSession(sessionId: string): Promise<void> {
    this.calls.push(`resumeSession ${sessionId}`);
  }
  async listAgents(): Promise<readonly PickerOption[]> {
    return this.agents;
  }
  async switchAgent(idOrName: string): Promise<void> {
    this.calls.push(`switchAgent ${idOrName}`);
  }
}
