import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import type { SlashCommand } from "../state/slash-commands.js";
import { useTheme } from "./theme-context.js";

/** Completion hints under the input while a slash command is typed (Tab completes). */
export function SlashHints({
  commands,
  more = 0,
}: {
  readonly commands: readonly SlashCommand[];
  /** How many more commands match than are shown. */
  readonly more?: number;
}) {
  const theme = useTheme();
  if (commands.length === 0) return null;
  const width = Math.max(...commands.map((command) => command.usage.length));
  return (
    <Box flexDirection="column" paddingX={2}>
      {commands.map((command, index) => (
        <Text key={command.name} wrap="truncate-end">
          <Text {...fg(index === 0 ? theme.accent : undefined)} bold={index === 0}>
            {command.usage.padEnd(width)}
          </Text>
          <Text {...fg(theme.muted)}>
            {"  "}
            {command.description}
            {index === 0 && commands.length > 1 ? "  (Tab)" : ""}
          </Text>
        </Text>
      ))}
      {more > 0 ? (
        <Text {...fg(theme.muted)}>{`… ${more} more: keep typing, or /help`}</Text>
      ) : null}
    </Box>
  );
}
