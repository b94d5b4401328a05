import { writeFile } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import { Box, Static, Text, useApp, useStdout } from "ink";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { ChatController, PickerOption } from "../chat-controller.js";
import type { InputHistoryStore } from "../input-history.js";
import { CLEAR_SCREEN, CLEAR_VISIBLE, osc52Copy } from "../internal/ansi.js";
import { countRows } from "../internal/text-rows.js";
import { createTheme, type Theme } from "../internal/theme.js";
import { describeSession } from "../resume-command.js";
import { type AgentFormState, agentFormReducer, initialAgentForm } from "../state/agent-form.js";
import { chatReducer } from "../state/chat-reducer.js";
import { type ChatAction, initialChatState } from "../state/chat-state.js";
import {
  type EditorAction,
  type EditorState,
  editorReducer,
  initialEditorState,
  searchMatch,
  submittedText,
} from "../state/editor.js";
import { filterEvents } from "../state/event-filter.js";
import { lastReplyText, lastUserText } from "../state/last-exchange.js";
import { filterOptions } from "../state/picker-filter.js";
import {
  completeSlashCommand,
  parseSlashCommand,
  SLASH_COMMANDS,
} from "../state/slash-commands.js";
import type { TranscriptItem } from "../state/transcript-item.js";
import { transcriptMarkdown } from "../state/transcript-markdown.js";
import { AgentForm, agentFormAction, agentFormRows } from "./agent-form.js";
import { ApprovalPrompt } from "./approval-prompt.js";
import { EVENT_LOG_ROWS, EventLogPanel } from "./event-log-panel.js";
import { EventViewer, type EventViewerState } from "./event-viewer.js";
import { Footer } from "./footer.js";
import { shortId } from "./format.js";
import { InputBox } from "./input-box.js";
import { LiveRegion } from "./live-region.js";
import { PICKER_ROWS, Picker } from "./picker.js";
import { QueuedMessages } from "./queued-messages.js";
import { SlashHints } from "./slash-hints.js";
import { ThemeContext } from "./theme-context.js";
import { followsClosely, TranscriptItemView } from "./transcript-item-view.js";
import { type KeyEvent, useKeypress } from "./use-keypress.js";
import { useTerminalSize } from "./use-terminal-size.js";

/** How long a first Ctrl+C on an idle prompt waits for the second one, in ms. */
export const EXIT_CONFIRM_MS = 2000;
/** Most slash command hints shown at once. */
export const MAX_HINTS = 6;
/** How long the width must stay unchanged before the history is written again, in ms. */
export const RESIZE_REDRAW_MS = 250;

/** Props of {@link ChatApp}. */
export interface ChatAppProps {
  readonly controller: ChatController;
  /** Colors; defaults to one built from the environment (`NO_COLOR`). */
  readonly theme?: Theme;
  /** Open the session picker once the app starts (`--resume` without an id). */
  readonly pickSessionAtStart?: boolean | undefined;
  /** Earlier inputs for Up and Ctrl+R, kept across runs; default: this run's only. */
  readonly history?: InputHistoryStore | undefined;
}

interface OpenPicker {
  readonly title: string;
  readonly options: readonly PickerOption[];
  /** Typed search text; only the options that match it are shown. */
  readonly query: string;
  /** Index into the filtered options. */
  readonly selected: number;
  readonly onSelect: (option: PickerOption) => void;
}

const HELP = [
  "Commands:",
  ...SLASH_COMMANDS.map((command) => `  ${command.usage.padEnd(16)} ${command.description}`),
  "Keys:",
  "  Enter            send (during a turn: queue; ↑ on an empty input takes it back)",
  "  Ctrl+J, Shift+Enter or a trailing \\  new line",
  "  ↑ ↓              earlier inputs           Ctrl+R  search earlier inputs",
  "  Tab              complete a command       Ctrl+T  expand or collapse thinking",
  "  Esc / Ctrl+C     cancel the running turn  Ctrl+C twice, Ctrl+D  quit",
].join("\n");

/**
 * The chat screen: the transcript (finished items written once through `<Static>`, the
 * live tail capped to the terminal height), the input box with slash command hints, and
 * the status footer. All state changes go through the chat and editor reducers.
 */
export function ChatApp({ controller, theme, pickSessionAtStart, history }: ChatAppProps) {
  const { exit } = useApp();
  const { write } = useStdout();
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(chatReducer, undefined, initialChatState);
  // The editor state lives in a ref as well: several keys can arrive in one chunk and be
  // handled before React renders again, and each must see the previous one's result.
  const editorRef = useRef<EditorState | undefined>(undefined);
  editorRef.current ??= initialEditorState(history?.load() ?? []);
  const [editor, setEditor] = useState(editorRef.current);
  const edit = useCallback(
    (action: EditorAction) => {
      const before = editorRef.current as EditorState;
      const after = editorReducer(before, action);
      editorRef.current = after;
      setEditor(after);
      // The editor already skipped empty and repeated entries: keep what it kept.
      if (action.type === "commit" && after.history !== before.history) {
        const entry = after.history.at(-1);
        if (entry !== undefined) history?.append(entry);
      }
    },
    [history],
  );
  // The picker, too, is read by keys that arrive before the next render (`Down Enter`).
  const pickerRef = useRef<OpenPicker | undefined>(undefined);
  const [picker, setPickerState] = useState<OpenPicker | undefined>(undefined);
  const setPicker = useCallback((next: OpenPicker | undefined) => {
    pickerRef.current = next;
    setPickerState(next);
  }, []);
  const formRef = useRef<AgentFormState | undefined>(undefined);
  const [agentForm, setAgentFormState] = useState<AgentFormState | undefined>(undefined);
  const setAgentForm = useCallback((next: AgentFormState | undefined) => {
    formRef.current = next;
    setAgentFormState(next);
  }, []);
  const viewerRef = useRef<EventViewerState | undefined>(undefined);
  const [viewer, setViewerState] = useState<EventViewerState | undefined>(undefined);
  const setViewer = useCallback((next: EventViewerState | undefined) => {
    viewerRef.current = next;
    setViewerState(next);
  }, []);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [exitArmed, setExitArmed] = useState(false);
  const [resolvedTheme] = useState(() => theme ?? createTheme());

  useEffect(() => controller.start(dispatch), [controller]);

  // Everything already written must be written again (new width, thinking view, /clear):
  // clear the screen first, then remount <Static> under a new key.
  const rewriteHistory = useCallback(
    (action: ChatAction) => {
      write(CLEAR_SCREEN);
      dispatch(action);
    },
    [write],
  );

  const lastColumns = useRef(columns);
  useEffect(() => {
    if (columns === lastColumns.current) return;
    const timer = setTimeout(() => {
      lastColumns.current = columns;
      rewriteHistory({ type: "redraw" });
    }, RESIZE_REDRAW_MS);
    return () => clearTimeout(timer);
  }, [columns, rewriteHistory]);

  useEffect(() => {
    if (!exitArmed) return;
    const timer = setTimeout(() => setExitArmed(false), EXIT_CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [exitArmed]);

  const turnActive = state.turn.phase !== "idle";

  const cancelTurn = useCallback(() => {
    dispatch({ type: "cancel-requested" });
    void controller.cancel();
  }, [controller]);

  const openPicker = useCallback(
    (
      title: string,
      load: () => Promise<readonly PickerOption[]>,
      onSelect: (o: PickerOption) => void,
    ) => {
      load().then(
        (options) => setPicker({ title, options, query: "", selected: 0, onSelect }),
        (error: unknown) => dispatch({ type: "error", message: `${title}: ${messageOf(error)}` }),
      );
    },
    [setPicker],
  );

  // A message typed during a turn waits in the queue; the effect below sends it later.
  const sendOrQueue = useCallback(
    (text: string) => {
      if (stateRef.current.turn.phase !== "idle" || stateRef.current.queued.length > 0) {
        dispatch({ type: "queue", text });
        return;
      }
      dispatch({ type: "submit", text, at: Date.now() });
      void controller.send(text);
    },
    [controller],
  );

  const runCommand = useCallback(
    (name: string, argument: string, typed: string) => {
      switch (name) {
        case "help":
          return dispatch({ type: "notice", text: HELP });
        case "new":
          return void controller.newSession();
        case "session":
          return dispatch({
            type: "notice",
            text: describeSession(controller.server, state.sessionId),
          });
        case "sessions":
          return openPicker(
            "Sessions",
            () => controller.listSessions(),
            (option) => {
              void controller.resumeSession(option.id);
            },
          );
        case "agents":
          if (/^new(\s|$)/.test(argument)) {
            const name = argument.slice(3).trim();
            const { listModels, listCapabilities, createAgent } = controller;
            if (!listModels || !listCapabilities || !createAgent) {
              return dispatch({ type: "error", message: "/agents new is not available here." });
            }
            return void Promise.all([
              listModels.call(controller),
              listCapabilities.call(controller),
            ]).then(
              ([models, capabilities]) =>
                setAgentForm(initialAgentForm(models, capabilities, name)),
              (error: unknown) =>
                dispatch({
                  type: "error",
                  message: `Could not load the models and capabilities: ${messageOf(error)}`,
                }),
            );
          }
          if (argument) return void controller.switchAgent(argument);
          return openPicker(
            "Agents (/agents new to create one)",
            () => controller.listAgents(),
            (option) => {
              void controller.switchAgent(option.id);
            },
          );
        case "files": {
          const read = controller.readWorkspace;
          if (!read) return dispatch({ type: "error", message: "/files is not available here." });
          return void read.call(controller, argument).then(
            (view) => dispatch({ type: "workspace-shown", view }),
            (error: unknown) =>
              dispatch({
                type: "error",
                message: `Could not read the workspace: ${messageOf(error)}`,
              }),
          );
        }
        case "model":
        case "harness": {
          const load = name === "model" ? controller.listModels : controller.listHarnesses;
          const startWith = controller.startWith;
          if (!load || !startWith) {
            return dispatch({ type: "error", message: `/${name} is not available here.` });
          }
          return openPicker(
            name === "model" ? "Models (a new session starts)" : "Harnesses (a new session starts)",
            () => load.call(controller),
            (option) => {
              void startWith.call(
                controller,
                name === "model" ? { modelId: option.id } : { harness: option.id },
              );
            },
          );
        }
        case "export": {
          const sessionId = stateRef.current.sessionId;
          const file = resolvePath(
            argument || `everruns-${sessionId ? shortId(sessionId) : "chat"}.md`,
          );
          const done = (what: string) =>
            dispatch({ type: "notice", text: `Wrote ${what} to ${file}.`, tone: "success" });
          const failed = (error: unknown) =>
            dispatch({ type: "error", message: `Could not export: ${messageOf(error)}` });
          if (file.endsWith(".jsonl")) {
            if (!controller.listEvents) return failed(new Error("no events to read here"));
            return void controller
              .listEvents()
              .then((events) =>
                writeFile(file, events.map((event) => `${JSON.stringify(event)}\n`).join("")).then(
                  () => done(`${events.length} events`),
                ),
              )
              .catch(failed);
          }
          const items = [...stateRef.current.history, ...stateRef.current.live];
          const title = sessionId ? `Session ${sessionId}` : "Chat";
          return void writeFile(file, transcriptMarkdown(items, title)).then(
            () => done("the transcript"),
            failed,
          );
        }
        case "retry": {
          const text = lastUserText(stateRef.current);
          if (text === undefined) {
            return dispatch({ type: "notice", text: "Nothing to retry yet.", tone: "warning" });
          }
          return sendOrQueue(text);
        }
        case "copy": {
          const reply = lastReplyText(stateRef.current);
          if (reply === undefined) {
            return dispatch({ type: "notice", text: "No reply to copy yet.", tone: "warning" });
          }
          write(osc52Copy(reply));
          return dispatch({
            type: "notice",
            text: `Copied the last reply (${reply.length} characters) to the clipboard (OSC 52; the terminal must allow it).`,
            tone: "success",
          });
        }
        case "events":
          if (!controller.listEvents) return dispatch({ type: "toggle-events" });
          return void controller.listEvents().then(
            (events) =>
              setViewer({
                events,
                query: "",
                selected: Math.max(0, events.length - 1),
                jsonOffset: 0,
              }),
            (error: unknown) =>
              dispatch({
                type: "error",
                message: `Could not load the events: ${messageOf(error)}`,
              }),
          );
        case "thinking":
          return rewriteHistory({ type: "toggle-thinking" });
        case "clear":
          // As in other agent terminals: a new conversation on a clean screen. Only the
          // visible screen is cleared; the terminal's scrollback keeps the old one.
          write(CLEAR_VISIBLE);
          dispatch({ type: "clear" });
          return void controller.newSession();
        case "exit":
          return exit();
        default:
          return dispatch({
            type: "error",
            message: `Unknown command ${typed.split(/\s/)[0]}. Type /help for the list.`,
          });
      }
    },
    [
      controller,
      exit,
      openPicker,
      rewriteHistory,
      sendOrQueue,
      setAgentForm,
      setViewer,
      state.sessionId,
      write,
    ],
  );

  const pickedAtStart = useRef(false);
  useEffect(() => {
    if (!pickSessionAtStart || pickedAtStart.current) return;
    pickedAtStart.current = true;
    runCommand("sessions", "", "/sessions");
  }, [pickSessionAtStart, runCommand]);

  const submit = useCallback(() => {
    const text = submittedText(editorRef.current as EditorState);
    if (text.trim() === "") return;
    const command = text.includes("\n") ? undefined : parseSlashCommand(text);
    if (command) {
      edit({ type: "commit" });
      runCommand(command.name, command.argument, text.trim());
      return;
    }
    edit({ type: "commit" });
    sendOrQueue(text);
  }, [edit, runCommand, sendOrQueue]);

  // When a turn ends, the oldest queued message goes out.
  const nextQueued = state.queued[0];
  const canSendQueued = state.turn.phase === "idle" && state.sessionId !== undefined;
  useEffect(() => {
    if (nextQueued === undefined || !canSendQueued) return;
    dispatch({ type: "submit", text: nextQueued, at: Date.now(), fromQueue: true });
    void controller.send(nextQueued);
  }, [controller, nextQueued, canSendQueued]);

  const allHints = picker ? [] : completeSlashCommand(editor.text);
  // A lone slash matches every command: show a few, so the hints never push the input away.
  const hints = allHints.slice(0, MAX_HINTS);

  // The `/agents new` form takes every key while it is open; Enter on its last step creates
  // the agent, and a refusal (a name taken) brings the form back at the name.
  const onFormKey = useCallback(
    (form: AgentFormState, event: KeyEvent) => {
      const action = agentFormAction(event);
      if (action === undefined) return;
      if (action === "cancel") {
        setAgentForm(undefined);
        return dispatch({ type: "notice", text: "No agent created." });
      }
      const next = agentFormReducer(form, action);
      const draft = next.done;
      if (!draft || !controller.createAgent) return setAgentForm(next);
      setAgentForm(undefined);
      void controller.createAgent(draft).then((created) => {
        if (!created) {
          setAgentForm({
            ...next,
            done: undefined,
            step: "name",
            error: "Not created (see above): change the name, or Esc.",
          });
        }
      });
    },
    [controller, setAgentForm],
  );

  const onKey = useCallback(
    (event: KeyEvent) => {
      const picker = pickerRef.current;
      if (event.kind === "paste" && formRef.current) return onFormKey(formRef.current, event);
      if (event.kind === "paste") {
        if (!picker) edit({ type: "paste", text: event.text });
        return;
      }
      const { input, key } = event;
      const editor = editorRef.current as EditorState;
      const eventViewer = viewerRef.current;
      if (eventViewer) {
        const count = filterEvents(eventViewer.events, eventViewer.query).length;
        const move = (selected: number) =>
          setViewer({
            ...eventViewer,
            selected: Math.max(0, Math.min(count - 1, selected)),
            jsonOffset: 0,
          });
        if (key.escape || (key.ctrl && input === "c")) return setViewer(undefined);
        if (key.upArrow) return move(eventViewer.selected - 1);
        if (key.downArrow) return move(eventViewer.selected + 1);
        if (key.pageDown)
          return setViewer({ ...eventViewer, jsonOffset: eventViewer.jsonOffset + 10 });
        if (key.pageUp) {
          return setViewer({
            ...eventViewer,
            jsonOffset: Math.max(0, eventViewer.jsonOffset - 10),
          });
        }
        if (key.backspace || key.delete) {
          const query = eventViewer.query.slice(0, -1);
          const shown = filterEvents(eventViewer.events, query).length;
          return setViewer({
            ...eventViewer,
            query,
            selected: Math.max(0, shown - 1),
            jsonOffset: 0,
          });
        }
        if (input && !key.ctrl && !key.meta && !key.return && !key.tab) {
          const query = eventViewer.query + input;
          const shown = filterEvents(eventViewer.events, query).length;
          return setViewer({
            ...eventViewer,
            query,
            selected: Math.max(0, shown - 1),
            jsonOffset: 0,
          });
        }
        return;
      }
      const form = formRef.current;
      if (form) return onFormKey(form, event);
      const approval = stateRef.current.approvals[0];
      if (approval && !picker) {
        // While a tool call waits for an answer, y / n / a answer it; nothing else is typed.
        const decision =
          input === "y" || input === "Y"
            ? "yes"
            : input === "a" || input === "A"
              ? "always"
              : input === "n" || input === "N" || key.escape
                ? "no"
                : undefined;
        if (decision) return controller.answerApproval?.(approval.callId, decision);
        if (!(key.ctrl && input === "c")) return;
      }
      if (editor.search) {
        if (key.ctrl && input === "r") return edit({ type: "search-start" });
        if (key.escape || (key.ctrl && (input === "c" || input === "g"))) {
          return edit({ type: "search-cancel" });
        }
        if (key.backspace || key.delete) return edit({ type: "search-backspace" });
        if (input && !key.ctrl && !key.meta && !key.return && !key.tab) {
          return edit({ type: "search-input", text: input });
        }
        // Enter, Tab or a movement key takes the match into the input box, to edit or send.
        return edit({ type: "search-accept" });
      }
      if (key.ctrl && input === "c") {
        if (picker) return setPicker(undefined);
        if (turnActive) return cancelTurn();
        if (editor.text !== "") return edit({ type: "replace", text: "" });
        if (exitArmed) return exit();
        return setExitArmed(true);
      }
      if (exitArmed) setExitArmed(false);
      if (key.ctrl && input === "d") {
        if (editor.text === "") return exit();
        return edit({ type: "delete-forward" });
      }
      if (key.escape) {
        if (picker) return setPicker(undefined);
        if (turnActive) return cancelTurn();
        return;
      }
      if (key.ctrl && input === "t") return rewriteHistory({ type: "toggle-thinking" });
      if (key.ctrl && input === "r" && !picker) return edit({ type: "search-start" });
      if (picker) {
        const shown = filterOptions(picker.options, picker.query);
        const count = shown.length;
        if (key.upArrow && count > 0)
          setPicker({ ...picker, selected: (picker.selected - 1 + count) % count });
        else if (key.downArrow && count > 0)
          setPicker({ ...picker, selected: (picker.selected + 1) % count });
        else if (key.return) {
          const option = shown[picker.selected];
          setPicker(undefined);
          if (option) picker.onSelect(option);
        } else if (key.backspace || key.delete) {
          setPicker({ ...picker, query: picker.query.slice(0, -1), selected: 0 });
        } else if (input && !key.ctrl && !key.meta && !key.tab) {
          setPicker({ ...picker, query: picker.query + input, selected: 0 });
        }
        return;
      }
      if (key.return) {
        if (key.shift || key.meta) return edit({ type: "newline" });
        if (editor.text.slice(0, editor.cursor).endsWith("\\")) {
          edit({ type: "backspace" });
          return edit({ type: "newline" });
        }
        return submit();
      }
      if (input === "\n") return edit({ type: "newline" });
      if (key.tab) {
        const first = completeSlashCommand(editor.text)[0];
        if (first) edit({ type: "replace", text: `/${first.name}` });
        return;
      }
      if (key.upArrow && editor.text === "" && stateRef.current.queued.length > 0) {
        // Take the newest queued message back into the input box, to edit or delete it.
        const text = stateRef.current.queued.at(-1) ?? "";
        dispatch({ type: "unqueue-last" });
        return edit({ type: "replace", text });
      }
      if (key.upArrow) return edit({ type: "up" });
      if (key.downArrow) return edit({ type: "down" });
      if (key.leftArrow) return edit({ type: "left" });
      if (key.rightArrow) return edit({ type: "right" });
      if (key.home || (key.ctrl && input === "a")) return edit({ type: "home" });
      if (key.end || (key.ctrl && input === "e")) return edit({ type: "end" });
      // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`.
      if (key.backspace || key.delete) return edit({ type: "backspace" });
      if (key.ctrl && input === "u") return edit({ type: "kill-before" });
      if (key.ctrl && input === "k") return edit({ type: "kill-after" });
      if (key.ctrl && input === "w") return edit({ type: "delete-word" });
      if (input && !key.ctrl && !key.meta) edit({ type: "insert", text: input });
    },
    [
      cancelTurn,
      controller,
      edit,
      exit,
      exitArmed,
      onFormKey,
      rewriteHistory,
      setPicker,
      setViewer,
      submit,
      turnActive,
    ],
  );
  useKeypress(onKey);

  const width = Math.max(20, columns);
  const inputRows = countRows(editor.text || " ", width - 6) + 2;
  const otherRows =
    1 + // the input box's top margin
    inputRows +
    state.queued.length +
    (state.approvals.length > 0 ? 5 : 0) +
    (editor.search ? 1 : 0) +
    hints.length +
    (allHints.length > hints.length ? 1 : 0) +
    2 + // footer
    (state.showEvents ? EVENT_LOG_ROWS + 3 : 0) +
    (picker ? Math.min(PICKER_ROWS, Math.max(1, picker.options.length)) + 4 : 0) +
    (agentForm ? agentFormRows(agentForm) : 0);
  // Ink clears the screen once its dynamic output reaches the terminal height; stay a row
  // short of it, plus one row of slack for Ink's trailing newline.
  // The event viewer takes about two thirds of the screen; the live tail keeps the rest.
  const viewerRows = viewer ? Math.max(10, Math.floor((rows * 2) / 3)) : 0;
  const maxLiveRows = Math.max(3, rows - otherRows - viewerRows - 2);

  return (
    <ThemeContext.Provider value={resolvedTheme}>
      {/* Static only reads the array; the cast drops readonly, no copy per render. */}
      <Static key={state.historyEpoch} items={state.history as TranscriptItem[]}>
        {(item, index) => (
          <TranscriptItemView
            key={item.id}
            item={item}
            width={width}
            showThinking={state.showThinking}
            compact={followsClosely(state.history[index - 1], item)}
          />
        )}
      </Static>
      <Box flexDirection="column" width={width}>
        <LiveRegion
          items={state.live}
          width={width}
          maxRows={maxLiveRows}
          showThinking={state.showThinking}
          previous={state.history.at(-1)}
        />
        {state.showEvents ? <EventLogPanel lines={state.eventLog} width={width} /> : null}
        {viewer ? (
          <EventViewer
            viewer={viewer}
            shown={filterEvents(viewer.events, viewer.query)}
            width={width}
            rows={viewerRows}
          />
        ) : null}
        {picker ? (
          <Picker
            title={picker.title}
            query={picker.query}
            options={filterOptions(picker.options, picker.query)}
            selected={picker.selected}
            width={width}
          />
        ) : null}
        {agentForm ? <AgentForm form={agentForm} width={width} /> : null}
        {state.approvals[0] ? (
          <ApprovalPrompt
            request={state.approvals[0]}
            width={width}
            more={state.approvals.length - 1}
          />
        ) : null}
        <QueuedMessages queued={state.queued} width={width} />
        <Box marginTop={1}>
          <InputBox
            editor={editor}
            width={width}
            disabled={turnActive || agentForm !== undefined}
          />
        </Box>
        {editor.search ? (
          <Text wrap="truncate-end">
            {`(search earlier inputs) ${editor.search.query}▏ `}
            {searchMatch(editor)?.replace(/\n/g, " ⏎ ") ??
              (editor.search.query ? "no match" : "type to search")}
          </Text>
        ) : null}
        <SlashHints commands={hints} more={allHints.length - hints.length} />
        <Footer
          width={width}
          server={controller.server}
          state={state}
          hint={exitArmed ? "Press Ctrl+C again to exit." : undefined}
        />
      </Box>
    </ThemeContext.Provider>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
