import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import { wrapText } from "../internal/wrap-text.js";
import type { ApprovalRequest } from "../local-tools/approval.js";
import { summarizeArguments } from "../state/summarize-arguments.js";
import { useTheme } from "./theme-context.js";

/**
 * Asks whether a local tool call may run on this machine: the tool, its arguments, and the
 * answers (`y` yes, `n` or Esc no, `a` always for this session).
 */
export function ApprovalPrompt({
  request,
  width,
  more,
}: {
  readonly request: ApprovalRequest;
  readonly width: number;
  /** How many more calls wait after this one. */
  readonly more: number;
}) {
  const theme = useTheme();
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      {...(theme.colorEnabled ? { borderColor: "yellow" } : {})}
      width={width}
      paddingX={1}
    >
      <Text bold {...fg(theme.warning)}>
        {`Run ${request.name} on this machine?`}
        {more > 0 ? <Text {...fg(theme.muted)}>{` (${more} more waiting)`}</Text> : null}
      </Text>
      <Text>{wrapText(summarizeArguments(request.args, 400) || "(no arguments)", width - 4)}</Text>
      <Text {...fg(theme.muted)}>y yes · n no · a always for this session</Text>
    </Box>
  );
}
