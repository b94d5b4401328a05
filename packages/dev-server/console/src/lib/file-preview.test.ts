import { describe, expect, it } from "vitest";
import { previewFile, TEXT_PREVIEW_BYTES } from "./file-preview.ts";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

describe("previewFile", () => {
  it("shows UTF-8 text whole when it is small", async () => {
    const preview = await previewFile(
      new Blob(["# Report\nnaïve café ✓\n"], { type: "text/markdown" }),
    );
    expect(preview).toEqual({ kind: "text", text: "# Report\nnaïve café ✓\n", truncated: false });
  });

  it("shows only the first bytes of a long text file and says so", async () => {
    // "é" is two bytes: the cut falls inside one, which must not turn the file into "binary".
    const long = `a${"é".repeat(TEXT_PREVIEW_BYTES)}`;
    const preview = await previewFile(new Blob([long], { type: "text/plain" }));
    expect(preview.kind).toBe("text");
    if (preview.kind !== "text") return;
    expect(preview.truncated).toBe(true);
    expect(new TextEncoder().encode(preview.text).length).toBeLessThanOrEqual(TEXT_PREVIEW_BYTES);
    expect(preview.text.length).toBeGreaterThan(TEXT_PREVIEW_BYTES / 2 - 2);
  });

  it("shows an image inline as a data URL of its bytes", async () => {
    const preview = await previewFile(new Blob([PNG], { type: "image/png" }));
    expect(preview).toEqual({
      kind: "image",
      src: `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`,
    });
  });

  it("calls bytes with NUL or invalid UTF-8 binary, whatever the content type says", async () => {
    expect(await previewFile(new Blob([PNG], { type: "application/octet-stream" }))).toEqual({
      kind: "binary",
    });
    expect(await previewFile(new Blob([Uint8Array.from([0xff, 0xfe, 0x41])]))).toEqual({
      kind: "binary",
    });
  });

  it("never shows an unknown type inline as an image", async () => {
    const preview = await previewFile(new Blob(["<html></html>"], { type: "text/html" }));
    expect(preview.kind).toBe("text");
  });
});
