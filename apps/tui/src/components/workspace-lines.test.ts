import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { workspaceFile, workspaceListing } from "../state/workspace-view.js";
import { fit, workspaceLines } from "./workspace-lines.js";

const entry = (path: string, size: number, isDirectory = false) => ({
  path,
  name: path.split("/").at(-1) ?? "",
  is_directory: isDirectory,
  is_readonly: false,
  size_bytes: size,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});
const rendered = (line: { text: string; size?: string }) => line.text + (line.size ?? "");

describe("workspaceLines in a 60-column terminal", () => {
  const listing = workspaceListing("/", [
    entry("/reports", 0, true),
    entry("/reports/quarterly-results-for-the-board-with-a-very-long-name.md", 123_456),
    entry("/notes.md", 80),
  ]);

  it("lists folders and files indented, with sizes in one right-aligned column", () => {
    const lines = workspaceLines(listing, 60);
    expect(lines[0]?.text).toBe("▤ Workspace / · 2 files, 120.6 KB");
    expect(lines.map((l) => l.text.trimEnd())).toContain("  reports/");
    const long = lines.find((l) => l.text.includes("quarterly"));
    expect(long?.text.trimEnd()).toMatch(/^ {4}quarterly.*…$/);
    expect(long?.size?.trim()).toBe("120.6 KB");
    const notes = lines.find((l) => l.text.includes("notes.md"));
    expect(notes?.size?.trim()).toBe("80 B");
    for (const line of lines) expect(stringWidth(rendered(line))).toBeLessThanOrEqual(60);
    // Sizes end at the same column.
    expect(stringWidth(rendered(long as never))).toBe(stringWidth(rendered(notes as never)));
  });

  it("wraps a file's long lines under the gutter and says what was left out", () => {
    const text = `${"word ".repeat(30)}\nshort`;
    const file = workspaceFile("/a.txt", 100_000, new TextEncoder().encode(text), false);
    const lines = workspaceLines(file, 60);
    expect(lines[0]?.text).toBe("▤ /a.txt · 97.7 KB");
    const content = lines.filter((l) => l.tone === "content");
    expect(content.length).toBeGreaterThan(2);
    for (const line of content) expect(line.text.startsWith("  │ ")).toBe(true);
    for (const line of lines) expect(stringWidth(line.text)).toBeLessThanOrEqual(60);
    expect(lines.at(-1)?.text).toMatch(/KB not fetched/);
  });

  it("says binary and empty instead of showing content", () => {
    const binary = workspaceFile("/b.bin", 3, new Uint8Array([0, 1, 2]), true);
    expect(workspaceLines(binary, 60).map((l) => l.text)).toEqual([
      "▤ /b.bin · 3 B",
      "  binary file: its content is not shown",
    ]);
    expect(workspaceLines(workspaceListing("/", []), 60).at(-1)?.text).toMatch(/empty/);
  });
});

describe("fit", () => {
  it("cuts by display columns, wide characters counting two", () => {
    expect(fit("日本語のファイル", 7)).toBe("日本語…");
    expect(fit("short", 10)).toBe("short");
  });
});
