import { Box, Text } from "ink";
import type { IndentedLine } from "../internal/hanging-indent.js";
import { wrapText } from "../internal/wrap-text.js";

/**
 * Rendered markdown, one Ink row per line, each wrapped under its own indent (a long list
 * item continues under its text).
 */
export function MarkdownBlock({
  lines,
  width,
}: {
  readonly lines: readonly IndentedLine[];
  /** Columns of the block: bodies are wrapped here, without a stray space on a wrapped row. */
  readonly width?: number;
}) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        // Lines have no identity but their position, and the list only grows at the end.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Box key={index}>
          {line.indentWidth > 0 ? <Text>{line.indent}</Text> : null}
          <Box flexShrink={1} flexGrow={1}>
            <Text>
              {line.body === ""
                ? " "
                : width === undefined
                  ? line.body
                  : wrapText(line.body, width - line.indentWidth)}
            </Text>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
