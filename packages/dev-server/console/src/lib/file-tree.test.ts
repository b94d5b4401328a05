import type { FileInfo } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { ancestorsOf, buildFileTree } from "./file-tree.ts";

function entry(path: string, size = 0, isDirectory = false): FileInfo {
  return {
    path,
    name: path.slice(path.lastIndexOf("/") + 1),
    is_directory: isDirectory,
    is_readonly: false,
    size_bytes: size,
    created_at: "2026-11-30T20:00:00.000Z",
    updated_at: "2026-11-30T20:00:00.000Z",
  };
}

describe("buildFileTree", () => {
  it("nests a flat listing, directories first, and sums sizes and file counts", () => {
    const tree = buildFileTree([
      entry("/z.txt", 5),
      entry("/reports/b.md", 20),
      entry("/reports", 0, true),
      entry("/a.txt", 7),
      entry("/reports/deep/c.bin", 100),
      entry("/reports/deep", 0, true),
    ]);
    expect(tree.map((node) => node.path)).toEqual(["/reports", "/a.txt", "/z.txt"]);
    const reports = tree[0];
    expect(reports?.isDirectory).toBe(true);
    expect(reports?.sizeBytes).toBe(120);
    expect(reports?.fileCount).toBe(2);
    expect(reports?.children.map((node) => node.name)).toEqual(["deep", "b.md"]);
    expect(reports?.children[0]?.children[0]?.sizeBytes).toBe(100);
  });

  it("makes up the directories a path runs through when the listing leaves them out", () => {
    const tree = buildFileTree([entry("/x/y/file.md", 3)]);
    expect(tree[0]?.path).toBe("/x");
    expect(tree[0]?.info).toBeUndefined();
    expect(tree[0]?.children[0]?.path).toBe("/x/y");
    expect(tree[0]?.children[0]?.children[0]?.name).toBe("file.md");
    expect(tree[0]?.fileCount).toBe(1);
  });

  it("answers no nodes for an empty workspace, and ignores an entry for the root", () => {
    expect(buildFileTree([])).toEqual([]);
    expect(buildFileTree([entry("/", 0, true)])).toEqual([]);
  });
});

describe("ancestorsOf", () => {
  it("lists the directories that hold a path, outermost first", () => {
    expect(ancestorsOf("/a/b/c.md")).toEqual(["/a", "/a/b"]);
    expect(ancestorsOf("/top.md")).toEqual([]);
  });
});
