import { Everruns, type EverrunsError } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: DevServer;
let client: Everruns;

beforeAll(async () => {
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());

// A tiny model of a file tree: path -> content (files) or null (directories). Operations go
// to the model and to the server; after each run the server's tree must equal the model's.
type Tree = Map<string, string | null>;

type Op =
  | { kind: "create"; path: string; content: string }
  | { kind: "write"; path: string; content: string }
  | { kind: "move"; src: string; dst: string }
  | { kind: "copy"; src: string; dst: string }
  | { kind: "delete"; path: string };

const segment = fc.constantFrom("a", "b", "c");
const path = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((parts) => `/${parts.join("/")}`);
const content = fc.string({ maxLength: 12 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), path, content }),
  fc.record({ kind: fc.constant("write" as const), path, content }),
  fc.record({ kind: fc.constant("move" as const), src: path, dst: path }),
  fc.record({ kind: fc.constant("copy" as const), src: path, dst: path }),
  fc.record({ kind: fc.constant("delete" as const), path }),
);

const parents = (p: string) => {
  const parts = p.split("/").slice(1, -1);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}`);
};
const within = (p: string, root: string) => p === root || p.startsWith(`${root}/`);

/** Applies an operation to the model; answers the HTTP status the server should give. */
function apply(tree: Tree, o: Op): number {
  switch (o.kind) {
    case "create": {
      if (tree.has(o.path)) return 409;
      if (parents(o.path).some((dir) => tree.get(dir) != null)) return 409; // a parent is a file
      for (const dir of parents(o.path)) tree.set(dir, null);
      tree.set(o.path, o.content);
      return 201;
    }
    case "write": {
      if (!tree.has(o.path)) return 404;
      if (tree.get(o.path) === null) return 400;
      tree.set(o.path, o.content);
      return 200;
    }
    case "move":
    case "copy": {
      if (!tree.has(o.src)) return 404;
      if (within(o.dst, o.src)) return 400;
      if (tree.has(o.dst)) return 409;
      if (parents(o.dst).some((dir) => tree.get(dir) != null)) return 409;
      const moved = [...tree].filter(([p]) => within(p, o.src));
      for (const dir of parents(o.dst)) tree.set(dir, null);
      if (o.kind === "move") for (const [p] of moved) tree.delete(p);
      for (const [p, value] of moved) tree.set(o.dst + p.slice(o.src.length), value);
      return o.kind === "move" ? 200 : 201;
    }
    case "delete": {
      if (!tree.has(o.path)) return 404;
      // Always recursive in this model.
      for (const p of [...tree.keys()]) if (within(p, o.path)) tree.delete(p);
      return 200;
    }
  }
}

async function send(workspaceId: string, o: Op): Promise<number> {
  const files = client.workspaces.files;
  const call = (() => {
    switch (o.kind) {
      case "create":
        return files.create(workspaceId, o.path, o.content);
      case "write":
        return files.write(workspaceId, o.path, o.content);
      case "move":
        return files.move(workspaceId, o.src, o.dst);
      case "copy":
        return files.copy(workspaceId, o.src, o.dst);
      case "delete":
        return files.delete(workspaceId, o.path, { recursive: true });
    }
  })();
  return call.withResponse().then(
    ({ response }) => response.status,
    (error: EverrunsError & { status?: number }) => error.status ?? -1,
  );
}

describe("a workspace under random file operations", () => {
  it("ends in the state a simple in-memory model predicts, answering each step as predicted", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { id } = await client.workspaces.create({ name: "model" });
        const tree: Tree = new Map();
        for (const o of ops) {
          const expected = apply(tree, o);
          expect({ op: o, status: await send(id, o) }).toEqual({ op: o, status: expected });
        }
        const listing = await client.workspaces.files.list(id, "/", { recursive: true });
        const actual = new Map<string, string | null>();
        for (const entry of listing.data) {
          actual.set(
            entry.path,
            entry.is_directory ? null : await client.workspaces.files.text(id, entry.path),
          );
        }
        expect(new Map([...actual].sort())).toEqual(new Map([...tree].sort()));
      }),
      { numRuns: 40, seed: 1107 },
    );
  });
});
