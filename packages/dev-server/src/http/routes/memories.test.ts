import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  startTestServer,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

describe("memories", () => {
  it("creates a manual memory, writes, reads, greps and lists its files", async () => {
    const created = await api.post("/v1/memories", { name: "design-docs" });
    expect(created.status).toBe(201);
    assertMatchesSchema("Memory", created.json);
    expect(created.json).toMatchObject({
      source_type: "manual",
      source: { provider: "manual" },
      is_readonly: false,
      status: "active",
    });
    const id = created.json.id as string;
    expect(id).toMatch(/^mem_[0-9a-f]{32}$/);
    const written = await api.post(`/v1/memories/${id}/fs/notes/decisions.md`, {
      content: "Use SQLite.\nKeep it small.\n",
    });
    expect(written.status).toBe(201);
    expect((await api.get(`/v1/memories/${id}/fs/notes/decisions.md`)).json.content).toBe(
      "Use SQLite.\nKeep it small.\n",
    );
    const grep = await api.post(`/v1/memories/${id}/fs/_/grep`, { pattern: "small" });
    expect(grep.json.data).toEqual([
      {
        path: "/notes/decisions.md",
        matches: [{ path: "/notes/decisions.md", line_number: 2, line: "Keep it small." }],
      },
    ]);
    const root = await api.get(`/v1/memories/${id}/fs?recursive=true`);
    expect(root.json.data.map((e: { path: string }) => e.path)).toEqual([
      "/notes",
      "/notes/decisions.md",
    ]);
    const moved = await api.post(`/v1/memories/${id}/fs/_/move`, {
      src_path: "notes/decisions.md",
      dst_path: "adr/0001.md",
    });
    expect(moved.json.path).toBe("/adr/0001.md");
    expect((await api.delete(`/v1/memories/${id}/fs/adr/0001.md`)).json).toEqual({ deleted: true });
  });

  it("serves the same verbs as a workspace: copy, stat, download, preview, update, read-only", async () => {
    const id = (await api.post("/v1/memories", { name: "verbs" })).json.id as string;
    await api.post(`/v1/memories/${id}/fs/a.txt`, { content: "one" });
    expect(
      (await api.post(`/v1/memories/${id}/fs/_/copy`, { src_path: "a.txt", dst_path: "b.txt" }))
        .status,
    ).toBe(201);
    expect(
      (await api.post(`/v1/memories/${id}/fs/_/stat`, { path: "b.txt" })).json.size_bytes,
    ).toBe(3);
    const download = await fetch(`${server.url}/v1/memories/${id}/fs/_/download/b.txt`, {
      headers: { authorization: "dev" },
    });
    expect(download.headers.get("content-disposition")).toContain('filename="b.txt"');
    expect(await download.text()).toBe("one");
    expect((await api.get(`/v1/memories/${id}/fs/_/preview/b.txt`)).text).toContain("<pre>one");
    const locked = await api.put(`/v1/memories/${id}/fs/b.txt`, {
      content: "two",
      is_readonly: true,
    });
    expect(locked.json).toMatchObject({ content: "two", is_readonly: true });
    expect((await api.put(`/v1/memories/${id}/fs/b.txt`, { content: "three" })).json.code).toBe(
      "file_readonly",
    );
    expect((await api.delete(`/v1/memories/${id}/fs/b.txt`)).status).toBe(403);
    expect((await api.post(`/v1/memories/${id}/fs/a.txt`, { content: "x" })).status).toBe(409);
  });

  it("gets, lists, renames and archives; a taken name is 409", async () => {
    const id = (await api.post("/v1/memories", { name: "m-one" })).json.id as string;
    expect((await api.get(`/v1/memories/${id}`)).json.name).toBe("m-one");
    expect((await api.post("/v1/memories", { name: "m-one" })).json.code).toBe("memory_name_taken");
    const renamed = await api.patch(`/v1/memories/${id}`, { name: "m-two" });
    expect(renamed.json.name).toBe("m-two");
    const listed = await api.get("/v1/memories?search=m-two");
    expect(listed.json.data.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await api.delete(`/v1/memories/${id}`)).status).toBe(204);
    expect((await api.get(`/v1/memories/${id}`)).json.status).toBe("archived");
    expect((await api.get("/v1/memories?search=m-two")).json.data).toEqual([]);
  });

  it("accepts a git source, keeps it read-only, and reports a failed sync in last_sync_error", async () => {
    const created = await api.post("/v1/memories", {
      name: "from-git",
      source: { type: "git", url: "https://example.invalid/docs.git", branch: "main" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      source_type: "git",
      is_readonly: true,
      sync_status: "idle",
      source: { provider: "git", url: "https://example.invalid/docs.git", branch: "main" },
    });
    const id = created.json.id as string;
    const synced = await api.post(`/v1/memories/${id}/sync`);
    expect(synced.status).toBe(200);
    expect(synced.json.sync_status).toBe("failed");
    expect(synced.json.last_sync_error).toContain("no network access");
    const write = await api.post(`/v1/memories/${id}/fs/a.md`, { content: "x" });
    expect(write.status).toBe(403);
    expect(write.json.code).toBe("tree_readonly");
  });

  it("refuses a sync of a manual memory, a source without its field, unknown ids and bad paths", async () => {
    const id = (await api.post("/v1/memories", { name: "manual-only" })).json.id as string;
    expect((await api.post(`/v1/memories/${id}/sync`)).json.code).toBe("memory_not_syncable");
    const noUrl = await api.post("/v1/memories", { name: "x", source: { type: "git" } });
    expect(noUrl.json.code).toBe("invalid_memory_source");
    const badRepo = await api.post("/v1/memories", {
      name: "y",
      source: { type: "github", repository: "not a repo" },
    });
    expect(badRepo.json.code).toBe("validation_failed");
    const unknown = `mem_${"0".repeat(32)}`;
    expect((await api.get(`/v1/memories/${unknown}`)).json.code).toBe("memory_not_found");
    expect((await api.get(`/v1/memories/${unknown}/fs`)).json.code).toBe("memory_not_found");
    expect((await api.post(`/v1/memories/${unknown}/sync`)).status).toBe(404);
    expect((await api.post(`/v1/memories/${id}/fs/a//b`, { content: "x" })).json.code).toBe(
      "path_empty_segment",
    );
    expect((await api.post(`/v1/memories/${id}/fs/_/stat`, { path: "../x" })).json.code).toBe(
      "path_escapes_root",
    );
  });
});
