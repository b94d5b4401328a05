import type { SessionEvent } from "@everruns/core";
import { useCallback, useMemo, useState } from "react";
import { formatClock } from "../lib/format-time.ts";
import { VirtualList } from "./virtual-list.tsx";

const ROW_HEIGHT = 26;
const JSON_LINE_HEIGHT = 16;
const MAX_JSON_LINES = 30;

/**
 * Every event of the session in order, virtualized: filter by type (chips with counts), click
 * a row to expand the event as pretty JSON. Follows the tail while scrolled to the bottom.
 */
export function EventTimeline({ events }: { events: readonly SessionEvent[] }) {
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const counts = useMemo(() => {
    const byType = new Map<string, number>();
    for (const event of events) byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
    return [...byType].sort((a, b) => a[0].localeCompare(b[0]));
  }, [events]);
  const visible = useMemo(
    () => (shown.size === 0 ? events : events.filter((event) => shown.has(event.type))),
    [events, shown],
  );
  const pretty = useMemo(() => new Map<string, string[]>(), []);
  const linesOf = useCallback(
    (event: SessionEvent) => {
      let lines = pretty.get(event.id);
      if (!lines) {
        lines = JSON.stringify(event, null, 2).split("\n");
        pretty.set(event.id, lines);
      }
      return lines;
    },
    [pretty],
  );
  const rowHeight = useCallback(
    (index: number) => {
      const event = visible[index];
      if (!event || !open.has(event.id)) return ROW_HEIGHT;
      return ROW_HEIGHT + Math.min(linesOf(event).length, MAX_JSON_LINES) * JSON_LINE_HEIGHT + 12;
    },
    [visible, open, linesOf],
  );
  const toggle = (set: ReadonlySet<string>, value: string) => {
    const next = new Set(set);
    if (!next.delete(value)) next.add(value);
    return next;
  };

  const renderRow = (index: number) => {
    const event = visible[index];
    if (!event) return null;
    const expanded = open.has(event.id);
    return (
      <div className={expanded ? "event expanded" : "event"}>
        <button
          type="button"
          className="event-line"
          aria-expanded={expanded}
          onClick={() => setOpen((current) => toggle(current, event.id))}
        >
          <span className="seq">{event.sequence ?? ""}</span>
          <span className="clock">{formatClock(event.ts)}</span>
          <span className={`type type-${event.type.split(".")[0]}`}>{event.type}</span>
          <span className="summary">{summarize(event)}</span>
        </button>
        {expanded && (
          <pre
            className="event-json"
            style={{ height: Math.min(linesOf(event).length, MAX_JSON_LINES) * JSON_LINE_HEIGHT }}
          >
            {linesOf(event).join("\n")}
          </pre>
        )}
      </div>
    );
  };

  return (
    <div className="timeline">
      <fieldset className="chips">
        <legend className="muted small">Filter by type</legend>
        {counts.map(([type, count]) => (
          <button
            type="button"
            key={type}
            className={shown.has(type) ? "chip on" : "chip"}
            aria-pressed={shown.has(type)}
            onClick={() => setShown((current) => toggle(current, type))}
          >
            {type} <span className="muted">{count}</span>
          </button>
        ))}
        {shown.size > 0 && (
          <button type="button" className="chip link" onClick={() => setShown(new Set())}>
            show all
          </button>
        )}
      </fieldset>
      <VirtualList
        label="Events"
        count={visible.length}
        rowHeight={rowHeight}
        renderRow={renderRow}
        followTail
      />
    </div>
  );
}

// One line of what the event says, for the collapsed row.
function summarize(event: SessionEvent): string {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== "object") return "";
  if (typeof data.delta === "string") return data.delta;
  if (typeof data.error === "string") return data.error;
  if (typeof data.tool_name === "string") return `${data.tool_name} ${String(data.status ?? "")}`;
  const call = data.tool_call as { name?: unknown } | undefined;
  if (call && typeof call.name === "string") return call.name;
  if (typeof data.path === "string") return data.path;
  const message = data.message as { role?: unknown; content?: { text?: unknown }[] } | undefined;
  const text = message?.content?.find((part) => typeof part.text === "string")?.text;
  if (typeof text === "string") return `${String(message?.role ?? "")}: ${text}`;
  return typeof data.turn_id === "string" ? data.turn_id : "";
}
