import { expect, it } from "vitest";
import { countLineRows, countRows, displayWidth } from "./text-rows.js";

it("measures terminal columns: escapes take none, wide characters two", () => {
  expect(displayWidth("\x1b[1mbold\x1b[22m")).toBe(4);
  expect(displayWidth("日本")).toBe(4);
  expect(displayWidth("é")).toBe(1);
});

it("counts wrapped rows", () => {
  expect(countRows("abcdef\n\nxy", 4)).toBe(4);
});

it("wraps at spaces like Ink: a word that does not fit starts the next row", () => {
  expect(countLineRows("aaaa bbbb cccc", 9)).toBe(2);
  expect(countLineRows("aaaa bbbb", 9)).toBe(1);
  expect(countLineRows("x".repeat(20), 8)).toBe(3);
  expect(countLineRows("", 8)).toBe(1);
});
