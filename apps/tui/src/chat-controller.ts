import type { SessionEvent } from "@everruns/core";
import type { ApprovalDecision } from "./local-tools/approval.js";
import type { AgentDraft } from "./state/agent-form.js";
import type { ChatAction } from "./state/chat-state.js";
import type { WorkspaceView } from "./state/workspace-view.js";

/** One entry of a picker (`/sessions`, `/agents`). */
export interface PickerOption {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

/** Where the app is connected, for the footer. */
export interface ServerInfo {
  /** The host of the API, or `local dev server` for the embedded one. */
  readonly label: string;
  /** True when the app started its own embedded dev server. */
  readonly local: boolean;
  /** The embedded dev server's database file, when it is kept on disk. */
  readonly dataFile?: string;
  /** The API base URL of a remote server (for the resume command); unset for the local one. */
  readonly url?: string;
  /** True when nothing outlives the run (the embedded dev server in memory). */
  readonly ephemeral?: boolean;
}

/**
 * What the chat screen needs from the outside world. The real one
 * (`SessionController`) talks to the API; component tests use a scripted one.
 *
 * Methods never reject: they report failures by dispatching `error` actions, so that an
 * error is shown inline and never crashes the UI.
 */
export interface ChatController {
  readonly server: ServerInfo;
  /** Opens the session (new or resumed) and its event stream; returns a stop function. */
  start(dispatch: (action: ChatAction) => void): () => void;
  /** Sends a user message, which starts a turn. */
  send(text: string): Promise<void>;
  /** Cancels the running turn on the server. */
  cancel(): Promise<void>;
  /** Starts a new session with the same agent. */
  newSession(): Promise<void>;
  /** Recent sessions of the server (any agent), newest first. */
  listSessions(): Promise<readonly PickerOption[]>;
  /** Switches to a session and shows its history. */
  resumeSession(sessionId: string): Promise<void>;
  /** Agents to pick from. */
  listAgents(): Promise<readonly PickerOption[]>;
  /** Switches to an agent (an id, or a name created when missing) in a new session. */
  switchAgent(idOrName: string): Promise<void>;
  /** Capabilities of the server, for `/agents new`. */
  listCapabilities?(): Promise<readonly PickerOption[]>;
  /**
   * Creates an agent (`/agents new`) and switches to it in a new session. Resolves false when
   * the server refused it (the error is dispatched).
   */
  createAgent?(draft: AgentDraft): Promise<boolean>;
  /** Models of the server, for `/model` and `/agents new`. */
  listModels?(): Promise<readonly PickerOption[]>;
  /** Harnesses of the server, for `/harness`. */
  listHarnesses?(): Promise<readonly PickerOption[]>;
  /**
   * Opens a new session with this model or harness (neither can change on a running
   * session); later new sessions keep the choice.
   */
  startWith?(choice: { readonly modelId?: string; readonly harness?: string }): Promise<void>;
  /** The current session's most recent events (for `/events`), oldest first. */
  listEvents?(): Promise<readonly SessionEvent[]>;
  /**
   * The current session's workspace for `/files`: the tree under a folder (default the root),
   * or the beginning of a file. Rejects with a readable message.
   */
  readWorkspace?(path: string): Promise<WorkspaceView>;
  /** Answers an `approval-requested` action: may the local tool call run? */
  answerApproval?(callId: string, decision: ApprovalDecision): void;
}
