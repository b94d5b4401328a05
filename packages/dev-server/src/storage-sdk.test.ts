import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BadRequestError,
  ConflictError,
  Everruns,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from "@everruns/core";
import { uploadImageFromPath } from "@everruns/core/node";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "./domain/file-content.js";
import type { DevServer } from "./start-dev-server.js";
import { startTestServer } from "./test-support/test-server.js";

let server: DevServer;
let client: Everruns;

beforeAll(async () => {
  server = await startTestServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return new Uint8Array(PNG.sync.write(image));
}

describe("client.workspaces through @everruns/core", () => {
  it("creates, gets, lists, updates and archives", async () => {
    const workspace = await client.workspaces.create({ name: "sdk-ws" });
    expect(workspace.id).toMatch(/^wsp_/);
    expect((await client.workspaces.get(workspace.id)).name).toBe("sdk-ws");
    const ids: string[] = [];
    for await (const item of client.workspaces.list({ search: "sdk-ws" })) ids.push(item.id);
    expect(ids).toEqual([workspace.id]);
    expect((await client.workspaces.update(workspace.id, { name: "sdk-ws-2" })).name).toBe(
      "sdk-ws-2",
    );
    await client.workspaces.archive(workspace.id);
    expect((await client.workspaces.get(workspace.id)).status).toBe("archived");
    await expect(client.workspaces.get(`wsp_${"0".repeat(32)}`)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.workspaces.get("")).rejects.toBeInstanceOf(ValidationError);
  });

  it("runs every file verb, with the typed error of each refusal", async () => {
    const { id } = await client.workspaces.create({ name: "sdk-files" });
    const files = client.workspaces.files;
    const created = await files.create(id, "/docs/readme.md", "# Readme\nTODO: more\n");
    expect(created).toMatchObject({ path: "/docs/readme.md", encoding: "text" });
    await expect(files.create(id, "docs/readme.md", "again")).rejects.toBeInstanceOf(ConflictError);
    await files.mkdir(id, "empty");
    expect(await files.text(id, "docs/readme.md")).toBe("# Readme\nTODO: more\n");

    const root = await files.list(id);
    expect(root.data.map((entry) => entry.path)).toEqual(["/docs", "/empty"]);
    const deep = await files.read(id, "/", { recursive: true });
    expect("data" in deep && deep.data.map((entry) => entry.path)).toEqual([
      "/docs",
      "/docs/readme.md",
      "/empty",
    ]);

    const written = await files.write(id, "docs/readme.md", "# Readme v2\n");
    expect(written.size_bytes).toBe(12);
    await expect(files.write(id, "docs/missing.md", "x")).rejects.toBeInstanceOf(NotFoundError);
    await files.setReadonly(id, "docs/readme.md", true);
    await expect(files.write(id, "docs/readme.md", "x")).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(files.delete(id, "docs/readme.md")).rejects.toBeInstanceOf(PermissionDeniedError);
    await files.setReadonly(id, "docs/readme.md", false);

    expect((await files.copy(id, "docs", "docs-copy")).path).toBe("/docs-copy");
    expect((await files.move(id, "docs-copy/readme.md", "moved.md")).path).toBe("/moved.md");
    await expect(files.move(id, "nope", "x")).rejects.toBeInstanceOf(NotFoundError);
    expect((await files.stat(id, "moved.md")).size_bytes).toBe(12);

    const grep = await files.grep(id, "Readme", { pathPattern: "**/*.md" });
    expect(grep.data.map((result) => result.path).sort()).toEqual(["/docs/readme.md", "/moved.md"]);
    expect(grep.data[0]?.matches[0]?.line_number).toBe(1);
    await expect(files.grep(id, "(")).rejects.toBeInstanceOf(BadRequestError);
    await expect(files.grep(id, "")).rejects.toBeInstanceOf(ValidationError);

    expect(await files.preview(id, "moved.md")).toContain("<pre># Readme v2");
    await expect(files.delete(id, "docs")).rejects.toBeInstanceOf(ConflictError);
    expect(await files.delete(id, "docs", { recursive: true })).toEqual({ deleted: true });
    await expect(files.read(id, "docs/readme.md")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses bad paths with a BadRequestError carrying the server's code", async () => {
    const { id } = await client.workspaces.create({ name: "sdk-bad-paths" });
    for (const [path, code] of [
      ["a//b", "path_empty_segment"],
      ["_/x", "path_reserved"],
      ["a\u0000b", "path_invalid_character"],
    ] as const) {
      const error = await client.workspaces.files.create(id, path, "x").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).code).toBe(code);
    }
    const escaped = await client.workspaces.files.stat(id, "../../etc").catch((e: unknown) => e);
    expect((escaped as BadRequestError).code).toBe("path_escapes_root");
  });

  it("round-trips binary files byte for byte as Blob, bytes and stream, with the content type", async () => {
    const { id } = await client.workspaces.create({ name: "sdk-binary" });
    const files = client.workspaces.files;
    const image = png(8, 8);
    const random = new Uint8Array(randomBytes(MAX_FILE_BYTES));
    await files.create(id, "pixel.png", image);
    await files.create(id, "random.bin", random);
    const blob = await files.download(id, "pixel.png");
    expect(blob.type).toBe("image/png");
    expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(image))).toBe(true);
    // Buffer.equals, not toEqual: a deep diff of 512 KiB takes seconds.
    expect(Buffer.from(await files.bytes(id, "random.bin")).equals(Buffer.from(random))).toBe(true);
    const stream = await files.downloadStream(id, "random.bin");
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(Buffer.from(random))).toBe(true);
    const tooBig = await files
      .create(id, "big.bin", new Uint8Array(MAX_FILE_BYTES + 1))
      .catch((e: unknown) => e);
    expect((tooBig as { status: number; code: string }).status).toBe(413);
    expect((tooBig as { code: string }).code).toBe("file_too_large");
  });

  it("reads back a session's initial files from its own workspace", async () => {
    const session = await client.sessions.create({
      initial_files: [{ path: "brief.md", content: "Read me first." }],
    });
    expect(await client.workspaces.files.text(session.workspace_id, "/brief.md")).toBe(
      "Read me first.",
    );
  });
});

describe("client.memories through @everruns/core", () => {
  it("writes, reads, greps, moves and deletes files in a memory; the same verbs as workspaces", async () => {
    const memory = await client.memories.create({ name: "sdk-memory" });
    const files = client.memories.files;
    await files.create(memory.id, "facts/team.md", "Alice likes tea.\nBob likes coffee.\n");
    expect(await files.text(memory.id, "facts/team.md")).toContain("Bob");
    const grep = await files.grep(memory.id, "coffee");
    expect(grep.data[0]?.matches[0]).toEqual({
      path: "/facts/team.md",
      line_number: 2,
      line: "Bob likes coffee.",
    });
    await files.move(memory.id, "facts/team.md", "facts/people.md");
    expect((await files.stat(memory.id, "facts/people.md")).is_directory).toBe(false);
    await files.delete(memory.id, "facts", { recursive: true });
    expect((await files.list(memory.id)).data).toEqual([]);
    await expect(client.memories.create({ name: "sdk-memory" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await client.memories.update(memory.id, { name: "sdk-memory-2" })).name).toBe(
      "sdk-memory-2",
    );
    const listed = await client.memories.list({ search: "sdk-memory-2" });
    expect(listed.data.map((m) => m.id)).toEqual([memory.id]);
    await client.memories.archive(memory.id);
    expect((await client.memories.get(memory.id)).status).toBe("archived");
  });

  it("syncs a git memory and reports the failure; refuses to sync a manual one", async () => {
    const git = await client.memories.create({
      name: "sdk-git",
      source: { type: "git", url: "https://example.invalid/x.git" },
    });
    const synced = await client.memories.sync(git.id);
    expect(synced.sync_status).toBe("failed");
    expect(synced.last_sync_error).toEqual(expect.any(String));
    await expect(client.memories.files.create(git.id, "a.md", "x")).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const manual = await client.memories.create({ name: "sdk-manual" });
    await expect(client.memories.sync(manual.id)).rejects.toBeInstanceOf(BadRequestError);
    await expect(client.memories.get(`mem_${"0".repeat(32)}`)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("client.images through @everruns/core", () => {
  it("uploads from a Blob, a File, bytes with a filename and (Node) a path; lists, gets, thumbnails, deletes", async () => {
    const bytes = png(10, 10);
    const fromBytes = await client.images.upload(bytes, { filename: "bytes.png" });
    expect(fromBytes).toMatchObject({ filename: "bytes.png", content_type: "image/png" });
    const fromBlob = await client.images.upload(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    expect(fromBlob.filename).toBe("image");
    const fromFile = await client.images.upload(
      new File([bytes as Uint8Array<ArrayBuffer>], "file.png"),
    );
    expect(fromFile.filename).toBe("file.png");
    const dir = mkdtempSync(join(tmpdir(), "everruns-img-"));
    writeFileSync(join(dir, "disk.png"), bytes);
    const fromPath = await uploadImageFromPath(client, join(dir, "disk.png"));
    expect(fromPath.filename).toBe("disk.png");

    const got = await client.images.get(fromBytes.id);
    expect(got.type).toBe("image/png");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    expect((await client.images.thumbnail(fromBytes.id)).type).toBe("image/png");
    const seen: string[] = [];
    for await (const image of client.images.list({ limit: 2 })) seen.push(image.id);
    expect(seen).toEqual(
      expect.arrayContaining([fromBytes.id, fromBlob.id, fromFile.id, fromPath.id]),
    );
    await client.images.delete(fromBytes.id);
    await expect(client.images.get(fromBytes.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a non-image and bad input", async () => {
    const error = await client.images
      .upload(new TextEncoder().encode("not an image"), { filename: "a.png" })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(415);
    await expect(client.images.upload("nope" as unknown as Blob)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(client.images.thumbnail("")).rejects.toBeInstanceOf(ValidationError);
  });
});
