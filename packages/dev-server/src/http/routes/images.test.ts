import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES, THUMBNAIL_SIZE } from "../../domain/images.js";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  startTestServer,
  waitForTurnEnds,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

/** A PNG of `width` x `height` with a gradient, so scaling has something to keep. */
export function pngOf(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i += 1) {
    png.data.writeUInt32BE((((i % 256) << 24) | (((i >> 8) % 256) << 16) | 0xff) >>> 0, i * 4);
  }
  return PNG.sync.write(png);
}

async function upload(bytes: Uint8Array, filename: string, query = "") {
  const form = new FormData();
  form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), filename);
  const response = await fetch(`${server.url}/v1/images${query}`, {
    method: "POST",
    headers: { authorization: "dev" },
    body: form,
  });
  return { status: response.status, json: await response.json() };
}

async function bytesOf(path: string) {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: "dev" } });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("images", () => {
  it("uploads a PNG, answers it byte for byte with its type, lists it and deletes it", async () => {
    const png = pngOf(20, 10);
    const uploaded = await upload(png, "chart.png");
    expect(uploaded.status).toBe(201);
    assertMatchesSchema("ImageUploadResponse", uploaded.json);
    expect(uploaded.json).toMatchObject({
      filename: "chart.png",
      content_type: "image/png",
      size_bytes: png.byteLength,
    });
    const id = uploaded.json.id as string;
    expect(id).toMatch(/^img_[0-9a-f]{32}$/);
    const got = await bytesOf(`/v1/images/${id}`);
    expect(got.response.headers.get("content-type")).toBe("image/png");
    expect(got.bytes.equals(png)).toBe(true);
    const listed = await api.get("/v1/images");
    const info = listed.json.find((image: { id: string }) => image.id === id);
    assertMatchesSchema("ImageInfo", info);
    expect(info.metadata).toEqual({ width: 20, height: 10 });
    // Small already: the thumbnail is the image itself.
    expect((await bytesOf(`/v1/images/${id}/thumbnail`)).bytes.equals(png)).toBe(true);
    expect((await api.delete(`/v1/images/${id}`)).status).toBe(204);
    expect((await api.get(`/v1/images/${id}`)).json.code).toBe("image_not_found");
    expect((await api.delete(`/v1/images/${id}`)).status).toBe(404);
  });

  it("scales a large PNG's thumbnail down to a smaller PNG", async () => {
    const uploaded = await upload(pngOf(600, 300), "big.png");
    const thumb = await bytesOf(`/v1/images/${uploaded.json.id}/thumbnail`);
    expect(thumb.response.headers.get("content-type")).toBe("image/png");
    const decoded = PNG.sync.read(thumb.bytes);
    expect([decoded.width, decoded.height]).toEqual([THUMBNAIL_SIZE, THUMBNAIL_SIZE / 2]);
  });

  it("refuses a non-image (415), a missing part (400), a JSON body (415), an unknown session (404) and a too-large image (413)", async () => {
    expect((await upload(new TextEncoder().encode("hello"), "a.png")).json.code).toBe(
      "unsupported_image_type",
    );
    const form = new FormData();
    form.append("other", "x");
    const missing = await fetch(`${server.url}/v1/images`, {
      method: "POST",
      headers: { authorization: "dev" },
      body: form,
    });
    expect((await missing.json()).code).toBe("missing_file_part");
    expect((await api.post("/v1/images", { file: "x" })).json.code).toBe("unsupported_media_type");
    const unknown = await upload(pngOf(2, 2), "a.png", `?session_id=session_${"0".repeat(32)}`);
    expect(unknown.json.code).toBe("session_not_found");
    const big = Buffer.concat([pngOf(2, 2), Buffer.alloc(MAX_IMAGE_BYTES)]);
    const tooBig = await upload(big, "big.png");
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.code).toBe("image_too_large");
    expect((await api.get("/v1/images/not-an-id")).status).toBe(400);
  });

  it("lets a message carry an image_file part, which the simulated model acknowledges", async () => {
    const session = (await api.post("/v1/sessions", {})).json.id as string;
    const image = await upload(pngOf(4, 4), "pixel.png", `?session_id=${session}`);
    expect(image.status).toBe(201);
    const message = await api.post(`/v1/sessions/${session}/messages`, {
      message: {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture?" },
          { type: "image_file", image_id: image.json.id },
        ],
      },
    });
    expect(message.status).toBe(201);
    const events = await waitForTurnEnds(api, session);
    const output = events.find((event) => event.type === "output.message.completed");
    expect(JSON.stringify(output)).toContain(image.json.id);
  });
});

describe("the simulated model's write_file tool", () => {
  it("writes a file into the session's workspace during a turn, with tool and file.written events", async () => {
    const session = (await api.post("/v1/sessions", {})).json;
    await api.post(`/v1/sessions/${session.id}/messages`, {
      message: {
        role: "user",
        content: [{ type: "text", text: "Summarize [simulate:write=reports/summary.md]" }],
      },
    });
    const events = await waitForTurnEnds(api, session.id);
    const types = events.map((event) => event.type);
    expect(types).toContain("turn.completed");
    const started = types.indexOf("tool.started");
    const written = types.indexOf("file.written");
    const completed = types.indexOf("tool.completed");
    expect(started).toBeGreaterThan(-1);
    expect(started).toBeLessThan(written);
    expect(written).toBeLessThan(completed);
    const event = events[written];
    assertMatchesSchema("FileWrittenEvent", event);
    const file = await api.get(`/v1/workspaces/${session.workspace_id}/fs/reports/summary.md`);
    expect(file.json.content).toContain("Summarize");
    expect(event?.data).toEqual({
      path: "/reports/summary.md",
      operation: "write",
      size_bytes: file.json.size_bytes,
      created: true,
    });
  });

  it("reports a bad path as a failed tool call and still completes the turn", async () => {
    const session = (await api.post("/v1/sessions", {})).json;
    await api.post(`/v1/sessions/${session.id}/messages`, {
      message: { role: "user", content: [{ type: "text", text: "x [simulate:write=../../etc]" }] },
    });
    const events = await waitForTurnEnds(api, session.id);
    const completed = events.find((event) => event.type === "tool.completed");
    expect(completed?.data).toMatchObject({ success: false, status: "error" });
    expect(events.some((event) => event.type === "file.written")).toBe(false);
    expect(events.at(-1)?.type).toBe("turn.completed");
  });
});
