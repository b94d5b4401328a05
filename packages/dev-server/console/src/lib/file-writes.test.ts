import type { SessionEvent } from "@everruns/core";
import { expect, it } from "vitest";
import { fileWrites } from "./file-writes.ts";

const event = (sequence: number, type: string, data: unknown) =>
  ({
    id: `event_${sequence}`,
    type,
    ts: "2026-11-30T20:00:00.000Z",
    session_id: "session_1",
    sequence,
    context: {},
    data,
  }) as SessionEvent;

it("counts file.written events and remembers the last path written", () => {
  const written = (sequence: number, path: string) =>
    event(sequence, "file.written", { path, operation: "write", size_bytes: 1, created: true });
  expect(fileWrites([])).toEqual({ count: 0, lastPath: undefined });
  expect(
    fileWrites([written(1, "/a.md"), event(2, "turn.completed", {}), written(3, "/notes/b.md")]),
  ).toEqual({ count: 2, lastPath: "/notes/b.md" });
});
