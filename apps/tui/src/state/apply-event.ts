import type { ContentPart, SessionEvent, TokenUsage } from "@everruns/core";
import { type ChatState, EVENT_LOG_LIMIT, type EventLogLine, type LastTurn } from "./chat-state.js";
import { summarizeArguments } from "./summarize-arguments.js";
import type { AgentItem, ThinkingItem, ToolItem, TranscriptItem } from "./transcript-item.js";
import { addItem, finishLive, updateLast, withDuration } from "./transcript-ops.js";

/**
 * Applies one session event to the chat state. Events of another session and events already
 * seen are ignored; unknown event types only reach the event log.
 */
export function applyEvent(state: ChatState, event: SessionEvent): ChatState {
  if (state.sessionId !== undefined && event.session_id !== state.sessionId) return state;
  if (state.lastEventId !== undefined && event.id <= state.lastEventId) return state;
  const next: ChatState = {
    ...state,
    lastEventId: event.id,
    eventLog: appendLogLine(state.eventLog, event),
  };
  switch (event.type) {
    case "input.message":
      return onInputMessage(next, textOf(event.data.message.content));
    case "session.activated":
    case "turn.started": {
      const phase = state.turn.phase === "cancelling" ? "cancelling" : "running";
      const startedAt = state.turn.startedAt ?? (Date.parse(event.ts) || undefined);
      return {
        ...next,
        turn: { ...state.turn, phase, turnId: event.data.turn_id, startedAt },
      };
    }
    case "reason.thinking.started":
      return addItem(next, { kind: "thinking", text: "", done: false, startedAt: event.ts });
    case "reason.thinking.delta":
      return (
        updateLast(countStreamed(next, event.data.delta), isLiveThinking, (item) => ({
          ...item,
          text: event.data.accumulated,
        })) ??
        addItem(countStreamed(next, event.data.delta), {
          kind: "thinking",
          text: event.data.accumulated,
          done: false,
          startedAt: event.ts,
        })
      );
    case "reason.thinking.completed":
      return (
        updateLast(next, isLiveThinking, (item) =>
          withDuration({ ...item, text: event.data.thinking, done: true }, event.ts),
        ) ?? addItem(next, { kind: "thinking", text: event.data.thinking, done: true })
      );
    case "output.message.started":
      return addItem(finishStreamingText(next), newAgentItem(""));
    case "output.message.delta":
      return setStreamingText(countStreamed(next, event.data.delta), event.data.accumulated, true);
    case "output.message.replaced":
      return setReplacedText(next, event.data.replacement, event.data.reason_code);
    case "output.message.completed":
      return setStreamingText(next, textOf(event.data.message.content), false);
    case "tool.started":
      return addItem(next, {
        kind: "tool",
        callId: event.data.tool_call.id,
        name: event.data.display_name ?? event.data.tool_call.name,
        argsSummary: summarizeArguments(event.data.tool_call.arguments),
        status: "running",
        clientSide: false,
        startedAt: event.ts,
      });
    case "tool.progress":
      return (
        updateLast(next, toolWithCall(event.data.tool_call_id), (item) => ({
          ...item,
          detail: event.data.message,
        })) ?? next
      );
    case "tool.call_requested": {
      let requested: ChatState = { ...next, turn: { ...next.turn, phase: "waiting_for_tools" } };
      for (const call of event.data.tool_calls) {
        requested = addItem(requested, {
          kind: "tool",
          callId: call.id,
          name: call.name,
          argsSummary: summarizeArguments(call.arguments),
          status: "requested",
          clientSide: true,
          startedAt: event.ts,
        });
      }
      return requested;
    }
    case "tool.completed": {
      const { data } = event;
      const finish = (item: ToolItem): ToolItem => {
        const done: ToolItem = {
          ...item,
          status: data.success ? "success" : "failure",
          outcome: data.status,
        };
        const withError = data.error ? { ...done, detail: data.error } : omitDetail(done);
        return withDuration(withError, event.ts, data.duration_ms);
      };
      const updated = updateLast(next, toolWithCall(data.tool_call_id), finish);
      if (updated) {
        return updated.turn.phase === "waiting_for_tools" && !hasWaitingTool(updated)
          ? { ...updated, turn: { ...updated.turn, phase: "running" } }
          : updated;
      }
      const { id: _id, ...card } = finish({
        kind: "tool",
        id: "",
        callId: data.tool_call_id,
        name: data.display_name ?? data.tool_name,
        argsSummary: "",
        status: "running",
        clientSide: false,
      });
      return addItem(next, card);
    }
    case "turn.completed":
      return endTurn(next, event.ts, "completed", {
        outcome: "completed",
        ...usageField(event.data.usage),
        ...(event.data.duration_ms != null ? { durationMs: event.data.duration_ms } : {}),
      });
    case "turn.failed": {
      const code = event.data.error_code ? ` (${event.data.error_code})` : "";
      const failed = addItem(finishLive(next, "interrupted", event.ts), {
        kind: "error",
        message: `Turn failed: ${event.data.error}${code}`,
      });
      return endTurn(failed, event.ts, "interrupted", { outcome: "failed" });
    }
    case "turn.cancelled": {
      const cancelled = addItem(finishLive(next, "cancelled", event.ts), {
        kind: "notice",
        text: "Turn cancelled.",
        tone: "warning",
      });
      return endTurn(cancelled, event.ts, "cancelled", {
        outcome: "cancelled",
        ...usageField(event.data.usage ?? undefined),
      });
    }
    case "turn.sealed": {
      const detail = event.data.detail ? `: ${event.data.detail}` : "";
      return addItem(next, {
        kind: "notice",
        text: `The server stopped the turn (${event.data.reason}${detail}).`,
        tone: "warning",
      });
    }
    case "session.idled":
      // The turn's own end event normally came first; this only repairs a missed one.
      return next.turn.phase === "idle" ? next : endTurn(next, event.ts, "interrupted", undefined);
    case "file.written":
      return addItem(next, {
        kind: "file",
        path: event.data.path,
        operation: event.data.operation,
        sizeBytes: event.data.size_bytes,
        created: event.data.created,
      });
    default:
      return next;
  }
}

function onInputMessage(state: ChatState, text: string): ChatState {
  const [pending, ...rest] = state.pendingInputs;
  if (pending !== undefined && pending === text) return { ...state, pendingInputs: rest };
  return addItem(state, { kind: "user", text });
}

function endTurn(
  state: ChatState,
  endedAt: string,
  toolOutcome: string,
  lastTurn: LastTurn | undefined,
): ChatState {
  const ended = finishLive(state, toolOutcome, endedAt);
  return {
    ...ended,
    turn: { phase: "idle", turnId: undefined },
    lastTurn: lastTurn ?? ended.lastTurn,
  };
}

function countStreamed(state: ChatState, delta: string): ChatState {
  if (state.turn.phase === "idle") return state;
  const streamedChars = (state.turn.streamedChars ?? 0) + delta.length;
  return { ...state, turn: { ...state.turn, streamedChars } };
}

function newAgentItem(markdown: string): Omit<AgentItem, "id"> {
  return { kind: "agent", markdown, streaming: true, continued: false, committedLength: 0 };
}

/** Sets the whole text of the reply being written; `streaming: false` finishes it. */
function setStreamingText(state: ChatState, accumulated: string, streaming: boolean): ChatState {
  const updated = updateLast(state, isStreamingAgent, (item) => ({
    ...item,
    markdown: accumulated.slice(item.committedLength),
    streaming,
  }));
  if (updated) return updated;
  if (!streaming && accumulated.trim() === "") return state;
  return addItem(state, { ...newAgentItem(accumulated), streaming });
}

function setReplacedText(state: ChatState, replacement: string, reason: string): ChatState {
  const streaming = state.live.find(isStreamingAgent);
  const withdrawn =
    streaming && streaming.committedLength > 0
      ? addItem(state, {
          kind: "notice",
          text: `Part of the reply above was withdrawn (${reason}).`,
          tone: "warning",
        })
      : state;
  const replaced = updateLast(withdrawn, isStreamingAgent, (item) => ({
    ...item,
    // The completed message that follows carries the replacement as its whole text.
    markdown: replacement,
    continued: false,
    committedLength: 0,
  }));
  return replaced ?? addItem(withdrawn, newAgentItem(replacement));
}

function finishStreamingText(state: ChatState): ChatState {
  return updateLast(state, isStreamingAgent, (item) => ({ ...item, streaming: false })) ?? state;
}

function usageField(usage: TokenUsage | null | undefined): { usage?: TokenUsage } {
  return usage ? { usage } : {};
}

function omitDetail(item: ToolItem): ToolItem {
  if (item.status !== "success" || item.detail === undefined) return item;
  const { detail: _detail, ...rest } = item;
  return rest;
}

function hasWaitingTool(state: ChatState): boolean {
  return state.live.some((item) => item.kind === "tool" && item.status === "requested");
}

function isStreamingAgent(item: TranscriptItem): item is AgentItem {
  return item.kind === "agent" && item.streaming;
}

function isLiveThinking(item: TranscriptItem): item is ThinkingItem {
  return item.kind === "thinking" && !item.done;
}

function toolWithCall(callId: string) {
  return (item: TranscriptItem): item is ToolItem =>
    item.kind === "tool" && item.callId === callId && item.status !== "success";
}

/** The text parts of a message, joined. */
export function textOf(content: readonly ContentPart[]): string {
  return content
    .map((part) => (part.type === "text" && "text" in part ? part.text : ""))
    .filter((text) => text !== "")
    .join("\n");
}

function appendLogLine(log: readonly EventLogLine[], event: SessionEvent): readonly EventLogLine[] {
  const line: EventLogLine = { id: event.id, type: event.type, summary: summarizeData(event) };
  const kept = log.length >= EVENT_LOG_LIMIT ? log.slice(log.length - EVENT_LOG_LIMIT + 1) : log;
  return [...kept, line];
}

function summarizeData(event: SessionEvent): string {
  if (event.type === "output.message.delta" || event.type === "reason.thinking.delta") {
    return JSON.stringify(event.data.delta);
  }
  const json = JSON.stringify(event.data) ?? "";
  return json.length > 160 ? `${json.slice(0, 159)}…` : json;
}
