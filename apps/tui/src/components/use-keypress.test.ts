import { describe, expect, it } from "vitest";
import { splitControlKeys } from "./use-keypress.js";

describe("splitControlKeys", () => {
  it("splits text from the control keys that arrived with it, in order", () => {
    const events = splitControlKeys("/th\t");
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ input: "/th", key: { tab: false } });
    expect(events[1]).toMatchObject({ key: { tab: true } });
  });

  it("names Enter, Backspace, Ctrl+letters and Ctrl+J", () => {
    const events = splitControlKeys("ab\x7f\x15x\n\r");
    expect(events.map((e) => (e.kind === "key" ? [e.input, e.key.ctrl, e.key.return] : e))).toEqual(
      [
        ["ab", false, false],
        ["", false, false],
        ["u", true, false],
        ["x", false, false],
        ["\n", false, false],
        ["\r", false, true],
      ],
    );
    expect(events[1]).toMatchObject({ key: { delete: true } });
  });
});
