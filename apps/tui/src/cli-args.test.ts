import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("reads every connection, agent and session flag", () => {
    const argv = [
      "--url",
      "http://h:1",
      "--key",
      "k",
      "--org",
      "o",
      "--agent",
      "a",
      "--session",
      "s",
    ];
    expect(parseCliArgs([...argv, "--harness", "generic", "-p", "q"])).toEqual({
      kind: "run",
      options: {
        url: "http://h:1",
        key: "k",
        org: "o",
        agent: "a",
        resume: { sessionId: "s" },
        harness: "generic",
        print: "q",
      },
    });
  });

  it("asks for help with -h or --help", () => {
    expect(parseCliArgs(["-h"])).toEqual({ kind: "help" });
    expect(parseCliArgs(["--help"])).toEqual({ kind: "help" });
  });

  it("refuses unknown flags and stray arguments", () => {
    expect(parseCliArgs(["--nope"]).kind).toBe("error");
    expect(parseCliArgs(["question"])).toMatchObject({
      kind: "error",
      message: expect.stringContaining("-p"),
    });
  });

  it("reads --resume with or without an id, --continue and --ephemeral", () => {
    expect(parseCliArgs(["--resume", "abc123"])).toEqual({
      kind: "run",
      options: { resume: { sessionId: "abc123" } },
    });
    expect(parseCliArgs(["--resume"])).toEqual({ kind: "run", options: { resume: {} } });
    expect(parseCliArgs(["--resume", "--ephemeral"])).toEqual({
      kind: "run",
      options: { resume: {}, ephemeral: true },
    });
    expect(parseCliArgs(["-c"])).toEqual({ kind: "run", options: { continue: true } });
  });

  it("refuses contradicting session flags, naming them", () => {
    expect(parseCliArgs(["--resume", "a", "--continue"])).toMatchObject({
      kind: "error",
      message: expect.stringContaining("--continue"),
    });
    expect(parseCliArgs(["--resume", "a", "--session", "b"]).kind).toBe("error");
    expect(parseCliArgs(["--resume", "-p", "q"])).toMatchObject({
      kind: "error",
      message: expect.stringContaining("--resume needs a session id"),
    });
  });

  it("reads the local tool flags: --allow-commands implies --local-tools", () => {
    expect(parseCliArgs(["--local-tools"])).toEqual({ kind: "run", options: { localTools: true } });
    expect(parseCliArgs(["--allow-commands", "--allow-dir", "/a", "--allow-dir", "/b"])).toEqual({
      kind: "run",
      options: { localTools: true, allowCommands: true, allowDirs: ["/a", "/b"] },
    });
  });

  it("checks --output-format", () => {
    expect(parseCliArgs(["-p", "q", "--output-format", "json"])).toEqual({
      kind: "run",
      options: { print: "q", outputFormat: "json" },
    });
    expect(parseCliArgs(["--output-format", "xml"])).toMatchObject({ kind: "error" });
  });
});
