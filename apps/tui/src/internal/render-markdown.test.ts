import { describe, expect, it } from "vitest";
import { renderMarkdown, supportsHyperlinks } from "./render-markdown.js";

describe("renderMarkdown", () => {
  it("renders headings, lists, emphasis, inline code and fenced code without markdown syntax", () => {
    const out = renderMarkdown(
      "# Title\n\n- a *b* **c** `d`\n\n```js\nconst x = 1;\n```\n",
      60,
      false,
    );
    expect(out).toContain("# Title");
    expect(out).toContain("* a b c d");
    expect(out).toContain("const x = 1;");
    expect(out).not.toContain("```");
  });

  it("keeps a paragraph on one line, for the view to wrap with a hanging indent", () => {
    expect(renderMarkdown("word ".repeat(40), 30, false)).toBe("word ".repeat(40).trim());
  });

  it("writes no escape sequences when colors are off", () => {
    expect(renderMarkdown("**bold** and `code`", 40, false)).not.toContain("\u001b");
  });

  it("draws tables with box lines", () => {
    const out = renderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n", 60, false);
    expect(out).toContain("┌───┬───┐");
    expect(out).toContain("│ 1 │ 2 │");
  });

  it("makes links OSC 8 hyperlinks where the terminal shows them, else text and URL", () => {
    const md = "See [the docs](https://everruns.com/docs).";
    expect(renderMarkdown(md, 60, true, true)).toContain(
      "\x1b]8;;https://everruns.com/docs\x07the docs\x1b]8;;\x07",
    );
    const plain = renderMarkdown(md, 60, false, true);
    expect(plain).not.toContain("\x1b]8");
    expect(plain).toContain("https://everruns.com/docs");
  });

  it("detects hyperlink support from the environment", () => {
    expect(supportsHyperlinks({ FORCE_HYPERLINK: "1", TMUX: "x" })).toBe(true);
    expect(supportsHyperlinks({ FORCE_HYPERLINK: "0", TERM_PROGRAM: "iTerm.app" })).toBe(false);
    expect(supportsHyperlinks({ TERM_PROGRAM: "WezTerm" })).toBe(true);
    expect(supportsHyperlinks({ VTE_VERSION: "7600" })).toBe(true);
    expect(supportsHyperlinks({ TMUX: "/tmp/x", VTE_VERSION: "7600" })).toBe(false);
    expect(supportsHyperlinks({ TERM: "xterm" })).toBe(false);
  });
});
