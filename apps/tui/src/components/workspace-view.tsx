import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import type { WorkspaceView as View } from "../state/workspace-view.js";
import { useTheme } from "./theme-context.js";
import { workspaceLines } from "./workspace-lines.js";

/** What `/files` showed: a workspace tree with sizes, or the beginning of one file. */
export function WorkspaceView({ view, width }: { readonly view: View; readonly width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {workspaceLines(view, width).map((line, index) => {
        const color =
          line.tone === "title" || line.tone === "folder"
            ? theme.accent
            : line.tone === "muted" || line.tone === "content"
              ? theme.muted
              : undefined;
        return (
          // Rows never change order or count: the index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Text key={index} wrap="truncate-end" bold={line.tone === "title"}>
            <Text {...fg(color)}>
              {line.tone === "content" ? line.text.slice(0, 4) : line.text}
            </Text>
            {line.tone === "content" ? line.text.slice(4) : null}
            {line.size ? <Text {...fg(theme.muted)}>{line.size}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
