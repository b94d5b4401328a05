import { Box, Text } from "ink";
import Spinner from "ink-spinner";
import { fg } from "../internal/theme.js";
import type { ToolItem } from "../state/transcript-item.js";
import { formatDuration } from "./format.js";
import { useTheme } from "./theme-context.js";

/**
 * A compact card for a tool call: an icon (a spinner while it runs), the tool name, a short
 * argument summary, then the outcome and duration. A failure adds its error on a second line.
 */
export function ToolCard({ item }: { readonly item: ToolItem }) {
  const theme = useTheme();
  const duration = item.durationMs !== undefined ? ` · ${formatDuration(item.durationMs)}` : "";
  let icon: React.ReactNode;
  let status: string;
  let color: string | undefined;
  switch (item.status) {
    case "running":
      icon = <Spinner type="dots" />;
      status = item.detail ? ` · ${item.detail}` : "";
      color = theme.accent;
      break;
    case "requested":
      icon = "⧗";
      status = " · waiting for the client";
      color = theme.warning;
      break;
    case "success":
      icon = "✔";
      status = duration;
      color = theme.success;
      break;
    case "failure":
      icon = "✖";
      status = ` · ${item.outcome ?? "failed"}${duration}`;
      color = theme.error;
      break;
  }
  return (
    <Box flexDirection="column">
      <Box>
        <Text {...fg(color)}>{icon} </Text>
        <Text wrap="truncate-end">
          <Text bold>{item.name}</Text>
          {item.clientSide ? <Text {...fg(theme.muted)}> (client)</Text> : null}
          {item.argsSummary ? <Text {...fg(theme.muted)}> {item.argsSummary}</Text> : null}
          <Text {...fg(item.status === "failure" ? theme.error : theme.muted)}>{status}</Text>
        </Text>
      </Box>
      {item.status === "failure" && item.detail ? (
        <Box paddingLeft={2}>
          <Text {...fg(theme.error)} wrap="truncate-end">
            {item.detail}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
