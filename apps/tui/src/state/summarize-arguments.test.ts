import { expect, it } from "vitest";
import { summarizeArguments } from "./summarize-arguments.js";

it("summarizes arguments as key=value pairs on one line, cut with an ellipsis", () => {
  expect(summarizeArguments({ path: "a.ts", limit: 20 })).toBe("path=a.ts, limit=20");
  expect(summarizeArguments({ q: "two words", opts: { deep: true } })).toBe(
    'q="two words", opts={"deep":true}',
  );
  expect(summarizeArguments({ text: "x".repeat(100) }, 20)).toBe(`text=${"x".repeat(14)}…`);
  expect(summarizeArguments({})).toBe("");
});
