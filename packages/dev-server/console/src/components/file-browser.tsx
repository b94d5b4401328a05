import type { Everruns } from "@everruns/core";
import { useEffect, useMemo, useState } from "react";
import { describeError } from "../lib/describe-error.ts";
import { type FilePreview, previewFile, TEXT_PREVIEW_BYTES } from "../lib/file-preview.ts";
import { ancestorsOf, buildFileTree, type FileNode } from "../lib/file-tree.ts";
import { formatSize } from "../lib/format-size.ts";
import { formatTime } from "../lib/format-time.ts";
import { saveBlob } from "../lib/save-blob.ts";
import { useLoader } from "../lib/use-loader.ts";

/** Props of {@link FileBrowser}. */
export interface FileBrowserProps {
  client: Everruns;
  workspaceId: string;
  /** Changes whenever the session wrote a file (`file.written`): the tree and view reload. */
  revision: number;
  /** The path the session wrote last; its directories are opened. */
  lastWritten: string | undefined;
}

/**
 * A session's workspace: the tree (directories open and close, sizes), the selected file shown
 * as text, an image or "binary", and a download through the SDK (the key stays in a header).
 */
export function FileBrowser({ client, workspaceId, revision, lastWritten }: FileBrowserProps) {
  const listing = useLoader(
    async () => (await client.workspaces.files.list(workspaceId, "/", { recursive: true })).data,
    [client, workspaceId, revision],
  );
  const tree = useMemo(() => buildFileTree(listing.value ?? []), [listing.value]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string>();

  useEffect(() => {
    if (!lastWritten) return;
    setOpen((previous) => new Set([...previous, ...ancestorsOf(lastWritten)]));
  }, [lastWritten]);

  const toggle = (path: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  const selectedNode = useMemo(() => findNode(tree, selected), [tree, selected]);

  return (
    <div className="files">
      <div className="files-tree">
        <div className="toolbar small-toolbar">
          <h3>Workspace</h3>
          <button type="button" className="secondary" onClick={listing.reload}>
            Refresh
          </button>
        </div>
        {listing.error && <p className="error">{listing.error}</p>}
        {listing.value?.length === 0 && (
          <p className="muted">No files yet: the agent's writes show up here.</p>
        )}
        {listing.value === undefined && !listing.error && <p className="muted">Loading…</p>}
        <TreeLevel
          nodes={tree}
          depth={0}
          open={open}
          selected={selected}
          onToggle={toggle}
          onSelect={setSelected}
          label="Workspace files"
        />
      </div>
      <div className="files-view">
        {selectedNode ? (
          <FileView
            key={selectedNode.path}
            client={client}
            workspaceId={workspaceId}
            node={selectedNode}
            revision={revision}
          />
        ) : (
          <p className="muted">Choose a file to see it.</p>
        )}
      </div>
    </div>
  );
}

interface TreeLevelProps {
  nodes: readonly FileNode[];
  depth: number;
  open: ReadonlySet<string>;
  selected: string | undefined;
  onToggle: (path: string) => void;
  onSelect: (path: string) => void;
  label?: string;
}

// Nested lists of buttons (the disclosure pattern): every row is reachable with Tab, a
// directory says whether it is open with aria-expanded, the chosen file with aria-current.
function TreeLevel({ nodes, depth, open, selected, onToggle, onSelect, label }: TreeLevelProps) {
  if (nodes.length === 0) return null;
  return (
    <ul className="file-tree" aria-label={label}>
      {nodes.map((node) => {
        const isOpen = open.has(node.path);
        const indent = { paddingLeft: `${6 + depth * 16}px` };
        if (node.isDirectory) {
          return (
            <li key={node.path}>
              <button
                type="button"
                className="file-row"
                style={indent}
                aria-expanded={isOpen}
                onClick={() => onToggle(node.path)}
              >
                <span aria-hidden="true" className="file-icon">
                  {isOpen ? "▾" : "▸"}
                </span>
                <span className="file-name">{node.name}/</span>
                <span className="muted small">
                  {node.fileCount} file{node.fileCount === 1 ? "" : "s"} ·{" "}
                  {formatSize(node.sizeBytes)}
                </span>
              </button>
              {isOpen && (
                <TreeLevel
                  nodes={node.children}
                  depth={depth + 1}
                  open={open}
                  selected={selected}
                  onToggle={onToggle}
                  onSelect={onSelect}
                />
              )}
            </li>
          );
        }
        return (
          <li key={node.path}>
            <button
              type="button"
              className={node.path === selected ? "file-row selected" : "file-row"}
              style={indent}
              aria-current={node.path === selected ? "true" : undefined}
              onClick={() => onSelect(node.path)}
            >
              <span aria-hidden="true" className="file-icon" />
              <span className="file-name">{node.name}</span>
              <span className="muted small">{formatSize(node.sizeBytes)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function FileView({
  client,
  workspaceId,
  node,
  revision,
}: {
  client: Everruns;
  workspaceId: string;
  node: FileNode;
  revision: number;
}) {
  // The same bytes serve the view and the download button: one request per file and write.
  const file = useLoader(async () => {
    const blob = await client.workspaces.files.download(workspaceId, node.path);
    return { blob, preview: await previewFile(blob) };
  }, [client, workspaceId, node.path, revision]);
  const [note, setNote] = useState<string>();
  const download = async () => {
    try {
      const blob =
        file.value?.blob ?? (await client.workspaces.files.download(workspaceId, node.path));
      saveBlob(blob, node.name);
      setNote(undefined);
    } catch (caught) {
      setNote(describeError(caught));
    }
  };

  return (
    <section className="file-view" aria-label={`File ${node.path}`}>
      <div className="toolbar small-toolbar">
        <h3>
          <code>{node.path}</code>
        </h3>
        <button type="button" onClick={download} aria-label={`Download ${node.name}`}>
          Download
        </button>
      </div>
      <p className="muted small">
        {formatSize(node.sizeBytes)}
        {file.value?.blob.type ? ` · ${file.value.blob.type}` : ""}
        {node.info ? ` · updated ${formatTime(node.info.updated_at)}` : ""}
      </p>
      {note && <p className="error">{note}</p>}
      {file.error && <p className="error">{file.error}</p>}
      {file.value === undefined && !file.error && <p className="muted">Loading…</p>}
      {file.value && <PreviewBody preview={file.value.preview} path={node.path} />}
    </section>
  );
}

function PreviewBody({ preview, path }: { preview: FilePreview; path: string }) {
  switch (preview.kind) {
    case "text":
      return (
        <>
          {preview.truncated && (
            <p className="muted small">
              Showing the first {formatSize(TEXT_PREVIEW_BYTES)}: download the file for the rest.
            </p>
          )}
          <pre className="code file-text">{preview.text}</pre>
        </>
      );
    case "image":
      return <img className="file-image" src={preview.src} alt={path} />;
    case "binary":
      return (
        <p className="notice" data-kind="binary">
          Binary file: no preview. Download it to open it.
        </p>
      );
  }
}

function findNode(nodes: readonly FileNode[], path: string | undefined): FileNode | undefined {
  if (!path) return undefined;
  for (const node of nodes) {
    if (node.path === path) return node;
    if (node.isDirectory && path.startsWith(`${node.path}/`)) return findNode(node.children, path);
  }
  return undefined;
}
