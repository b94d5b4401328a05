import { describe, expect, it } from "vitest";
import { codeBlocks, snippets } from "./internal/code-blocks.js";

const markdown = [
  "# Title",
  "```ts",
  'import { a } from "m";',
  "const x = a();",
  "```",
  "text",
  "```ts continued",
  'import { a, b } from "m";',
  "console.log(x, b);",
  "```",
  "<!-- output ends with: 42 -->",
  "```sh",
  "npm install m",
  "```",
  "```ts no-run",
  "unrunnable();",
  "```",
].join("\n");

describe("README code blocks", () => {
  it("finds each fenced block with its language, flags and line", () => {
    expect(codeBlocks(markdown).map((b) => [b.line, b.lang, b.flags])).toEqual([
      [2, "ts", []],
      [7, "ts", ["continued"]],
      [12, "sh", []],
      [15, "ts", ["no-run"]],
    ]);
  });

  it("appends a continued block to the one before, with one merged import per module", () => {
    const [, second] = snippets(markdown, "README.md");
    expect(second?.name).toBe("README.md:7");
    expect(second?.source).toBe(
      'import { a, b } from "m";\nconst x = a();\n\nconsole.log(x, b);\n\nexport {};\n',
    );
    expect(second?.outputEndsWith).toBe("42");
  });

  it("keeps no-run blocks for the type-check only, and skips other languages", () => {
    expect(snippets(markdown, "r").map((s) => [s.name, s.run])).toEqual([
      ["r:2", true],
      ["r:7", true],
      ["r:15", false],
    ]);
  });

  it("refuses a continued block with nothing to continue", () => {
    expect(() => snippets("```ts continued\nx;\n```\n", "r")).toThrow(/needs a ts block/);
  });
});
