import { describe, expect, it } from "vitest";
import { findSafeSplit } from "./markdown-boundary.js";

describe("findSafeSplit", () => {
  it("cuts after the last blank line", () => {
    const text = "# Title\n\nFirst paragraph.\n\nSecond, still being wri";
    expect(text.slice(0, findSafeSplit(text))).toBe("# Title\n\nFirst paragraph.\n\n");
  });

  it("does not cut inside a fenced code block", () => {
    const text = "Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n";
    expect(findSafeSplit(text)).toBe("Intro\n\n".length);
  });

  it("cuts after a closed code block once a blank line follows it", () => {
    const text = "~~~\ncode\n\nmore\n~~~\n\nAfter";
    expect(findSafeSplit(text)).toBe(text.length - "After".length);
  });

  it("does not close a fence with a shorter or different marker", () => {
    const text = "````\n```\n\n~~~\n\n";
    expect(findSafeSplit(text)).toBe(0);
  });

  it("never cuts before any content or on the unfinished last line", () => {
    expect(findSafeSplit("\n\nHello")).toBe(0);
    expect(findSafeSplit("Hello\n")).toBe(0);
  });
});
