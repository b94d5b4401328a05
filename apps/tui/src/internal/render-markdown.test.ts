import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown.js";

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
});
