import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import type { EditorState } from "../state/editor.js";
import { useTheme } from "./theme-context.js";

/**
 * The input box: a rounded border, a `>` prompt and the text with a block cursor. It only
 * shows the editor state; the app routes keys into the editor reducer.
 */
export function InputBox({
  editor,
  width,
  disabled = false,
  placeholder = "Type a message, or / for commands",
}: {
  readonly editor: EditorState;
  readonly width: number;
  readonly disabled?: boolean;
  readonly placeholder?: string;
}) {
  const theme = useTheme();
  const { text, cursor } = editor;
  const before = text.slice(0, cursor);
  const at = text.slice(cursor, cursor + 1);
  const after = text.slice(cursor + 1);
  return (
    <Box
      borderStyle="round"
      {...(theme.colorEnabled ? { borderColor: disabled ? "gray" : "cyan" } : {})}
      width={width}
      paddingX={1}
    >
      <Text {...fg(theme.accent)} bold>
        {"> "}
      </Text>
      <Box flexGrow={1}>
        {text === "" ? (
          <Text>
            <Text inverse> </Text>
            <Text {...fg(theme.muted)}>{placeholder}</Text>
          </Text>
        ) : (
          <Text>
            {before}
            {/* A newline under the cursor shows as a space at the end of its line. */}
            <Text inverse>{at === "" || at === "\n" ? " " : at}</Text>
            {at === "\n" ? "\n" : ""}
            {after}
          </Text>
        )}
      </Box>
    </Box>
  );
}
