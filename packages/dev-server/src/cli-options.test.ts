import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-options.js";

describe("everruns-dev-server options: SSE connection limits", () => {
  it("passes --max-streams and --max-session-streams to the server's limits", () => {
    const both = parseCliArgs(["--max-streams", "2000", "--max-session-streams", "64"], {});
    expect(both).toMatchObject({
      kind: "start",
      options: { sse: { total: 2000, perSession: 64 } },
    });
    const one = parseCliArgs(["--max-streams", "700"], {});
    expect(one.kind === "start" && one.options.sse).toEqual({ total: 700 });
    const none = parseCliArgs([], {});
    expect(none.kind === "start" && none.options.sse).toBeUndefined();
  });

  it("refuses a limit that is not a positive integer, naming the flag", () => {
    for (const bad of ["0", "-1", "1.5", "many", ""]) {
      const result = parseCliArgs(["--max-streams", bad], {});
      expect(result.kind).toBe("error");
      expect(result.kind === "error" && result.message).toMatch(/--max-streams/);
    }
    const perSession = parseCliArgs(["--max-session-streams", "0"], {});
    expect(perSession.kind === "error" && perSession.message).toMatch(/--max-session-streams/);
  });
});
