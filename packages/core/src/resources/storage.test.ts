import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Everruns } from "../client.js";
import { ValidationError } from "../errors/client-errors.js";
import {
  json,
  type RecordingServer,
  startRecordingServer,
} from "../test-support/recording-server.js";

// What the storage helpers put on the wire; their behaviour against a real server is tested
// in packages/dev-server/src/storage-sdk.test.ts.
let server: RecordingServer;
let client: Everruns;
const WSP = `wsp_${"a".repeat(32)}`;
const MEM = `mem_${"b".repeat(32)}`;

beforeAll(async () => {
  server = await startRecordingServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "k", maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.respondWith(json(200, { data: [] }));
});

const last = () => {
  const request = server.requests.at(-1);
  if (!request) throw new Error("nothing was sent");
  return request;
};

describe("the file-tree helpers", () => {
  it("send the path in the URL with its slashes, each segment percent-encoded", async () => {
    await client.workspaces.files.read(WSP, "/docs/my notes/r#1.md");
    expect(last().url).toBe(`/v1/workspaces/${WSP}/fs/docs/my%20notes/r%231.md`);
  });

  it("address a memory's tree with the same verbs under /v1/memories", async () => {
    await client.memories.files.read(MEM, "a/b.md", { recursive: true });
    expect(last().url).toBe(`/v1/memories/${MEM}/fs/a/b.md?recursive=true`);
    await client.memories.files.grep(MEM, "x", { pathPattern: "*.md" });
    expect(last().path).toBe(`/v1/memories/${MEM}/fs/_/grep`);
    expect(JSON.parse(last().body)).toEqual({ pattern: "x", path_pattern: "*.md" });
    await client.memories.files.download(MEM, "a/b.md");
    expect(last().path).toBe(`/v1/memories/${MEM}/fs/_/download/a/b.md`);
  });

  it("read the root (and list without a path) through the fs endpoint", async () => {
    await client.workspaces.files.read(WSP, "/");
    expect(last().path).toBe(`/v1/workspaces/${WSP}/fs`);
    await client.workspaces.files.list(WSP);
    expect(last().path).toBe(`/v1/workspaces/${WSP}/fs`);
  });

  it("send text as text and bytes as base64", async () => {
    server.respondWith(json(201, {}));
    await client.workspaces.files.create(WSP, "t.txt", "héllo");
    expect(JSON.parse(last().body)).toEqual({ content: "héllo", encoding: "text" });
    await client.workspaces.files.create(WSP, "b.bin", new Uint8Array([0, 255, 1]), {
      readonly: true,
    });
    expect(JSON.parse(last().body)).toEqual({
      content: "AP8B",
      encoding: "base64",
      is_readonly: true,
    });
    await client.workspaces.files.mkdir(WSP, "dir");
    expect(JSON.parse(last().body)).toEqual({ is_directory: true });
  });

  it("use PUT for write and setReadonly, DELETE with recursive, POST verbs for move/copy/stat", async () => {
    await client.workspaces.files.write(WSP, "a.txt", "x");
    expect([last().method, last().path]).toEqual(["PUT", `/v1/workspaces/${WSP}/fs/a.txt`]);
    await client.workspaces.files.setReadonly(WSP, "a.txt", false);
    expect(JSON.parse(last().body)).toEqual({ is_readonly: false });
    await client.workspaces.files.delete(WSP, "dir", { recursive: true });
    expect([last().method, last().url]).toEqual([
      "DELETE",
      `/v1/workspaces/${WSP}/fs/dir?recursive=true`,
    ]);
    await client.workspaces.files.move(WSP, "a", "b");
    expect(JSON.parse(last().body)).toEqual({ src_path: "a", dst_path: "b" });
    await client.workspaces.files.copy(WSP, "a", "c");
    expect(last().path).toBe(`/v1/workspaces/${WSP}/fs/_/copy`);
    await client.workspaces.files.stat(WSP, "a");
    expect(JSON.parse(last().body)).toEqual({ path: "a" });
  });

  it("refuse empty ids, paths and patterns before sending anything", async () => {
    await expect(client.workspaces.files.read("", "a")).rejects.toBeInstanceOf(ValidationError);
    await expect(client.workspaces.files.move(WSP, "", "b")).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(client.workspaces.files.grep(WSP, "")).rejects.toBeInstanceOf(ValidationError);
    await expect(
      client.workspaces.files.create(WSP, "a", 42 as unknown as string),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("client.images", () => {
  it("uploads multipart/form-data with a part named file and the filename", async () => {
    server.respondWith(json(201, {}));
    await client.images.upload(new Uint8Array([137, 80, 78, 71]), {
      filename: "x.png",
      sessionId: `session_${"c".repeat(32)}`,
    });
    const request = last();
    expect(request.path).toBe("/v1/images");
    expect(request.query.get("session_id")).toBe(`session_${"c".repeat(32)}`);
    expect(String(request.headers["content-type"])).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.body).toContain('name="file"; filename="x.png"');
  });

  it("walks pages by offset until a short page", async () => {
    const image = (n: number) => ({ id: `img_${String(n).padStart(32, "0")}` });
    server.respondWith(json(200, [image(1), image(2)]), json(200, [image(3)]));
    const ids: string[] = [];
    for await (const item of client.images.list({ limit: 2 })) ids.push(item.id);
    expect(ids).toHaveLength(3);
    expect(server.requests.map((r) => r.query.get("offset"))).toEqual(["0", "2"]);
  });
});
