import type { ContentPart, SessionEvent } from "@everruns/core";

/** One block of the transcript. */
export type TranscriptItem =
  | { kind: "user"; key: string; text: string }
  | { kind: "assistant"; key: string; text: string; streaming: boolean }
  | { kind: "thinking"; key: string; text: string }
  | {
      kind: "tool";
      key: string;
      name: string;
      args: unknown;
      status: string;
      result: string | undefined;
    }
  | { kind: "file"; key: string; path: string }
  | { kind: "notice"; key: string; text: string; tone: "error" | "info" };

/** The text parts of a message's content, joined. */
export function textOf(content: readonly ContentPart[] | undefined): string {
  return (content ?? [])
    .map((part) => (part.type === "text" ? part.text : ""))
    .filter(Boolean)
    .join("\n\n");
}

/**
 * Folds a session's events into what a reader wants: user messages, the agent's replies
 * (growing with each delta until completed), thinking, tool calls with their outcome, files
 * written and how turns ended. Unknown event types are left to the timeline, except
 * `file.written`, which the API sends when an agent writes to the workspace.
 */
export function buildTranscript(events: readonly SessionEvent[]): TranscriptItem[] {
  const items: TranscriptItem[] = [];
  const tools = new Map<string, Extract<TranscriptItem, { kind: "tool" }>>();
  let reply: Extract<TranscriptItem, { kind: "assistant" }> | undefined;
  let thinking: Extract<TranscriptItem, { kind: "thinking" }> | undefined;

  for (const event of events) {
    switch (event.type) {
      case "input.message":
        items.push({ kind: "user", key: event.id, text: textOf(event.data.message.content) });
        break;
      case "reason.thinking.started":
        thinking = { kind: "thinking", key: event.id, text: "" };
        items.push(thinking);
        break;
      case "reason.thinking.delta":
        if (!thinking) {
          thinking = { kind: "thinking", key: event.id, text: "" };
          items.push(thinking);
        }
        thinking.text = event.data.accumulated;
        break;
      case "reason.thinking.completed":
        thinking = undefined;
        break;
      case "output.message.started":
        reply = { kind: "assistant", key: event.id, text: "", streaming: true };
        items.push(reply);
        break;
      case "output.message.delta":
        if (!reply) {
          reply = { kind: "assistant", key: event.id, text: "", streaming: true };
          items.push(reply);
        }
        reply.text = event.data.accumulated;
        break;
      case "output.message.completed": {
        const text = textOf(event.data.message.content);
        if (reply) {
          reply.text = text || reply.text;
          reply.streaming = false;
        } else if (text) {
          items.push({ kind: "assistant", key: event.id, text, streaming: false });
        }
        reply = undefined;
        break;
      }
      case "tool.started": {
        const call = event.data.tool_call;
        const item = {
          kind: "tool" as const,
          key: event.id,
          name: event.data.display_name || call.name,
          args: call.arguments,
          status: "running",
          result: undefined,
        };
        tools.set(call.id, item);
        items.push(item);
        break;
      }
      case "tool.completed": {
        const item = tools.get(event.data.tool_call_id);
        const result = event.data.error ?? (textOf(event.data.result ?? []) || undefined);
        if (item) {
          item.status = event.data.status;
          item.result = result;
        } else {
          items.push({
            kind: "tool",
            key: event.id,
            name: event.data.tool_name,
            args: undefined,
            status: event.data.status,
            result,
          });
        }
        break;
      }
      case "turn.failed":
        if (reply) reply.streaming = false;
        reply = undefined;
        items.push({
          kind: "notice",
          key: event.id,
          tone: "error",
          text: `Turn failed${event.data.error_code ? ` (${event.data.error_code})` : ""}: ${event.data.error}`,
        });
        break;
      case "turn.cancelled":
        if (reply) reply.streaming = false;
        reply = undefined;
        items.push({ kind: "notice", key: event.id, tone: "info", text: "Turn cancelled." });
        break;
      default:
        if ((event.type as string) === "file.written") {
          const path = (event.data as { path?: unknown } | null)?.path;
          if (typeof path === "string") items.push({ kind: "file", key: event.id, path });
        }
    }
  }
  return items;
}

/** True while a turn is running: the last turn event is a start. */
export function turnRunning(events: readonly SessionEvent[]): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const type = events[i]?.type;
    if (type === "turn.started") return true;
    if (type === "turn.completed" || type === "turn.failed" || type === "turn.cancelled") {
      return false;
    }
  }
  return false;
}
