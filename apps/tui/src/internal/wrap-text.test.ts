import { describe, expect, it } from "vitest";
import { wrapText } from "./wrap-text.js";

describe("wrapText", () => {
  it("starts no wrapped row with the space it broke at", () => {
    const rows = wrapText("the simulated model writes this text so that", 20).split("\n");
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.startsWith(" ")).toBe(false);
      expect(row.length).toBeLessThanOrEqual(20);
    }
  });

  it("keeps each line's indent on its wrapped rows, and empty lines", () => {
    expect(wrapText("  aaa bbb ccc\n\nx", 9)).toBe("  aaa bbb\n  ccc\n\nx");
  });

  it("cuts a word longer than the width", () => {
    expect(wrapText("abcdefghij", 4)).toBe("abcd\nefgh\nij");
  });
});
