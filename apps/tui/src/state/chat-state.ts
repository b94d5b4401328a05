import type { SessionEvent, TokenUsage } from "@everruns/core";
import type { ApprovalRequest } from "../local-tools/approval.js";
import type { NoticeTone, TranscriptItem } from "./transcript-item.js";
import type { WorkspaceView } from "./workspace-view.js";

/**
 * The states of a session's event stream, as `@everruns/streaming` reports them, plus
 * `idle` before any stream was opened.
 */
export type ConnectionState = "idle" | "connecting" | "live" | "reconnecting" | "closed";

/** Where the current turn is, from the user's point of view. */
export type TurnPhase = "idle" | "sending" | "running" | "waiting_for_tools" | "cancelling";

/** The running turn, for the footer's spinner line. */
export interface TurnState {
  readonly phase: TurnPhase;
  readonly turnId: string | undefined;
  /** When the turn started (ms since the epoch): the user's submit, else `turn.started`. */
  readonly startedAt?: number | undefined;
  /** Characters of text and thinking streamed so far in this turn (tokens ≈ chars / 4). */
  readonly streamedChars?: number;
}

/** How the last turn ended, for the footer. */
export interface LastTurn {
  readonly outcome: "completed" | "failed" | "cancelled";
  readonly usage?: TokenUsage;
  readonly durationMs?: number;
}

/** One line of the raw event log (`/events`). */
export interface EventLogLine {
  readonly id: string;
  readonly type: string;
  readonly summary: string;
}

/** How many raw events the event log keeps. */
export const EVENT_LOG_LIMIT = 50;

/**
 * Everything the chat screen shows, outside the input box.
 *
 * `history` holds finished items in order and only ever grows (until `/clear`): it is what
 * Ink's `<Static>` writes once. `live` holds the unfinished tail of the running turn, in
 * order; an event only ever rewrites `live`, so its cost does not depend on the history.
 */
export interface ChatState {
  readonly history: readonly TranscriptItem[];
  readonly live: readonly TranscriptItem[];
  readonly sessionId: string | undefined;
  /** Display name of the agent the session runs with. */
  readonly agentName: string | undefined;
  readonly turn: TurnState;
  readonly lastTurn: LastTurn | undefined;
  readonly connection: ConnectionState;
  readonly showThinking: boolean;
  readonly showEvents: boolean;
  readonly eventLog: readonly EventLogLine[];
  /** Texts sent by this client whose `input.message` has not arrived yet. */
  readonly pendingInputs: readonly string[];
  /** Local tool calls waiting for the user's yes / no / always, oldest first. */
  readonly approvals: readonly ApprovalRequest[];
  /** Messages typed during a turn, sent one by one when turns end (oldest first). */
  readonly queued: readonly string[];
  readonly lastEventId: string | undefined;
  /**
   * Bumped when the history must be written again from the top (`/clear`, toggling thinking,
   * a resize): the view remounts `<Static>` under a new key.
   */
  readonly historyEpoch: number;
  readonly nextId: number;
}

/** Every change the chat screen knows. */
export type ChatAction =
  | { readonly type: "event"; readonly event: SessionEvent }
  | {
      readonly type: "session-opened";
      readonly sessionId: string;
      readonly agentName?: string;
      readonly notice?: string;
    }
  | { readonly type: "events"; readonly events: readonly SessionEvent[] }
  | {
      readonly type: "submit";
      readonly text: string;
      /** When it was sent (ms since the epoch), for the elapsed time. */
      readonly at?: number;
      /** True when the text is the first queued message, which it takes off the queue. */
      readonly fromQueue?: boolean;
    }
  | { readonly type: "queue"; readonly text: string }
  | { readonly type: "unqueue-last" }
  | { readonly type: "approval-requested"; readonly request: ApprovalRequest }
  | { readonly type: "approval-answered"; readonly callId: string }
  | { readonly type: "submit-failed"; readonly text: string; readonly message: string }
  | { readonly type: "cancel-requested" }
  | { readonly type: "cancel-failed"; readonly message: string }
  | { readonly type: "connection"; readonly state: ConnectionState }
  | { readonly type: "error"; readonly message: string; readonly detail?: string }
  | { readonly type: "notice"; readonly text: string; readonly tone?: NoticeTone }
  | { readonly type: "workspace-shown"; readonly view: WorkspaceView }
  | { readonly type: "toggle-thinking" }
  | { readonly type: "toggle-events" }
  | { readonly type: "clear" }
  | { readonly type: "redraw" };

/** The state of a fresh screen: no session yet, thinking collapsed, event log hidden. */
export function initialChatState(): ChatState {
  return {
    history: [],
    live: [],
    sessionId: undefined,
    agentName: undefined,
    turn: { phase: "idle", turnId: undefined },
    lastTurn: undefined,
    connection: "idle",
    showThinking: false,
    showEvents: false,
    eventLog: [],
    pendingInputs: [],
    queued: [],
    approvals: [],
    lastEventId: undefined,
    historyEpoch: 0,
    nextId: 1,
  };
}
