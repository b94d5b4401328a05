import { Box, Text } from "ink";
import Spinner from "ink-spinner";
import { countIndentedRows, type IndentedLine, splitIndents } from "../internal/hanging-indent.js";
import { renderMarkdown } from "../internal/render-markdown.js";
import { countRows } from "../internal/text-rows.js";
import { fg } from "../internal/theme.js";
import type { TranscriptItem } from "../state/transcript-item.js";
import { useTheme } from "./theme-context.js";
import { AgentText, followsClosely, GUTTER, TranscriptItemView } from "./transcript-item-view.js";
import { workspaceLines } from "./workspace-lines.js";

interface Block {
  readonly item: TranscriptItem;
  readonly compact: boolean;
  readonly rows: number;
  /** Rendered markdown lines of an agent tail, possibly cut to the last ones. */
  readonly lines?: readonly IndentedLine[];
}

/** What the live region will show: its blocks, how many rows were left out, its height. */
export interface LiveLayout {
  readonly blocks: readonly Block[];
  readonly hiddenRows: number;
  readonly rows: number;
}

/**
 * Lays out the live tail so it never takes more than `maxRows` rows: items are kept from the
 * bottom up; the first one that does not fit is cut to its last lines (or dropped), and a
 * note says how much is not shown yet. Once a terminal's dynamic output is as tall as the
 * screen, Ink clears the whole screen on every frame; this keeps it shorter.
 */
export function layoutLive(
  items: readonly TranscriptItem[],
  width: number,
  maxRows: number,
  showThinking: boolean,
  color: boolean,
  previous?: TranscriptItem,
): LiveLayout {
  const all = items.map((item, index): Block => {
    const compact = followsClosely(index === 0 ? previous : items[index - 1], item);
    const margin = compact ? 0 : 1;
    if (item.kind === "agent") {
      const lines =
        item.markdown.trim() === ""
          ? []
          : splitIndents(renderMarkdown(item.markdown, width - GUTTER, color));
      return {
        item,
        compact,
        rows: margin + Math.max(1, countIndentedRows(lines, width - GUTTER)),
        lines,
      };
    }
    return { item, compact, rows: margin + estimateRows(item, width, showThinking) };
  });
  const total = all.reduce((sum, block) => sum + block.rows, 0);
  if (total <= maxRows) return { blocks: all, hiddenRows: 0, rows: total };

  // Keep one row for the note.
  let room = Math.max(1, maxRows - 1);
  const kept: Block[] = [];
  let hiddenRows = 0;
  for (let index = all.length - 1; index >= 0; index--) {
    const block = all[index] as Block;
    if (block.rows <= room) {
      kept.unshift(block);
      room -= block.rows;
      continue;
    }
    if (block.lines !== undefined && room > 1) {
      const { lines, rows } = lastRows(block.lines, width - GUTTER, room - 1);
      kept.unshift({ ...block, lines, rows: rows + 1 });
      hiddenRows += block.rows - rows - 1;
      room -= rows + 1;
    } else {
      hiddenRows += block.rows;
    }
    for (let earlier = index - 1; earlier >= 0; earlier--) hiddenRows += all[earlier]?.rows ?? 0;
    break;
  }
  return { blocks: kept, hiddenRows, rows: Math.min(maxRows, maxRows - room) };
}

/** The unfinished tail of the running turn, capped to `maxRows` rows. */
export function LiveRegion({
  items,
  width,
  maxRows,
  showThinking,
  previous,
}: {
  readonly items: readonly TranscriptItem[];
  readonly width: number;
  readonly maxRows: number;
  readonly showThinking: boolean;
  readonly previous?: TranscriptItem | undefined;
}) {
  const theme = useTheme();
  if (items.length === 0) return null;
  const layout = layoutLive(items, width, maxRows, showThinking, theme.colorEnabled, previous);
  const cut = layout.hiddenRows > 0;
  // Near the limit, a fixed height clips whatever the estimate missed (at the top: the
  // oldest rows), so the region can never outgrow the screen.
  const clip = cut || layout.rows >= maxRows - 2;
  return (
    <Box
      flexDirection="column"
      {...(clip
        ? { height: layout.rows, overflowY: "hidden" as const, justifyContent: "flex-end" as const }
        : {})}
    >
      {cut ? (
        <Text {...fg(theme.muted)} wrap="truncate-end">
          ⋮ {layout.hiddenRows} more line{layout.hiddenRows === 1 ? "" : "s"} above; shown in full
          when finished
        </Text>
      ) : null}
      {layout.blocks.map((block) =>
        block.item.kind === "agent" ? (
          <Box key={block.item.id} marginTop={block.compact || cut ? 0 : 1}>
            {block.lines && block.lines.length > 0 ? (
              <AgentText item={block.item} width={width} rendered={block.lines} />
            ) : (
              <Text {...fg(theme.agent)}>
                {"✦ "}
                <Spinner type="dots" />
              </Text>
            )}
          </Box>
        ) : (
          <TranscriptItemView
            key={block.item.id}
            item={block.item}
            width={width}
            showThinking={showThinking}
            compact={block.compact}
          />
        ),
      )}
    </Box>
  );
}

function estimateRows(item: TranscriptItem, width: number, showThinking: boolean): number {
  switch (item.kind) {
    case "tool":
      return item.status === "failure" && item.detail ? 2 : 1;
    case "file":
      return 1;
    case "thinking":
      return showThinking ? 1 + countRows(item.text.trim(), width - 2) : 1;
    case "user":
      return countRows(item.text, width - GUTTER);
    case "error":
      return countRows(item.message, width) + (item.detail ? 1 : 0);
    case "notice":
      return countRows(item.text, width);
    case "agent":
      return countRows(item.markdown, width - GUTTER);
    case "workspace":
      return workspaceLines(item.view, width).length;
  }
}

function lastRows(
  lines: readonly IndentedLine[],
  width: number,
  maxRows: number,
): { lines: readonly IndentedLine[]; rows: number } {
  let rows = 0;
  let start = lines.length;
  while (start > 0) {
    const next = countIndentedRows(lines.slice(start - 1, start), width);
    if (rows + next > maxRows) break;
    rows += next;
    start--;
  }
  return { lines: lines.slice(start), rows };
}
