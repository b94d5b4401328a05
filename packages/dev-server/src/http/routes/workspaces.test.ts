import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../domain/file-content.js";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  startTestServer,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;
let ws: string;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

/** A request whose path is sent exactly as written (fetch would resolve `..` and `%2E%2E` first). */
function rawRequest(method: string, path: string, body?: unknown) {
  return new Promise<{ status: number; json: { code?: string } }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${server.url}${path}`,
      {
        method,
        headers: {
          authorization: "dev",
          ...(payload ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function newWorkspace(name = "files"): Promise<string> {
  const response = await api.post("/v1/workspaces", { name });
  expect(response.status).toBe(201);
  return response.json.id as string;
}

describe("workspaces", () => {
  it("creates, gets, lists, renames and archives a workspace", async () => {
    const created = await api.post("/v1/workspaces", { name: "team-research" });
    expect(created.status).toBe(201);
    assertMatchesSchema("Workspace", created.json);
    expect(created.json).toMatchObject({ name: "team-research", status: "active" });
    const id = created.json.id as string;
    expect(id).toMatch(/^wsp_[0-9a-f]{32}$/);

    expect((await api.get(`/v1/workspaces/${id}`)).json.name).toBe("team-research");
    const listed = await api.get("/v1/workspaces?search=RESEARCH");
    expect(listed.json.data.map((w: { id: string }) => w.id)).toContain(id);

    const renamed = await api.patch(`/v1/workspaces/${id}`, { name: "renamed" });
    expect(renamed.json.name).toBe("renamed");

    expect((await api.delete(`/v1/workspaces/${id}`)).status).toBe(204);
    const archived = await api.get(`/v1/workspaces/${id}`);
    expect(archived.json).toMatchObject({ status: "archived" });
    expect(archived.json.archived_at).toEqual(expect.any(String));
    const active = (await api.get("/v1/workspaces")).json.data.map((w: { id: string }) => w.id);
    expect(active).not.toContain(id);
    const all = (await api.get("/v1/workspaces?include_archived=true")).json.data;
    expect(all.map((w: { id: string }) => w.id)).toContain(id);
  });

  it("refuses a missing name, an unknown field and an unknown or malformed id", async () => {
    expect((await api.post("/v1/workspaces", {})).json.code).toBe("validation_failed");
    expect((await api.post("/v1/workspaces", { name: "x", extra: 1 })).status).toBe(400);
    const unknown = await api.get(`/v1/workspaces/wsp_${"0".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe("workspace_not_found");
    expect((await api.get("/v1/workspaces/nope")).status).toBe(400);
    expect((await api.patch(`/v1/workspaces/wsp_${"0".repeat(32)}`, { name: "y" })).status).toBe(
      404,
    );
    expect((await api.delete(`/v1/workspaces/wsp_${"0".repeat(32)}`)).status).toBe(404);
  });
});

describe("a workspace's file tree", () => {
  beforeAll(async () => {
    ws = await newWorkspace();
  });

  it("creates a text file (parents included), reads it back, lists directories", async () => {
    const created = await api.post(`/v1/workspaces/${ws}/fs/docs/guide/readme.md`, {
      content: "# Hello\nworld\n",
    });
    expect(created.status).toBe(201);
    assertMatchesSchema("FileWithContent", created.json);
    expect(created.json).toMatchObject({
      path: "/docs/guide/readme.md",
      name: "readme.md",
      is_directory: false,
      size_bytes: 14,
      encoding: "text",
    });
    const read = await api.get(`/v1/workspaces/${ws}/fs/docs/guide/readme.md`);
    expect(read.json).toMatchObject({ content: "# Hello\nworld\n", encoding: "text" });

    const root = await api.get(`/v1/workspaces/${ws}/fs`);
    assertMatchesSchema("FileList", root.json);
    expect(root.json.data.map((e: { path: string }) => e.path)).toEqual(["/docs"]);
    const docs = await api.get(`/v1/workspaces/${ws}/fs/docs`);
    expect(docs.json.data.map((e: { path: string }) => e.path)).toEqual(["/docs/guide"]);
    const deep = await api.get(`/v1/workspaces/${ws}/fs?recursive=true`);
    expect(deep.json.data.map((e: { path: string }) => e.path)).toEqual([
      "/docs",
      "/docs/guide",
      "/docs/guide/readme.md",
    ]);
  });

  it("answers 409 path_exists for a second create, and creates empty directories", async () => {
    const again = await api.post(`/v1/workspaces/${ws}/fs/docs/guide/readme.md`, { content: "x" });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("path_exists");
    const dir = await api.post(`/v1/workspaces/${ws}/fs/empty`, { is_directory: true });
    expect(dir.status).toBe(201);
    expect(dir.json).toMatchObject({ is_directory: true, size_bytes: 0, content: null });
    expect((await api.get(`/v1/workspaces/${ws}/fs/empty`)).json).toEqual({ data: [] });
    const under = await api.post(`/v1/workspaces/${ws}/fs/docs/guide/readme.md/child`, {});
    expect(under.json.code).toBe("parent_not_directory");
  });

  it("updates content, refuses writes and deletes while read-only, then allows them", async () => {
    const path = `/v1/workspaces/${ws}/fs/locked.txt`;
    await api.post(path, { content: "v1", is_readonly: true });
    const refused = await api.put(path, { content: "v2" });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe("file_readonly");
    const deleteRefused = await api.delete(path);
    expect(deleteRefused.status).toBe(403);
    const unlocked = await api.put(path, { is_readonly: false, content: "v2" });
    expect(unlocked.status).toBe(200);
    expect(unlocked.json).toMatchObject({ content: "v2", is_readonly: false, size_bytes: 2 });
    const deleted = await api.delete(path);
    expect(deleted.json).toEqual({ deleted: true });
    expect((await api.get(path)).json.code).toBe("path_not_found");
    expect((await api.put(path, { content: "x" })).status).toBe(404);
  });

  it("deletes a non-empty directory only with recursive=true", async () => {
    await api.post(`/v1/workspaces/${ws}/fs/tmp/a/b.txt`, { content: "b" });
    const refused = await api.delete(`/v1/workspaces/${ws}/fs/tmp`);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("directory_not_empty");
    expect((await api.delete(`/v1/workspaces/${ws}/fs/tmp?recursive=true`)).status).toBe(200);
    expect((await api.get(`/v1/workspaces/${ws}/fs/tmp/a/b.txt`)).status).toBe(404);
  });

  it("moves and copies files and directories, refusing taken targets and self-nesting", async () => {
    await api.post(`/v1/workspaces/${ws}/fs/src/one.txt`, { content: "1" });
    await api.post(`/v1/workspaces/${ws}/fs/src/sub/two.txt`, { content: "2" });
    const copied = await api.post(`/v1/workspaces/${ws}/fs/_/copy`, {
      src_path: "src",
      dst_path: "/copy",
    });
    expect(copied.status).toBe(201);
    expect(copied.json.path).toBe("/copy");
    expect((await api.get(`/v1/workspaces/${ws}/fs/copy/sub/two.txt`)).json.content).toBe("2");
    const moved = await api.post(`/v1/workspaces/${ws}/fs/_/move`, {
      src_path: "/src/one.txt",
      dst_path: "/moved/one.txt",
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ path: "/moved/one.txt", content: "1" });
    expect((await api.get(`/v1/workspaces/${ws}/fs/src/one.txt`)).status).toBe(404);
    const taken = await api.post(`/v1/workspaces/${ws}/fs/_/move`, {
      src_path: "/copy",
      dst_path: "/src",
    });
    expect(taken.json.code).toBe("path_exists");
    const nested = await api.post(`/v1/workspaces/${ws}/fs/_/copy`, {
      src_path: "/copy",
      dst_path: "/copy/inner",
    });
    expect(nested.json.code).toBe("destination_inside_source");
    const missing = await api.post(`/v1/workspaces/${ws}/fs/_/move`, {
      src_path: "/nope",
      dst_path: "/x",
    });
    expect(missing.status).toBe(404);
  });

  it("stats a file and the root", async () => {
    const stat = await api.post(`/v1/workspaces/${ws}/fs/_/stat`, { path: "docs/guide/readme.md" });
    assertMatchesSchema("FileInfo", stat.json);
    expect(stat.json).toMatchObject({ path: "/docs/guide/readme.md", size_bytes: 14 });
    expect(stat.json.content).toBeUndefined();
    expect(
      (await api.post(`/v1/workspaces/${ws}/fs/_/stat`, { path: "/" })).json.is_directory,
    ).toBe(true);
    expect((await api.post(`/v1/workspaces/${ws}/fs/_/stat`, { path: "/none" })).status).toBe(404);
  });

  it("greps with 1-based line numbers and a path glob; refuses a bad regular expression", async () => {
    await api.post(`/v1/workspaces/${ws}/fs/notes/a.md`, {
      content: "alpha\nbeta TODO\ngamma\nTODO last",
    });
    await api.post(`/v1/workspaces/${ws}/fs/notes/b.txt`, { content: "TODO in txt" });
    const all = await api.post(`/v1/workspaces/${ws}/fs/_/grep`, { pattern: "TODO" });
    assertMatchesSchema("GrepResultList", all.json);
    const a = all.json.data.find((r: { path: string }) => r.path === "/notes/a.md");
    expect(a.matches).toEqual([
      { path: "/notes/a.md", line_number: 2, line: "beta TODO" },
      { path: "/notes/a.md", line_number: 4, line: "TODO last" },
    ]);
    const md = await api.post(`/v1/workspaces/${ws}/fs/_/grep`, {
      pattern: "TODO",
      path_pattern: "**/*.md",
    });
    expect(md.json.data.map((r: { path: string }) => r.path)).toEqual(["/notes/a.md"]);
    const bad = await api.post(`/v1/workspaces/${ws}/fs/_/grep`, { pattern: "(" });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("invalid_pattern");
  });

  it("downloads raw bytes with a content type and Content-Disposition; previews text as escaped HTML", async () => {
    const download = await fetch(
      `${server.url}/v1/workspaces/${ws}/fs/_/download/docs/guide/readme.md`,
      {
        headers: { authorization: "dev" },
      },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(download.headers.get("content-disposition")).toContain('filename="readme.md"');
    expect(await download.text()).toBe("# Hello\nworld\n");
    await api.post(`/v1/workspaces/${ws}/fs/page.txt`, { content: "<script>x</script>" });
    const preview = await api.get(`/v1/workspaces/${ws}/fs/_/preview/page.txt`);
    expect(preview.headers.get("content-type")).toContain("text/html");
    expect(preview.text).toContain("&#60;script&#62;");
    expect(preview.text).not.toContain("<script>");
    expect((await api.get(`/v1/workspaces/${ws}/fs/_/download/docs`)).json.code).toBe(
      "path_is_directory",
    );
  });

  it("refuses to preview a binary file (415) and to read a missing one (404)", async () => {
    await api.post(`/v1/workspaces/${ws}/fs/nul.bin`, { content: "AAEC", encoding: "base64" });
    const preview = await api.get(`/v1/workspaces/${ws}/fs/_/preview/nul.bin`);
    expect(preview.status).toBe(415);
    expect(preview.json.code).toBe("not_previewable");
    expect((await api.get(`/v1/workspaces/${ws}/fs/_/download/none.txt`)).json.code).toBe(
      "path_not_found",
    );
    expect((await api.get(`/v1/workspaces/${ws}/fs/_/preview/none.txt`)).status).toBe(404);
    const listFile = await api.get(`/v1/workspaces/${ws}/fs/nul.bin?recursive=true`);
    expect(listFile.json.encoding).toBe("base64");
    expect((await api.post(`/v1/workspaces/${ws}/fs/_/grep`, {})).json.code).toBe(
      "validation_failed",
    );
    expect((await api.post(`/v1/workspaces/${ws}/fs/_/move`, { src_path: "a" })).status).toBe(400);
  });

  it("round-trips a PNG and random bytes up to the size limit byte for byte", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    for (const [name, bytes, type] of [
      ["pixel.png", png, "image/png"],
      ["blob.bin", randomBytes(MAX_FILE_BYTES), "application/octet-stream"],
    ] as const) {
      const created = await api.post(`/v1/workspaces/${ws}/fs/bin/${name}`, {
        content: bytes.toString("base64"),
        encoding: "base64",
      });
      expect(created.status).toBe(201);
      expect(created.json.size_bytes).toBe(bytes.byteLength);
      const read = await api.get(`/v1/workspaces/${ws}/fs/bin/${name}`);
      expect(read.json.encoding).toBe("base64");
      expect(Buffer.from(read.json.content, "base64").equals(bytes)).toBe(true);
      const download = await fetch(`${server.url}/v1/workspaces/${ws}/fs/_/download/bin/${name}`, {
        headers: { authorization: "dev" },
      });
      expect(download.headers.get("content-type")).toBe(type);
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it("refuses a file over the limit with 413 file_too_large and bad base64 with 400", async () => {
    const tooBig = await api.post(`/v1/workspaces/${ws}/fs/big.bin`, {
      content: randomBytes(MAX_FILE_BYTES + 1).toString("base64"),
      encoding: "base64",
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.code).toBe("file_too_large");
    expect((await api.get(`/v1/workspaces/${ws}/fs/big.bin`)).status).toBe(404);
    const bad = await api.post(`/v1/workspaces/${ws}/fs/bad.bin`, {
      content: "@@@",
      encoding: "base64",
    });
    expect(bad.json.code).toBe("invalid_base64");
    const badEncoding = await api.post(`/v1/workspaces/${ws}/fs/bad.bin`, {
      content: "x",
      encoding: "hex",
    });
    expect(badEncoding.json.code).toBe("validation_failed");
  });

  it.each([
    ["a NUL", "a%00b", "path_invalid_character"],
    ["an empty segment", "a//b", "path_empty_segment"],
    ["an encoded empty segment", "a%2F%2Fb", "path_empty_segment"],
    ["a backslash", "a%5C..%5Cb", "path_invalid_character"],
    ["the reserved `_` root", "_/x", "path_reserved"],
    ["an absurd length", `${"a/".repeat(600)}x`, "path_too_long"],
  ])("refuses %s in the URL with 400 and a stable code", async (_label, path, code) => {
    const created = await rawRequest("POST", `/v1/workspaces/${ws}/fs/${path}`, { content: "x" });
    expect(created.status).toBe(400);
    expect(created.json.code).toBe(code);
    const read = await rawRequest("GET", `/v1/workspaces/${ws}/fs/${path}`);
    expect(read.json.code).toBe(code);
  });

  it("never lets a `..` in the URL leave the tree: the URL is resolved before routing", async () => {
    for (const path of ["a/../../../etc/passwd", "%2E%2E/%2E%2E/secret", "..%2F..%2Fsecret"]) {
      const response = await rawRequest("POST", `/v1/workspaces/${ws}/fs/${path}`, {
        content: "x",
      });
      expect([400, 404, 405]).toContain(response.status);
      expect(["path_escapes_root", "route_not_found", "method_not_allowed"]).toContain(
        response.json.code,
      );
    }
    const listed = await api.get(`/v1/workspaces/${ws}/fs?recursive=true`);
    expect(listed.json.data.map((e: { name: string }) => e.name)).not.toContain("secret");
  });

  it.each([
    ["a `..` that climbs above the root", "a/../../etc/passwd", "path_escapes_root"],
    ["a NUL", "a\u0000b", "path_invalid_character"],
    ["an empty segment", "a//b", "path_empty_segment"],
    ["the reserved `_` root", "/_/grep", "path_reserved"],
  ])("refuses %s in a body path with 400 and a stable code", async (_label, path, code) => {
    const stat = await api.post(`/v1/workspaces/${ws}/fs/_/stat`, { path: path });
    expect(stat.status).toBe(400);
    expect(stat.headers.get("content-type")).toBe("application/problem+json");
    expect(stat.json.code).toBe(code);
    const copy = await api.post(`/v1/workspaces/${ws}/fs/_/copy`, {
      src_path: "/docs",
      dst_path: path,
    });
    expect(copy.json.code).toBe(code);
  });

  it("normalizes `.` and inner `..` that stay inside the tree", async () => {
    const created = await api.post(`/v1/workspaces/${ws}/fs/x/./y/../z.txt`, { content: "z" });
    expect(created.json.path).toBe("/x/z.txt");
    const moved = await api.post(`/v1/workspaces/${ws}/fs/_/move`, {
      src_path: "x/z.txt",
      dst_path: "../../outside.txt",
    });
    expect(moved.json.code).toBe("path_escapes_root");
  });

  it("answers 404 workspace_not_found for the tree of an unknown workspace", async () => {
    const response = await api.get(`/v1/workspaces/wsp_${"0".repeat(32)}/fs/a.txt`);
    expect(response.status).toBe(404);
    expect(response.json.code).toBe("workspace_not_found");
  });
});

describe("sessions and their workspace", () => {
  it("gives each session its own workspace holding its initial files", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const created = await api.post("/v1/sessions", {
      initial_files: [
        { path: "/docs/brief.md", content: "# Brief" },
        {
          path: "data/raw.bin",
          content: png.toString("base64"),
          encoding: "base64",
          is_readonly: true,
        },
      ],
    });
    expect(created.status).toBe(201);
    const workspaceId = created.json.workspace_id as string;
    expect(workspaceId).toMatch(/^wsp_[0-9a-f]{32}$/);
    const other = await api.post("/v1/sessions", {});
    expect(other.json.workspace_id).not.toBe(workspaceId);

    expect((await api.get(`/v1/workspaces/${workspaceId}`)).status).toBe(200);
    const brief = await api.get(`/v1/workspaces/${workspaceId}/fs/docs/brief.md`);
    expect(brief.json.content).toBe("# Brief");
    const raw = await api.get(`/v1/workspaces/${workspaceId}/fs/data/raw.bin`);
    expect(raw.json.is_readonly).toBe(true);
    expect(Buffer.from(raw.json.content, "base64").equals(png)).toBe(true);
  });

  it("writes initial files into a given workspace; refuses an unknown one and a bad path, storing nothing", async () => {
    const workspaceId = await newWorkspace("shared");
    const created = await api.post("/v1/sessions", {
      workspace_id: workspaceId,
      initial_files: [{ path: "shared.txt", content: "s" }],
    });
    expect(created.json.workspace_id).toBe(workspaceId);
    expect((await api.get(`/v1/workspaces/${workspaceId}/fs/shared.txt`)).json.content).toBe("s");

    const unknown = await api.post("/v1/sessions", { workspace_id: `wsp_${"0".repeat(32)}` });
    expect(unknown.status).toBe(404);
    const before = (await api.get("/v1/sessions?limit=100")).json.total;
    const bad = await api.post("/v1/sessions", {
      initial_files: [
        { path: "ok.txt", content: "1" },
        { path: "../escape", content: "2" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("path_escapes_root");
    expect((await api.get("/v1/sessions?limit=100")).json.total).toBe(before);
  });
});
