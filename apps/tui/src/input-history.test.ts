import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileHistory } from "./input-history.js";
import { HISTORY_LIMIT } from "./state/editor.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("fileHistory", () => {
  it("keeps inputs, multi-line ones too, for the next run", () => {
    dir = mkdtempSync(join(tmpdir(), "tui-history-"));
    const file = join(dir, "sub", "history.jsonl");
    const first = fileHistory(file);
    expect(first.load()).toEqual([]);
    first.append("one");
    first.append("two\nlines");
    expect(fileHistory(file).load()).toEqual(["one", "two\nlines"]);
  });

  it("skips a torn line and stays bounded", () => {
    dir = mkdtempSync(join(tmpdir(), "tui-history-"));
    const file = join(dir, "history.jsonl");
    appendFileSync(file, '"ok"\n{"torn');
    const store = fileHistory(file);
    expect(store.load()).toEqual(["ok"]);
    appendFileSync(file, "\n");
    for (let i = 0; i < 2 * HISTORY_LIMIT + 5; i++) store.append(`entry ${i}`);
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(2 * HISTORY_LIMIT);
    expect(fileHistory(file).load().at(-1)).toBe(`entry ${2 * HISTORY_LIMIT + 4}`);
  });
});
