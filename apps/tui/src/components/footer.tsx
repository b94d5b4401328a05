import { Box, Text } from "ink";
import { useEffect, useState } from "react";
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
  width = 100,
}: {
  readonly server: ServerInfo;
  readonly state: ChatState;
  /** Columns available: narrower terminals get shorter labels and hints. */
  readonly width?: number;
  /** A transient message that replaces the key hints (e.g. "Press Ctrl+C again to exit"). */
  readonly hint?: string | undefined;
}) {
  const theme = useTheme();
  const { phase } = state.turn;
  const narrow = width < NARROW_COLUMNS;
  const stream =
    state.connection === "idle"
      ? "no stream"
      : narrow
        ? state.connection
        : `stream ${state.connection}`;
  const last = state.lastTurn;
  const usage = last?.usage ? formatUsage(last.usage) : undefined;
  const lastTurn = last
    ? [
        narrow ? last.outcome : `last turn ${last.outcome}`,
        last.durationMs !== undefined ? formatDuration(last.durationMs) : undefined,
        usage,
      ]
        .filter(Boolean)
        .join(" · ")
    : undefined;
  const keys = hint ?? keyHints(phase === "idle", width - (lastTurn ? lastTurn.length + 3 : 0));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {server.local ? (
          <Text inverse {...fg(theme.warning)}>
            {narrow ? " local " : " local dev server "}
          </Text>
        ) : (
          <Text {...fg(theme.accent)}>{server.label}</Text>
        )}
        <Text {...fg(theme.muted)}> │ </Text>
        {narrow ? null : (
          <>
            <Text>{state.agentName ?? "no agent"}</Text>
            <Text {...fg(theme.muted)}> │ </Text>
          </>
        )}
        <Text>
          {state.sessionId
            ? `${narrow ? "" : "session "}${shortId(state.sessionId)}`
            : narrow
              ? "new"
              : "no session"}
        </Text>
        <Text {...fg(theme.muted)}> │ </Text>
        {phase === "idle" ? (
          <Text {...fg(theme.muted)}>{PHASE_LABELS[phase]}</Text>
        ) : (
          <TurnProgress turn={state.turn} color={theme.accent} />
        )}
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

/** Below this many columns the footer uses its short labels. */
export const NARROW_COLUMNS = 80;

const IDLE_HINTS = [
  "Enter send · Ctrl+J newline · ↑↓ history · Ctrl+R search · / commands · Ctrl+D quit",
  "Enter send · Ctrl+J newline · ↑↓ history · / commands · Ctrl+D quit",
  "Enter send · Ctrl+J newline · / commands",
  "/help",
];
const BUSY_HINTS = [
  "Esc cancel · Enter queue · Ctrl+T thinking · /events raw events",
  "Esc cancel · Enter queue · Ctrl+T thinking",
  "Esc cancel · Enter queue",
  "Esc cancel",
];

/**
 * The longest key hint that fits in `room` columns, so a narrow terminal shows fewer hints
 * rather than one cut in the middle.
 */
export function keyHints(idle: boolean, room: number): string {
  const variants = idle ? IDLE_HINTS : BUSY_HINTS;
  return variants.find((text) => text.length <= room) ?? "";
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/** How often the running turn's spinner and elapsed time move, in ms. */
export const PROGRESS_TICK_MS = 200;

/**
 * `⠹ running 12.4s · ~340 tokens`: a spinner, the time since the turn started and the
 * tokens streamed so far (estimated at four characters a token until the server reports
 * usage at the end). Only this component re-renders on its timer.
 */
function TurnProgress({
  turn,
  color,
}: {
  readonly turn: ChatState["turn"];
  readonly color: string | undefined;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), PROGRESS_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const frame = SPINNER[Math.floor(now / PROGRESS_TICK_MS) % SPINNER.length];
  const elapsed =
    turn.startedAt !== undefined ? ` ${formatDuration(Math.max(0, now - turn.startedAt))}` : "";
  const tokens = turn.streamedChars ? ` · ~${Math.ceil(turn.streamedChars / 4)} tokens` : "";
  return <Text {...fg(color)}>{`${frame} ${PHASE_LABELS[turn.phase]}${elapsed}${tokens}`}</Text>;
}
