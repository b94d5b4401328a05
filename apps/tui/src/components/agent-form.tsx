import { Box, Text } from "ink";
import { fg } from "../internal/theme.js";
import {
  AGENT_FORM_STEPS,
  type AgentFormAction,
  type AgentFormState,
  DEFAULT_AGENT_PROMPT,
} from "../state/agent-form.js";
import { useTheme } from "./theme-context.js";
import type { KeyEvent } from "./use-keypress.js";

/** Most list rows (models, capabilities) the form shows at once. */
export const AGENT_FORM_LIST_ROWS = 6;

const HINTS: Record<AgentFormState["step"], string> = {
  name: "Enter next · Esc cancel",
  prompt: "Enter next · Shift+Tab back · Esc cancel",
  model: "↑↓ pick · Enter next · Shift+Tab back",
  capabilities: "↑↓ · Space check · Enter create · Shift+Tab back",
};

/**
 * What a key does in the form: an action, `cancel` (Esc, Ctrl+C), or nothing. A paste is
 * typed text, its line breaks as spaces (the fields are one line).
 */
export function agentFormAction(event: KeyEvent): AgentFormAction | "cancel" | undefined {
  if (event.kind === "paste") return { type: "input", text: event.text.replace(/\s*\n\s*/g, " ") };
  const { input, key } = event;
  if (key.escape || (key.ctrl && input === "c")) return "cancel";
  if (key.tab && key.shift) return { type: "back" };
  if (key.return) return { type: "next" };
  if (key.upArrow) return { type: "up" };
  if (key.downArrow) return { type: "down" };
  if (key.backspace || key.delete) return { type: "backspace" };
  if (input && !key.ctrl && !key.meta && !key.tab) return { type: "input", text: input };
  return undefined;
}

/** Rows the form takes on the screen, for the app's height budget. */
export function agentFormRows(form: AgentFormState): number {
  const list =
    form.step === "model"
      ? Math.min(AGENT_FORM_LIST_ROWS, form.models.length + 1)
      : form.step === "capabilities"
        ? Math.min(AGENT_FORM_LIST_ROWS, Math.max(1, form.capabilities.length))
        : 1;
  // Border (2), title, the steps already answered, the step's own rows, error, hints.
  return 2 + 1 + AGENT_FORM_STEPS.indexOf(form.step) + 1 + list + (form.error ? 1 : 0) + 1;
}

/**
 * `/agents new`: one step at a time (name, prompt, model, capabilities), the answers given so
 * far above it, the keys of the step below.
 */
export function AgentForm({
  form,
  width,
}: {
  readonly form: AgentFormState;
  readonly width: number;
}) {
  const theme = useTheme();
  const index = AGENT_FORM_STEPS.indexOf(form.step);
  const modelLabel =
    form.model === 0 ? "server default" : (form.models[form.model - 1]?.label ?? "?");
  const answered: [string, string][] = [
    ["name", form.name],
    ["prompt", form.prompt.trim() === "" ? "(default)" : form.prompt.replace(/\s+/g, " ")],
    ["model", modelLabel],
  ];
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      {...(theme.colorEnabled ? { borderColor: "cyan" } : {})}
      width={width}
      paddingX={1}
    >
      <Text bold wrap="truncate-end">
        New agent
        <Text {...fg(theme.muted)}>{` · step ${index + 1} of ${AGENT_FORM_STEPS.length}`}</Text>
      </Text>
      {answered.slice(0, index).map(([label, value]) => (
        <Text key={label} wrap="truncate-end">
          <Text {...fg(theme.muted)}>{`${label.padEnd(7)}`}</Text>
          {value}
        </Text>
      ))}
      <Text bold {...fg(theme.accent)}>
        {form.step === "capabilities" ? "capabilities (tools the agent may use)" : form.step}
      </Text>
      <StepBody form={form} />
      {form.error ? (
        <Text {...fg(theme.error)} wrap="truncate-end">
          {form.error}
        </Text>
      ) : null}
      <Text {...fg(theme.muted)} wrap="truncate-end">
        {HINTS[form.step]}
      </Text>
    </Box>
  );
}

function StepBody({ form }: { readonly form: AgentFormState }) {
  const theme = useTheme();
  if (form.step === "name" || form.step === "prompt") {
    const value = form.step === "name" ? form.name : form.prompt;
    const placeholder = form.step === "name" ? "e.g. research-bot" : DEFAULT_AGENT_PROMPT;
    // The end of a long prompt is what is being typed: show its tail.
    return (
      <Text wrap="truncate-start">
        {"> "}
        {value}
        <Text inverse> </Text>
        {value === "" ? <Text {...fg(theme.muted)}>{placeholder}</Text> : null}
      </Text>
    );
  }
  const rows =
    form.step === "model"
      ? [{ id: "", label: "server default", description: "" }, ...form.models].map(
          (option, index) => ({
            key: option.id || "default",
            label: option.label,
            description: option.description,
            selected: index === form.model,
            mark: index === form.model ? "(•)" : "( )",
          }),
        )
      : form.capabilities.map((option, index) => ({
          key: option.id,
          label: option.label,
          description: option.description,
          selected: index === form.cursor,
          mark: form.checked.includes(option.id) ? "[x]" : "[ ]",
        }));
  if (rows.length === 0) return <Text {...fg(theme.muted)}>none on this server</Text>;
  const selected = Math.max(
    0,
    rows.findIndex((row) => row.selected),
  );
  const first = Math.max(
    0,
    Math.min(selected - AGENT_FORM_LIST_ROWS + 1, rows.length - AGENT_FORM_LIST_ROWS),
  );
  return (
    <>
      {rows.slice(first, first + AGENT_FORM_LIST_ROWS).map((row) => (
        <Text key={row.key} wrap="truncate-end" {...fg(row.selected ? theme.accent : undefined)}>
          {row.selected ? "❯ " : "  "}
          {`${row.mark} ${row.label}`}
          {row.description ? <Text {...fg(theme.muted)}> {row.description}</Text> : null}
        </Text>
      ))}
    </>
  );
}
