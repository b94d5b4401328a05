/**
 * Hands bytes already fetched (with the key, through the SDK) to the browser as a download
 * named `fileName`. The object URL lives only in this page and is revoked soon after, so no
 * link that could be shared or replayed, and no key in any URL.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time click() returns in current browsers; the delay is
  // a margin for slower ones.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
