import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import { useTheme } from "./theme-context.js";

/**
 * Messages typed during a turn, waiting to be sent: one line each, cut to the width, with
 * how to take the newest back (↑ on an empty input) to edit or delete it.
 */
export function QueuedMessages({
  queued,
  width,
}: {
  readonly queued: readonly string[];
  readonly width: number;
}) {
  const theme = useTheme();
  if (queued.length === 0) return null;
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      {queued.map((text, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same text may be queued twice
        <Text key={index} wrap="truncate-end" {...fg(theme.muted)}>
          {"queued › "}
          {text.replace(/\n/g, " ⏎ ")}
          {index === queued.length - 1 ? "  (↑ to edit)" : ""}
        </Text>
      ))}
    </Box>
  );
}
