import { expect, it } from "vitest";
import { countIndentedRows, splitIndents } from "./hanging-indent.js";

it("separates list markers and indentation from the text, escapes included", () => {
  expect(splitIndents("  * \x1b[0mitem text\n    code\nplain")).toEqual([
    { indent: "  * ", indentWidth: 4, body: "\x1b[0mitem text" },
    { indent: "    ", indentWidth: 4, body: "code" },
    { indent: "", indentWidth: 0, body: "plain" },
  ]);
  expect(splitIndents("  12. twelfth")[0]).toMatchObject({ indent: "  12. ", body: "twelfth" });
});

it("counts rows with continuation lines wrapped under the text", () => {
  const lines = splitIndents(`  * ${"x".repeat(12)}`);
  expect(countIndentedRows(lines, 10)).toBe(2);
});
