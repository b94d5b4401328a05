import { Everruns } from "@everruns/core";

/** What the storage run reports back to the test. */
export interface BrowserStorageReport {
  /** The upload's answer. */
  upload: { filename: string; content_type: string; size_bytes: number };
  /** Whether the image came back byte for byte, and its Blob type. */
  imageIdentical: boolean;
  imageType: string;
  /** Whether the downloaded file came back byte for byte, and its Blob type. */
  fileIdentical: boolean;
  fileType: string;
  /** The text file read back with `files.text`. */
  text: string;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Runs in the page: uploads an image from a `File` (as an `<input type="file">` gives it),
 * fetches it back, writes a binary and a text file into a workspace and downloads them, all
 * with the browser's own `fetch`, `FormData` and `Blob`.
 */
export async function runStorage(baseUrl: string, png: number[]): Promise<BrowserStorageReport> {
  const client = new Everruns({ baseUrl, apiKey: "dev" });
  const bytes = new Uint8Array(png);
  const upload = await client.images.upload(
    new File([bytes], "from-browser.png", { type: "image/png" }),
  );
  const image = await client.images.get(upload.id);
  const workspace = await client.workspaces.create({ name: "browser-files" });
  const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
  await client.workspaces.files.create(workspace.id, "data/blob.bin", binary);
  await client.workspaces.files.create(workspace.id, "notes/hello.md", "héllo from a tab");
  const file = await client.workspaces.files.download(workspace.id, "data/blob.bin");
  return {
    upload: {
      filename: upload.filename,
      content_type: upload.content_type,
      size_bytes: upload.size_bytes,
    },
    imageIdentical: same(new Uint8Array(await image.arrayBuffer()), bytes),
    imageType: image.type,
    fileIdentical: same(new Uint8Array(await file.arrayBuffer()), binary),
    fileType: file.type,
    text: await client.workspaces.files.text(workspace.id, "notes/hello.md"),
  };
}
