import { Box, Text } from "ink";
import type { IndentedLine } from "../internal/hanging-indent.js";

/**
 * Rendered markdown, one Ink row per line, each wrapped under its own indent (a long list
 * item continues under its text).
 */
export function MarkdownBlock({ lines }: { readonly lines: readonly IndentedLine[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        // Lines have no identity but their position, and the list only grows at the end.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Box key={index}>
          {line.indentWidth > 0 ? <Text>{line.indent}</Text> : null}
          <Box flexShrink={1} flexGrow={1}>
            <Text>{line.body === "" ? " " : line.body}</Text>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
