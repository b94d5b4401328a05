import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import type { EventLogLine } from "../state/chat-state.js";
import { useTheme } from "./theme-context.js";

/** Rows of raw events the panel shows. */
export const EVENT_LOG_ROWS = 8;

/** The raw event log (`/events`): the latest events, one line each, for debugging. */
export function EventLogPanel({
  lines,
  width,
}: {
  readonly lines: readonly EventLogLine[];
  readonly width: number;
}) {
  const theme = useTheme();
  const shown = lines.slice(-EVENT_LOG_ROWS);
  return (
    <Box flexDirection="column" borderStyle="single" width={width} paddingX={1}>
      <Text bold>
        events <Text {...fg(theme.muted)}>(latest {shown.length}; /events hides)</Text>
      </Text>
      {shown.map((line) => (
        <Text key={line.id} wrap="truncate-end" {...fg(theme.muted)}>
          <Text {...fg(theme.accent)}>{line.type}</Text> {line.summary}
        </Text>
      ))}
    </Box>
  );
}
