/**
 * The input box's state as a pure reducer: text, cursor, recall of earlier inputs, and
 * large pastes kept aside behind a one-line placeholder.
 */

/** A large paste, shown in the text as `placeholder` and sent as `content`. */
export interface Paste {
  readonly placeholder: string;
  readonly content: string;
}

/** State of the input box. `cursor` is an index into `text`. */
export interface EditorState {
  readonly text: string;
  readonly cursor: number;
  /** Earlier inputs, oldest first. */
  readonly history: readonly string[];
  /** Index into `history` while recalling with Up/Down; `undefined` when editing. */
  readonly recalling: number | undefined;
  /** What was being typed before recall started, restored by Down past the newest entry. */
  readonly draft: string;
  readonly pastes: readonly Paste[];
  /**
   * Reverse search through earlier inputs (Ctrl+R): the typed query and the index into
   * `history` of the newest entry containing it (`undefined`: no match).
   */
  readonly search?: { readonly query: string; readonly match: number | undefined };
}

/** Every edit the input box knows. */
export type EditorAction =
  | { readonly type: "insert"; readonly text: string }
  | { readonly type: "paste"; readonly text: string }
  | { readonly type: "newline" }
  | { readonly type: "backspace" }
  | { readonly type: "delete-forward" }
  | { readonly type: "left" }
  | { readonly type: "right" }
  | { readonly type: "home" }
  | { readonly type: "end" }
  | { readonly type: "up" }
  | { readonly type: "down" }
  | { readonly type: "kill-before" }
  | { readonly type: "kill-after" }
  | { readonly type: "delete-word" }
  | { readonly type: "replace"; readonly text: string }
  | { readonly type: "search-start" }
  | { readonly type: "search-input"; readonly text: string }
  | { readonly type: "search-backspace" }
  | { readonly type: "search-accept" }
  | { readonly type: "search-cancel" }
  | { readonly type: "commit" };

/** A paste with more lines than this becomes a placeholder. */
export const PASTE_PLACEHOLDER_LINES = 5;
/** A paste longer than this (in characters) becomes a placeholder. */
export const PASTE_PLACEHOLDER_CHARS = 800;
/** How many earlier inputs Up can recall. */
export const HISTORY_LIMIT = 200;

/** An empty input box, optionally with earlier inputs to recall. */
export function initialEditorState(history: readonly string[] = []): EditorState {
  return { text: "", cursor: 0, history, recalling: undefined, draft: "", pastes: [] };
}

/** The text to send: the typed text with every paste placeholder replaced by its content. */
export function submittedText(state: EditorState): string {
  let text = state.text;
  for (const paste of state.pastes) text = text.replace(paste.placeholder, () => paste.content);
  return text;
}

/** The history entry the reverse search currently shows, if any. */
export function searchMatch(state: EditorState): string | undefined {
  const match = state.search?.match;
  return match === undefined ? undefined : state.history[match];
}

/** The input box's reducer. */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "search-start":
      // A second Ctrl+R looks further back for the same query.
      return state.search
        ? { ...state, search: findOlder(state.history, state.search.query, state.search.match) }
        : { ...state, search: { query: "", match: undefined } };
    case "search-input": {
      const query = (state.search?.query ?? "") + action.text;
      return { ...state, search: findOlder(state.history, query, state.history.length) };
    }
    case "search-backspace": {
      const query = (state.search?.query ?? "").slice(0, -1);
      return { ...state, search: findOlder(state.history, query, state.history.length) };
    }
    case "search-accept": {
      const text = searchMatch(state);
      const { search: _search, ...rest } = state;
      return text === undefined ? rest : { ...rest, text, cursor: text.length, pastes: [] };
    }
    case "search-cancel": {
      const { search: _search, ...rest } = state;
      return rest;
    }
    case "insert":
      return insert(state, normalizeNewlines(action.text));
    case "paste":
      return paste(state, normalizeNewlines(action.text));
    case "newline":
      return insert(state, "\n");
    case "backspace": {
      if (state.cursor === 0) return state;
      const before = state.text.slice(0, state.cursor);
      const placeholder = state.pastes.find((p) => before.endsWith(p.placeholder));
      const width = placeholder ? placeholder.placeholder.length : previousCharLength(before);
      return edit(state, state.cursor - width, state.cursor, "");
    }
    case "delete-forward":
      if (state.cursor >= state.text.length) return state;
      return edit(state, state.cursor, state.cursor + nextCharLength(state.text, state.cursor), "");
    case "left":
      return moveTo(state, state.cursor - previousCharLength(state.text.slice(0, state.cursor)));
    case "right":
      return moveTo(state, state.cursor + nextCharLength(state.text, state.cursor));
    case "home":
      return moveTo(state, lineStart(state.text, state.cursor));
    case "end":
      return moveTo(state, lineEnd(state.text, state.cursor));
    case "up":
      return lineStart(state.text, state.cursor) > 0 ? verticalMove(state, -1) : recallOlder(state);
    case "down":
      return lineEnd(state.text, state.cursor) < state.text.length
        ? verticalMove(state, 1)
        : recallNewer(state);
    case "kill-before":
      return edit(state, lineStart(state.text, state.cursor), state.cursor, "");
    case "kill-after":
      return edit(state, state.cursor, lineEnd(state.text, state.cursor), "");
    case "delete-word": {
      const before = state.text.slice(0, state.cursor);
      const start = before.replace(/\S+\s*$|\s+$/, "").length;
      return edit(state, start, state.cursor, "");
    }
    case "replace":
      return { ...state, text: action.text, cursor: action.text.length, recalling: undefined };
    case "commit": {
      const entry = submittedText(state);
      const history =
        entry.trim() === "" || state.history.at(-1) === entry
          ? state.history
          : [...state.history, entry].slice(-HISTORY_LIMIT);
      return initialEditorState(history);
    }
  }
}

// The newest entry before `before` that contains `query` (an empty query matches nothing).
function findOlder(
  history: readonly string[],
  query: string,
  before: number | undefined,
): { query: string; match: number | undefined } {
  if (query === "") return { query, match: undefined };
  const needle = query.toLowerCase();
  for (let i = Math.min(before ?? history.length, history.length) - 1; i >= 0; i--) {
    if (history[i]?.toLowerCase().includes(needle)) return { query, match: i };
  }
  // Nothing older: keep showing the current match, as shells do.
  return { query, match: before !== undefined && before < history.length ? before : undefined };
}

function insert(state: EditorState, text: string): EditorState {
  return edit(state, state.cursor, state.cursor, text);
}

function paste(state: EditorState, text: string): EditorState {
  const lines = text.split("\n").length;
  if (lines <= PASTE_PLACEHOLDER_LINES && text.length <= PASTE_PLACEHOLDER_CHARS) {
    return insert(state, text);
  }
  const base = lines > 1 ? `[pasted ${lines} lines]` : `[pasted ${text.length} chars]`;
  let placeholder = base;
  for (let n = 2; state.pastes.some((p) => p.placeholder === placeholder); n++) {
    placeholder = `${base.slice(0, -1)} #${n}]`;
  }
  const withPaste = { ...state, pastes: [...state.pastes, { placeholder, content: text }] };
  return insert(withPaste, placeholder);
}

function edit(state: EditorState, from: number, to: number, text: string): EditorState {
  const next = state.text.slice(0, from) + text + state.text.slice(to);
  const pastes = state.pastes.filter((p) => next.includes(p.placeholder));
  return { ...state, text: next, cursor: from + text.length, recalling: undefined, pastes };
}

function moveTo(state: EditorState, cursor: number): EditorState {
  const clamped = Math.max(0, Math.min(state.text.length, cursor));
  return clamped === state.cursor ? state : { ...state, cursor: clamped };
}

function verticalMove(state: EditorState, direction: -1 | 1): EditorState {
  const start = lineStart(state.text, state.cursor);
  const column = state.cursor - start;
  if (direction === -1) {
    const previousStart = lineStart(state.text, start - 1);
    return moveTo(state, Math.min(previousStart + column, start - 1));
  }
  const nextStart = lineEnd(state.text, state.cursor) + 1;
  return moveTo(state, Math.min(nextStart + column, lineEnd(state.text, nextStart)));
}

function recallOlder(state: EditorState): EditorState {
  if (state.history.length === 0) return state;
  const index = state.recalling === undefined ? state.history.length - 1 : state.recalling - 1;
  if (index < 0) return state;
  const text = state.history[index] ?? "";
  const draft = state.recalling === undefined ? state.text : state.draft;
  return { ...state, text, cursor: text.length, recalling: index, draft, pastes: [] };
}

function recallNewer(state: EditorState): EditorState {
  if (state.recalling === undefined) return state;
  const index = state.recalling + 1;
  if (index >= state.history.length) {
    return { ...state, text: state.draft, cursor: state.draft.length, recalling: undefined };
  }
  const text = state.history[index] ?? "";
  return { ...state, text, cursor: text.length, recalling: index };
}

function lineStart(text: string, cursor: number): number {
  return text.lastIndexOf("\n", cursor - 1) + 1;
}

function lineEnd(text: string, cursor: number): number {
  const end = text.indexOf("\n", cursor);
  return end === -1 ? text.length : end;
}

function previousCharLength(before: string): number {
  const last = before.codePointAt(before.length - 2);
  return last !== undefined && last > 0xffff ? 2 : Math.min(1, before.length);
}

function nextCharLength(text: string, cursor: number): number {
  const code = text.codePointAt(cursor);
  return code !== undefined && code > 0xffff ? 2 : 1;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
