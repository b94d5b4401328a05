import { Box, Text } from "ink";
import type { ServerInfo } from "../chat-controller.js";
import { fg } from "../internal/theme.js";
import type { ChatState } from "../state/chat-state.js";
import { formatDuration, formatUsage, shortId } from "./format.js";
import { useTheme } from "./theme-context.js";

const PHASE_LABELS: Record<ChatState["turn"]["phase"], string> = {
  idle: "idle",
  sending: "sending…",
  running: "running",
  waiting_for_tools: "waiting for tool results",
  cancelling: "cancelling…",
};

/**
 * The status line: server (or the local dev server badge), agent, short session id, turn
 * state, stream state and the token usage of the last turn. Cut to one line.
 */
export function Footer({
  server,
  state,
  hint,
}: {
  readonly server: ServerInfo;
  readonly state: ChatState;
  /** A transient message that replaces the key hints (e.g. "Press Ctrl+C again to exit"). */
  readonly hint?: string | undefined;
}) {
  const theme = useTheme();
  const { phase } = state.turn;
  const stream = state.connection === "idle" ? "no stream" : `stream ${state.connection}`;
  const last = state.lastTurn;
  const usage = last?.usage ? formatUsage(last.usage) : undefined;
  const lastTurn = last
    ? [
        `last turn ${last.outcome}`,
        last.durationMs !== undefined ? formatDuration(last.durationMs) : undefined,
        usage,
      ]
        .filter(Boolean)
        .join(" · ")
    : undefined;
  const keys =
    hint ??
    (phase === "idle"
      ? "Enter send · Shift+Enter newline · ↑↓ history · / commands · Ctrl+D quit"
      : "Esc cancel · Ctrl+T thinking · /events raw events");
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {server.local ? (
          <Text inverse {...fg(theme.warning)}>
            {" local dev server "}
          </Text>
        ) : (
          <Text {...fg(theme.accent)}>{server.label}</Text>
        )}
        <Text {...fg(theme.muted)}> │ </Text>
        <Text>{state.agentName ?? "no agent"}</Text>
        <Text {...fg(theme.muted)}> │ </Text>
        <Text>{state.sessionId ? `session ${shortId(state.sessionId)}` : "no session"}</Text>
        <Text {...fg(theme.muted)}> │ </Text>
        <Text {...fg(phase === "idle" ? theme.muted : theme.accent)}>{PHASE_LABELS[phase]}</Text>
        <Text {...fg(theme.muted)}> │ </Text>
        <Text {...fg(state.connection === "live" ? theme.success : theme.warning)}>{stream}</Text>
      </Text>
      <Text wrap="truncate-end" {...fg(theme.muted)}>
        {lastTurn ? `${lastTurn} │ ` : ""}
        {keys}
      </Text>
    </Box>
  );
}
