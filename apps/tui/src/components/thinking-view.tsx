import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import type { ThinkingItem } from "../state/transcript-item.js";
import { formatDuration } from "./format.js";
import { useTheme } from "./theme-context.js";

/**
 * The model's thinking, dimmed: one line (its latest line while it thinks, its first line
 * once done) unless `expanded`, then the whole text.
 */
export function ThinkingView({
  item,
  expanded,
}: {
  readonly item: ThinkingItem;
  readonly expanded: boolean;
}) {
  const theme = useTheme();
  const lines = item.text.split("\n").filter((line) => line.trim() !== "");
  const header = item.done
    ? `✻ Thought${item.durationMs !== undefined ? ` for ${formatDuration(item.durationMs)}` : ""}`
    : "✻ Thinking…";
  if (!expanded) {
    const line = (item.done ? lines[0] : lines.at(-1)) ?? "";
    return (
      <Text dimColor {...fg(theme.muted)} wrap="truncate-end">
        {header}
        {line ? ` · ${line}` : ""}
        {lines.length > 1 ? "  (Ctrl+T to expand)" : ""}
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text dimColor {...fg(theme.muted)}>
        {header}
      </Text>
      <Box paddingLeft={2}>
        <Text dimColor {...fg(theme.muted)} italic>
          {item.text.trim()}
        </Text>
      </Box>
    </Box>
  );
}
