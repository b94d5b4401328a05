import type { SessionEvent } from "@everruns/core";
import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import { useTheme } from "./theme-context.js";

/** State of the `/events` viewer; the app owns it and routes keys into it. */
export interface EventViewerState {
  readonly events: readonly SessionEvent[];
  readonly query: string;
  /** Index into the filtered events. */
  readonly selected: number;
  /** First line of the selected event's JSON shown (PgUp / PgDn). */
  readonly jsonOffset: number;
}

/**
 * The session's events: a list to move through (↑↓), filtered by what is typed (type or
 * data), and the selected event as pretty JSON below, scrolled with PgUp / PgDn. Esc closes.
 */
export function EventViewer({
  viewer,
  shown,
  width,
  rows,
}: {
  readonly viewer: EventViewerState;
  /** The filtered events. */
  readonly shown: readonly SessionEvent[];
  readonly width: number;
  /** Rows the viewer may take in all. */
  readonly rows: number;
}) {
  const theme = useTheme();
  const listRows = Math.max(3, Math.min(10, Math.floor((rows - 5) / 2)));
  const jsonRows = Math.max(3, rows - listRows - 5);
  const first = Math.max(
    0,
    Math.min(viewer.selected - Math.floor(listRows / 2), shown.length - listRows),
  );
  const visible = shown.slice(first, first + listRows);
  const selected = shown[viewer.selected];
  const json = selected ? JSON.stringify(selected, null, 2).split("\n") : [];
  const offset = Math.max(0, Math.min(viewer.jsonOffset, json.length - jsonRows));
  return (
    <Box flexDirection="column" borderStyle="single" width={width} paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold>events</Text>
        <Text {...fg(theme.muted)}>{` ${shown.length} of ${viewer.events.length} · filter: `}</Text>
        {viewer.query}
        <Text inverse> </Text>
        <Text {...fg(theme.muted)}> · ↑↓ choose · PgUp/PgDn scroll · Esc close</Text>
      </Text>
      {visible.map((event, index) => {
        const isSelected = first + index === viewer.selected;
        return (
          <Text key={event.id} wrap="truncate-end" {...fg(isSelected ? theme.accent : theme.muted)}>
            {isSelected ? "❯ " : "  "}
            {`${event.sequence ?? ""} ${event.type} `.trimStart()}
            <Text {...fg(theme.muted)}>{JSON.stringify(event.data)}</Text>
          </Text>
        );
      })}
      {shown.length === 0 ? <Text {...fg(theme.muted)}>no event matches</Text> : null}
      {selected ? (
        <Box flexDirection="column" marginTop={1}>
          {json.slice(offset, offset + jsonRows).map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one JSON text, by position
            <Text key={offset + index} wrap="truncate-end">
              {line}
            </Text>
          ))}
          {json.length > offset + jsonRows ? (
            <Text
              {...fg(theme.muted)}
            >{`… ${json.length - offset - jsonRows} more lines (PgDn)`}</Text>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
}
