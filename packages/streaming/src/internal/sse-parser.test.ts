import { describe, expect, it } from "vitest";
import { type SseMessage, SseParser } from "./sse-parser.js";

/** Parses `chunks` in order; returns the messages and a marker per comment. */
function parse(chunks: string[], maxChars = 1_000_000): (SseMessage | "comment")[] {
  const out: (SseMessage | "comment")[] = [];
  const parser = new SseParser({
    maxChars,
    onMessage: (message) => out.push(message),
    onComment: () => out.push("comment"),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return out;
}

/** Every way to cut `text` in two, plus one chunk per character. */
function splits(text: string): string[][] {
  const ways = [[text], [...text]];
  for (let at = 1; at < text.length; at++) ways.push([text.slice(0, at), text.slice(at)]);
  return ways;
}

const msg = (data: string, event?: string, id?: string): SseMessage => ({ event, id, data });

describe("SseParser (WHATWG event stream rules)", () => {
  const cases: [string, string, (SseMessage | "comment")[]][] = [
    ["LF line ends", "event: a\nid: 1\ndata: x\n\n", [msg("x", "a", "1")]],
    ["CRLF line ends", "event: a\r\nid: 1\r\ndata: x\r\n\r\n", [msg("x", "a", "1")]],
    // A CR at the very end may be half of a CRLF, so the frame ends once the next byte arrives.
    ["CR line ends", "event: a\rid: 1\rdata: x\r\r:", [msg("x", "a", "1")]],
    ["mixed line ends", "data: a\r\ndata: b\rdata: c\n\n", [msg("a\nb\nc")]],
    ["data lines joined with LF", "data: one\ndata: two\n\n", [msg("one\ntwo")]],
    ["only one leading space dropped", "data:  two spaces\n\n", [msg(" two spaces")]],
    ["no space after the colon", "data:x\n\n", [msg("x")]],
    ["a field without a colon has an empty value", "data\n\n", [msg("")]],
    ["empty data line still dispatches", "data:\n\n", [msg("")]],
    ["a frame without data is not dispatched", "event: nothing\nid: 9\n\ndata: y\n\n", [msg("y")]],
    [
      "comments are reported, not dispatched",
      ": heartbeat\n\n:x\ndata: z\n\n",
      ["comment", "comment", msg("z")],
    ],
    [
      "retry and unknown fields are ignored",
      "retry: 100\nfoo: bar\nretry: x\ndata: r\n\n",
      [msg("r")],
    ],
    ["an id with NUL is ignored", "id: a\0b\ndata: n\n\n", [msg("n")]],
    [
      "event and id reset after each frame",
      "event: a\nid: 1\ndata: 1\n\ndata: 2\n\n",
      [msg("1", "a", "1"), msg("2")],
    ],
    ["an empty event field means none", "event:\ndata: e\n\n", [msg("e")]],
    ["a colon in the value is kept", 'data: {"a":"b:c"}\n\n', [msg('{"a":"b:c"}')]],
    ["field names are case-sensitive", "Data: no\nDATA: no\n\n", []],
    ["a leading BOM is skipped", "\ufeffdata: bom\n\n", [msg("bom")]],
    ["an unfinished frame at the end is not dispatched", "data: done\n\ndata: cut", [msg("done")]],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}, however the text is split`, () => {
      for (const chunks of splits(text)) expect(parse(chunks)).toEqual(expected);
    });
  }

  it("throws max-buffer-size-exceeded once an unfinished frame outgrows the limit, and stays failed", () => {
    const parser = new SseParser({
      maxChars: 100,
      onMessage: () => undefined,
      onComment: () => undefined,
    });
    parser.feed(`data: ${"x".repeat(50)}`);
    expect(() => parser.feed("y".repeat(60))).toThrow(
      expect.objectContaining({ type: "max-buffer-size-exceeded" }),
    );
    expect(() => parser.feed("data: ok\n\n")).toThrow(
      expect.objectContaining({ type: "max-buffer-size-exceeded" }),
    );
  });

  it("counts buffered data lines of an unfinished frame against the limit", () => {
    const parser = new SseParser({
      maxChars: 100,
      onMessage: () => undefined,
      onComment: () => undefined,
    });
    expect(() => {
      for (let i = 0; i < 20; i++) parser.feed("data: 0123456789\n");
    }).toThrow(expect.objectContaining({ type: "max-buffer-size-exceeded" }));
  });

  it("stays linear on a long text with one CR and many LF lines", () => {
    const text = `data: a\r${"data: b\n".repeat(50_000)}\n`;
    const [message] = parse([text], 10_000_000);
    expect(message).toMatchObject({ data: expect.stringMatching(/^a\nb\nb/) });
  });
});
