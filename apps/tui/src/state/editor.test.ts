import { describe, expect, it } from "vitest";
import {
  type EditorAction,
  type EditorState,
  editorReducer,
  initialEditorState,
  searchMatch,
  submittedText,
} from "./editor.js";

const apply = (actions: EditorAction[], state = initialEditorState()) =>
  actions.reduce(editorReducer, state);
const type = (text: string): EditorAction => ({ type: "insert", text });

describe("editorReducer", () => {
  it("inserts at the cursor and moves left and right", () => {
    const state = apply([type("helo"), { type: "left" }, type("l")]);
    expect(state.text).toBe("hello");
    expect(state.cursor).toBe(4);
  });

  it("deletes a character, a word, and the line before the cursor", () => {
    expect(apply([type("ab"), { type: "backspace" }]).text).toBe("a");
    expect(apply([type("one two  "), { type: "delete-word" }]).text).toBe("one ");
    expect(apply([type("x\nabc"), { type: "kill-before" }]).text).toBe("x\n");
  });

  it("inserts a newline without sending", () => {
    expect(apply([type("a"), { type: "newline" }, type("b")]).text).toBe("a\nb");
  });

  it("inserts a small paste as text, with CRLF normalized", () => {
    const state = apply([{ type: "paste", text: "one\r\ntwo" }]);
    expect(state.text).toBe("one\ntwo");
    expect(state.pastes).toEqual([]);
  });

  it("shows a large paste as one placeholder and sends its content", () => {
    const big = Array.from({ length: 120 }, (_, i) => `line ${i}`).join("\n");
    const state = apply([type("see: "), { type: "paste", text: big }, type(" ok")]);
    expect(state.text).toBe("see: [pasted 120 lines] ok");
    expect(submittedText(state)).toBe(`see: ${big} ok`);
  });

  it("deletes a whole placeholder with one backspace, and its content with it", () => {
    const big = "a\nb\nc\nd\ne\nf";
    const state = apply([{ type: "paste", text: big }, { type: "backspace" }]);
    expect(state.text).toBe("");
    expect(submittedText(state)).toBe("");
  });

  it("numbers placeholders of equal size apart", () => {
    const big = "1\n2\n3\n4\n5\n6";
    const state = apply([
      { type: "paste", text: big },
      { type: "paste", text: big.replace("1", "x") },
    ]);
    expect(state.text).toBe("[pasted 6 lines][pasted 6 lines #2]");
    expect(submittedText(state)).toBe(`${big}${big.replace("1", "x")}`);
  });

  it("recalls earlier inputs with up and returns to the draft with down", () => {
    const state = apply([type("first"), { type: "commit" }, type("second"), { type: "commit" }]);
    expect(state.history).toEqual(["first", "second"]);
    const drafting = apply([type("draft")], state);
    const up1 = editorReducer(drafting, { type: "up" });
    const up2 = editorReducer(up1, { type: "up" });
    expect([up1.text, up2.text]).toEqual(["second", "first"]);
    expect(editorReducer(editorReducer(up2, { type: "down" }), { type: "down" }).text).toBe(
      "draft",
    );
  });

  it("moves between lines of a multiline input before recalling history", () => {
    const state = apply([type("x"), { type: "commit" }, type("ab\ncd")]);
    const up = editorReducer(state, { type: "up" });
    expect(up.text).toBe("ab\ncd");
    expect(up.cursor).toBe(2);
    expect(editorReducer(up, { type: "up" }).text).toBe("x");
  });

  it("does not store empty or repeated inputs in the history", () => {
    const state = apply([
      type("a"),
      { type: "commit" },
      type("a"),
      { type: "commit" },
      { type: "commit" },
    ]);
    expect(state.history).toEqual(["a"]);
  });
});

describe("reverse search (Ctrl+R)", () => {
  const base = initialEditorState(["git status", "deploy prod", "git push", "hello"]);
  const search = (state: EditorState, ...actions: EditorAction[]) =>
    actions.reduce(editorReducer, state);

  it("finds the newest input containing the query, then older ones", () => {
    let state = search(base, { type: "search-start" }, { type: "search-input", text: "git" });
    expect(searchMatch(state)).toBe("git push");
    state = search(state, { type: "search-start" });
    expect(searchMatch(state)).toBe("git status");
    // Nothing older: the match stays.
    state = search(state, { type: "search-start" });
    expect(searchMatch(state)).toBe("git status");
    state = search(state, { type: "search-accept" });
    expect(state.text).toBe("git status");
    expect(state.search).toBeUndefined();
  });

  it("ignores case, narrows on typing, widens on Backspace, and cancels", () => {
    let state = search(base, { type: "search-start" }, { type: "search-input", text: "DEPLOYX" });
    expect(searchMatch(state)).toBeUndefined();
    state = search(state, { type: "search-backspace" });
    expect(searchMatch(state)).toBe("deploy prod");
    state = search(state, { type: "search-cancel" });
    expect(state.text).toBe("");
    expect(state.search).toBeUndefined();
  });
});
