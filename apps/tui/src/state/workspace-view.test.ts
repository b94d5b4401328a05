import type { FileInfo } from "@everruns/core";
import { describe, expect, it } from "vitest";
import {
  MAX_LISTED_ENTRIES,
  MAX_PREVIEW_LINES,
  safeText,
  workspaceFile,
  workspaceListing,
} from "./workspace-view.js";

const info = (path: string, size = 0, isDirectory = false): FileInfo => ({
  path,
  name: path.split("/").at(-1) ?? "",
  is_directory: isDirectory,
  is_readonly: false,
  size_bytes: size,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe("workspaceListing", () => {
  it("orders entries as a tree, each folder followed by its contents, with depths and totals", () => {
    const listing = workspaceListing("/", [
      info("/z.md", 5),
      info("/a-b.txt", 7),
      info("/a", 0, true),
      info("/a/b.md", 100),
      info("/a/c", 0, true),
      info("/a/c/d.bin", 2048),
    ]);
    expect(listing.entries.map((e) => [e.path, e.depth])).toEqual([
      ["/a", 0],
      ["/a/b.md", 1],
      ["/a/c", 1],
      ["/a/c/d.bin", 2],
      ["/a-b.txt", 0],
      ["/z.md", 0],
    ]);
    expect(listing).toMatchObject({ root: "/", fileCount: 4, totalBytes: 2160, more: 0 });
  });

  it("lists a folder relative to itself and keeps what is outside it out", () => {
    const listing = workspaceListing("/a/", [
      info("/a/b.md", 1),
      info("/ab.md", 1),
      info("/a", 0, true),
    ]);
    expect(listing.root).toBe("/a");
    expect(listing.entries.map((e) => [e.path, e.depth])).toEqual([["/a/b.md", 0]]);
  });

  it(`keeps the first ${MAX_LISTED_ENTRIES} entries and counts the rest`, () => {
    const many = Array.from({ length: MAX_LISTED_ENTRIES + 7 }, (_, i) =>
      info(`/f${String(i).padStart(4, "0")}.txt`, 1),
    );
    const listing = workspaceListing("/", many);
    expect(listing.entries).toHaveLength(MAX_LISTED_ENTRIES);
    expect(listing.more).toBe(7);
    expect(listing.fileCount).toBe(MAX_LISTED_ENTRIES + 7);
  });

  it("removes control characters from names", () => {
    const listing = workspaceListing("/", [info("/evil\u001b[2J.txt", 1)]);
    expect(listing.entries[0]?.name).toBe("evil\ufffd[2J.txt");
  });
});

describe("workspaceFile", () => {
  it("shows UTF-8 text with control characters removed and tabs as spaces", () => {
    const content = bytes("# Title\n\tcode\u001b[31m\n");
    const file = workspaceFile("/a.md", content.byteLength, content, true);
    expect(file).toMatchObject({
      binary: false,
      text: "# Title\n  code\ufffd[31m",
      moreLines: 0,
      moreBytes: 0,
    });
  });

  it("says binary for a NUL byte or bytes that are not UTF-8", () => {
    expect(workspaceFile("/x", 3, new Uint8Array([104, 0, 105]), true).binary).toBe(true);
    expect(workspaceFile("/x", 2, new Uint8Array([0xff, 0xfe]), true).binary).toBe(true);
  });

  it("does not call a character cut at the end of a partial read binary", () => {
    const euro = bytes("price: €");
    const file = workspaceFile("/p.txt", 1000, euro.subarray(0, euro.length - 1), false);
    expect(file).toMatchObject({
      binary: false,
      text: "price: ",
      moreBytes: 1000 - euro.length + 1,
    });
  });

  it(`shows at most ${MAX_PREVIEW_LINES} lines and counts the rest`, () => {
    const text = Array.from({ length: MAX_PREVIEW_LINES + 30 }, (_, i) => `line ${i}`).join("\n");
    const file = workspaceFile("/long.txt", text.length, bytes(text), true);
    expect(file.text.split("\n")).toHaveLength(MAX_PREVIEW_LINES);
    expect(file.moreLines).toBe(30);
  });
});

describe("safeText", () => {
  it("keeps printable text, including wide characters", () => {
    expect(safeText("naïve 日本 ✓")).toBe("naïve 日本 ✓");
  });
});
