import type { FileInfo } from "@everruns/core";

/** A node of a workspace's tree: an entry, and for a directory its children. */
export interface FileNode {
  /** Normalized path, starting with `/`. */
  path: string;
  /** Last segment of the path. */
  name: string;
  isDirectory: boolean;
  /** A file's size; for a directory, the sum of the files below it. */
  sizeBytes: number;
  /** How many files are below a directory (0 for a file). */
  fileCount: number;
  /** The entry as the API listed it; absent for a directory only implied by its files. */
  info: FileInfo | undefined;
  /** Directories first, then files, each by name. */
  children: FileNode[];
}

/**
 * Turns a recursive listing (flat, any order) into nested nodes. A directory the listing does
 * not name but a path runs through is made up, so a partial listing still shows every file.
 */
export function buildFileTree(entries: readonly FileInfo[]): FileNode[] {
  const root = directoryNode("/", "");
  const byPath = new Map<string, FileNode>([["/", root]]);

  const directoryAt = (path: string): FileNode => {
    const existing = byPath.get(path);
    if (existing) return existing;
    const node = directoryNode(path, path.slice(path.lastIndexOf("/") + 1));
    byPath.set(path, node);
    directoryAt(parentOf(path)).children.push(node);
    return node;
  };

  for (const info of entries) {
    if (info.path === "/" || info.path === "") continue;
    if (info.is_directory) {
      directoryAt(info.path).info = info;
      continue;
    }
    const node: FileNode = {
      path: info.path,
      name: info.name || info.path.slice(info.path.lastIndexOf("/") + 1),
      isDirectory: false,
      sizeBytes: info.size_bytes,
      fileCount: 0,
      info,
      children: [],
    };
    byPath.set(info.path, node);
    directoryAt(parentOf(info.path)).children.push(node);
  }
  total(root);
  return root.children;
}

/** The directories that contain `path` (`/a/b/c.md` → `/a`, `/a/b`), outermost first. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split("/").filter(Boolean);
  return parts.slice(0, -1).map((_, index) => `/${parts.slice(0, index + 1).join("/")}`);
}

function directoryNode(path: string, name: string): FileNode {
  return {
    path,
    name,
    isDirectory: true,
    sizeBytes: 0,
    fileCount: 0,
    info: undefined,
    children: [],
  };
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

// Sums sizes and counts bottom-up and sorts each directory's children.
function total(node: FileNode): void {
  if (!node.isDirectory) return;
  node.sizeBytes = 0;
  node.fileCount = 0;
  for (const child of node.children) {
    total(child);
    node.sizeBytes += child.sizeBytes;
    node.fileCount += child.isDirectory ? child.fileCount : 1;
  }
  node.children.sort(
    (a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name),
  );
}
