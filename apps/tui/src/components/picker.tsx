import { Box, Text } from "ink";
import type { PickerOption } from "../chat-controller.js";
import { fg } from "../internal/theme.js";
import { useTheme } from "./theme-context.js";

/** How many options a picker shows at once. */
export const PICKER_ROWS = 8;

/**
 * A list to pick from with ↑↓ and Enter (Esc closes), with a search line: typed text filters
 * the list. The app owns the selection and the query, and passes the filtered options.
 */
export function Picker({
  title,
  query,
  options,
  selected,
  width,
}: {
  readonly title: string;
  readonly query: string;
  readonly options: readonly PickerOption[];
  readonly selected: number;
  readonly width: number;
}) {
  const theme = useTheme();
  const first = Math.max(0, Math.min(selected - PICKER_ROWS + 1, options.length - PICKER_ROWS));
  const visible = options.slice(first, first + PICKER_ROWS);
  return (
    <Box flexDirection="column" borderStyle="round" width={width} paddingX={1}>
      <Text bold>
        {title}
        <Text {...fg(theme.muted)}> (type to search · ↑↓ · Enter · Esc)</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text {...fg(theme.muted)}>search: </Text>
        {query}
        <Text inverse> </Text>
      </Text>
      {options.length === 0 ? (
        <Text {...fg(theme.muted)}>{query ? "no match" : "nothing here yet"}</Text>
      ) : null}
      {visible.map((option, index) => {
        const isSelected = first + index === selected;
        return (
          <Text key={option.id} wrap="truncate-end" {...fg(isSelected ? theme.accent : undefined)}>
            {isSelected ? "❯ " : "  "}
            {option.label}
            {option.description ? <Text {...fg(theme.muted)}> {option.description}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
