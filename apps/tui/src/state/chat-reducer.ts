import { applyEvent } from "./apply-event.js";
import type { ChatAction, ChatState } from "./chat-state.js";
import { addItem, finishLive } from "./transcript-ops.js";

/**
 * The chat screen's reducer: session events and UI actions in, a new state out. Pure; no
 * terminal, no network, so every path is unit-tested with recorded event sequences.
 */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "event":
      return applyEvent(state, action.event);
    case "events":
      return action.events.reduce(applyEvent, state);
    case "session-opened": {
      const opened: ChatState = {
        ...finishLive(state, "interrupted"),
        sessionId: action.sessionId,
        agentName: action.agentName ?? state.agentName,
        turn: { phase: "idle", turnId: undefined },
        pendingInputs: [],
        queued: [],
        approvals: [],
        lastEventId: undefined,
        eventLog: [],
      };
      return action.notice
        ? addItem(opened, { kind: "notice", text: action.notice, tone: "info" })
        : opened;
    }
    case "submit":
      return addItem(
        {
          ...state,
          turn: { phase: "sending", turnId: undefined, startedAt: action.at, streamedChars: 0 },
          pendingInputs: [...state.pendingInputs, action.text],
          queued:
            action.fromQueue && state.queued[0] === action.text
              ? state.queued.slice(1)
              : state.queued,
        },
        { kind: "user", text: action.text },
      );
    case "queue":
      return { ...state, queued: [...state.queued, action.text] };
    case "approval-requested":
      return { ...state, approvals: [...state.approvals, action.request] };
    case "approval-answered":
      return {
        ...state,
        approvals: state.approvals.filter((request) => request.callId !== action.callId),
      };
    case "unqueue-last":
      return state.queued.length === 0 ? state : { ...state, queued: state.queued.slice(0, -1) };
    case "submit-failed": {
      const index = state.pendingInputs.lastIndexOf(action.text);
      const pendingInputs =
        index === -1
          ? state.pendingInputs
          : [...state.pendingInputs.slice(0, index), ...state.pendingInputs.slice(index + 1)];
      return addItem(
        { ...state, pendingInputs, turn: { phase: "idle", turnId: undefined } },
        { kind: "error", message: `Message not sent: ${action.message}` },
      );
    }
    case "cancel-requested":
      return state.turn.phase === "idle"
        ? state
        : { ...state, turn: { ...state.turn, phase: "cancelling" } };
    case "cancel-failed":
      return addItem(
        { ...state, turn: { ...state.turn, phase: state.turn.turnId ? "running" : "idle" } },
        { kind: "error", message: `Could not cancel the turn: ${action.message}` },
      );
    case "connection":
      return onConnection(state, action.state);
    case "error":
      return addItem(state, {
        kind: "error",
        message: action.message,
        ...(action.detail !== undefined ? { detail: action.detail } : {}),
      });
    case "notice":
      return addItem(state, { kind: "notice", text: action.text, tone: action.tone ?? "info" });
    case "workspace-shown":
      return addItem(state, { kind: "workspace", view: action.view });
    case "toggle-thinking":
      return { ...state, showThinking: !state.showThinking, historyEpoch: state.historyEpoch + 1 };
    case "toggle-events":
      return { ...state, showEvents: !state.showEvents };
    case "clear":
      return { ...state, history: [], historyEpoch: state.historyEpoch + 1 };
    case "redraw":
      return { ...state, historyEpoch: state.historyEpoch + 1 };
  }
}

function onConnection(state: ChatState, connection: ChatState["connection"]): ChatState {
  const previous = state.connection;
  const next = { ...state, connection };
  if (connection === "reconnecting" && previous !== "reconnecting") {
    return addItem(next, {
      kind: "notice",
      text: "Connection to the event stream lost; reconnecting…",
      tone: "warning",
    });
  }
  if (connection === "live" && previous === "reconnecting") {
    return addItem(next, { kind: "notice", text: "Reconnected.", tone: "success" });
  }
  return next;
}
