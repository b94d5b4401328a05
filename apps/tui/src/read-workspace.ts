import type { Everruns } from "@everruns/core";
import {
  MAX_PREVIEW_BYTES,
  type WorkspaceView,
  workspaceFile,
  workspaceListing,
} from "./state/workspace-view.js";

/**
 * What `/files [path]` shows of a workspace: the whole tree under a folder (default the root),
 * or the beginning of a file. A file is downloaded as a stream and only its first
 * {@link MAX_PREVIEW_BYTES} are read, so a large one costs no more than a small one.
 */
export async function readWorkspace(
  client: Everruns,
  workspaceId: string,
  path: string,
): Promise<WorkspaceView> {
  const files = client.workspaces.files;
  const wanted = path.trim() || "/";
  const isRoot = /^\/*$/.test(wanted);
  const info = isRoot ? undefined : await files.stat(workspaceId, wanted);
  if (!info || info.is_directory) {
    const listing = await files.list(workspaceId, info?.path ?? "/", { recursive: true });
    return workspaceListing(info?.path ?? "/", listing.data);
  }
  const { head, complete } = await readHead(
    await files.downloadStream(workspaceId, info.path),
    MAX_PREVIEW_BYTES,
  );
  return workspaceFile(info.path, info.size_bytes, head, complete);
}

/** Reads at most `limit` bytes, then cancels the rest of the download. */
async function readHead(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<{ head: Uint8Array; complete: boolean }> {
  const reader = stream.getReader();
  const head = new Uint8Array(limit);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { head: head.subarray(0, length), complete: true };
      const room = limit - length;
      head.set(value.subarray(0, room), length);
      length += Math.min(room, value.byteLength);
      if (value.byteLength > room || length === limit) {
        // Whether the file ended exactly here is unknown: call it incomplete, which only
        // makes the decoder lenient about a character cut at the end.
        return { head: head.subarray(0, length), complete: false };
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
