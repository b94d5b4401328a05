import { Box, Text } from "ink";
import { type IndentedLine, splitIndents } from "../internal/hanging-indent.js";
import { renderMarkdown } from "../internal/render-markdown.js";
import { fg } from "../internal/theme.js";
import { wrapText } from "../internal/wrap-text.js";
import type { AgentItem, TranscriptItem } from "../state/transcript-item.js";
import { formatBytes } from "./format.js";
import { MarkdownBlock } from "./markdown-block.js";
import { useTheme } from "./theme-context.js";
import { ThinkingView } from "./thinking-view.js";
import { ToolCard } from "./tool-card.js";
import { WorkspaceView } from "./workspace-view.js";

/** Columns the gutter (`› `, `✦ `) takes before message text. */
export const GUTTER = 2;

/** One finished (or live) transcript item, laid out for a terminal `width` columns wide. */
export function TranscriptItemView({
  item,
  width,
  showThinking,
  compact = false,
}: {
  readonly item: TranscriptItem;
  readonly width: number;
  readonly showThinking: boolean;
  /** No top margin: used for a card that follows another card. */
  readonly compact?: boolean;
}) {
  const theme = useTheme();
  const marginTop = compact ? 0 : 1;
  switch (item.kind) {
    case "user":
      return (
        <Box marginTop={marginTop}>
          <Text {...fg(theme.user)} bold>
            {"› "}
          </Text>
          <Box width={Math.max(10, width - GUTTER)}>
            <Text {...fg(theme.user)}>{wrapText(item.text, Math.max(10, width - GUTTER))}</Text>
          </Box>
        </Box>
      );
    case "agent":
      return (
        <Box marginTop={marginTop}>
          <AgentText item={item} width={width} />
        </Box>
      );
    case "tool":
      return (
        <Box marginTop={marginTop}>
          <ToolCard item={item} />
        </Box>
      );
    case "thinking":
      return (
        <Box marginTop={marginTop}>
          <ThinkingView item={item} expanded={showThinking} />
        </Box>
      );
    case "error":
      return (
        <Box marginTop={marginTop} flexDirection="column">
          <Text {...fg(theme.error)}>✖ {wrapText(item.message, Math.max(10, width - 2))}</Text>
          {item.detail ? <Text {...fg(theme.muted)}> {item.detail}</Text> : null}
        </Box>
      );
    case "file":
      return (
        <Box marginTop={marginTop}>
          <Text wrap="truncate-end">
            <Text {...fg(theme.accent)}>{item.created ? "+ created " : "✎ wrote "}</Text>
            <Text bold>{item.path}</Text>
            <Text {...fg(theme.muted)}>
              {` (${item.operation}${item.sizeBytes !== undefined ? `, ${formatBytes(item.sizeBytes)}` : ""})`}
            </Text>
          </Text>
        </Box>
      );
    case "workspace":
      return (
        <Box marginTop={marginTop}>
          <WorkspaceView view={item.view} width={width} />
        </Box>
      );
    case "notice":
      return (
        <Box marginTop={marginTop}>
          <Text
            {...fg(
              item.tone === "warning"
                ? theme.warning
                : item.tone === "success"
                  ? theme.success
                  : theme.muted,
            )}
          >
            · {wrapText(item.text, Math.max(10, width - 2))}
          </Text>
        </Box>
      );
  }
}

/** Agent markdown with its gutter: `✦` on the first chunk of a message. */
export function AgentText({
  item,
  width,
  rendered,
}: {
  readonly item: AgentItem;
  readonly width: number;
  /** Already rendered (and possibly cut) lines, to skip rendering again. */
  readonly rendered?: readonly IndentedLine[];
}) {
  const theme = useTheme();
  const lines =
    rendered ?? splitIndents(renderMarkdown(item.markdown, width - GUTTER, theme.colorEnabled));
  return (
    <>
      <Text {...fg(theme.agent)}>{item.continued ? "  " : "✦ "}</Text>
      <Box width={Math.max(10, width - GUTTER)}>
        <MarkdownBlock lines={lines} width={Math.max(10, width - GUTTER)} />
      </Box>
    </>
  );
}

/** True when `item` should sit right under `previous` without a blank line. */
export function followsClosely(
  previous: TranscriptItem | undefined,
  item: TranscriptItem,
): boolean {
  return previous?.kind === "tool" && item.kind === "tool";
}
