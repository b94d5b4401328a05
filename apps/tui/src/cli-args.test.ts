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
        session: "s",
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
});
