import { describe, expect, it } from "vitest";
import { describeSession, resumeCommand } from "./resume-command.js";

const ID = "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012";

describe("resumeCommand", () => {
  it("names the session for the embedded server kept on disk", () => {
    expect(resumeCommand({ label: "local dev server", local: true, dataFile: "/d/x" }, ID)).toBe(
      `everruns-tui --resume ${ID}`,
    );
  });

  it("adds --url for a remote server, never the key", () => {
    const server = { label: "api.example", local: false, url: "https://api.example" };
    expect(resumeCommand(server, ID)).toBe(`everruns-tui --url https://api.example --resume ${ID}`);
  });

  it("has none for an in-memory server, and /session says why", () => {
    const server = { label: "local dev server", local: true, ephemeral: true };
    expect(resumeCommand(server, ID)).toBeUndefined();
    expect(describeSession(server, ID)).toContain("--ephemeral");
    expect(describeSession(server, undefined)).toContain("No session");
  });
});
