import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Everruns } from "@everruns/core";
import { afterAll, describe, expect, it } from "vitest";
import { type DevServerProcess, spawnDevServer } from "./internal/dev-server-process.js";

const KEY = "storage-crash-key";
const folder = mkdtempSync(join(tmpdir(), "everruns-storage-crash-"));
const db = join(folder, "everruns.sqlite");
let running: DevServerProcess | undefined;

afterAll(async () => {
  running?.child.kill("SIGKILL");
  await running?.exited;
  rmSync(folder, { recursive: true, force: true });
});

function start(port: number): Promise<DevServerProcess> {
  return spawnDevServer(["--db", db, "--port", String(port), "--api-key", KEY], () => undefined);
}

describe("storage survives a SIGKILL of the dev server", () => {
  it("keeps every acknowledged workspace, file (byte for byte), memory, image and session workspace", async () => {
    running = await start(0);
    const port = running.port;
    let client = new Everruns({ baseUrl: running.url, apiKey: KEY });
    const workspace = await client.workspaces.create({ name: "durable" });
    const binary = new Uint8Array(randomBytes(64 * 1024));
    await client.workspaces.files.create(workspace.id, "docs/notes.md", "kept\n");
    await client.workspaces.files.create(workspace.id, "bin/data.bin", binary);
    await client.workspaces.files.move(workspace.id, "docs/notes.md", "docs/moved.md");
    const memory = await client.memories.create({ name: "durable-memory" });
    await client.memories.files.create(memory.id, "fact.md", "The sky is blue.");
    const png = Uint8Array.from(
      atob(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      ),
      (char) => char.charCodeAt(0),
    );
    const image = await client.images.upload(png, { filename: "pixel.png" });
    const session = await client.sessions.create({
      initial_files: [{ path: "brief.md", content: "initial" }],
    });

    running.child.kill("SIGKILL");
    await running.exited;
    running = await start(port);
    client = new Everruns({ baseUrl: running.url, apiKey: KEY });

    expect((await client.workspaces.get(workspace.id)).name).toBe("durable");
    expect(await client.workspaces.files.text(workspace.id, "docs/moved.md")).toBe("kept\n");
    await expect(client.workspaces.files.stat(workspace.id, "docs/notes.md")).rejects.toMatchObject(
      {
        status: 404,
      },
    );
    const bytes = await client.workspaces.files.bytes(workspace.id, "bin/data.bin");
    expect(Buffer.from(bytes).equals(Buffer.from(binary))).toBe(true);
    expect(await client.memories.files.text(memory.id, "fact.md")).toBe("The sky is blue.");
    const stored = await client.images.get(image.id);
    expect(Buffer.from(await stored.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
    const reloaded = await client.sessions.get(session.id);
    expect(reloaded.workspace_id).toBe(session.workspace_id);
    expect(await client.workspaces.files.text(session.workspace_id, "brief.md")).toBe("initial");
  });
});
