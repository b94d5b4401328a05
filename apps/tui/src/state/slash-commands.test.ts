import { describe, expect, it } from "vitest";
import { completeSlashCommand, parseSlashCommand } from "./slash-commands.js";

describe("slash commands", () => {
  it("hints every command after a lone slash, and the matching ones after a prefix", () => {
    expect(completeSlashCommand("/")).toHaveLength(15);
    expect(completeSlashCommand("/se").map((c) => c.name)).toEqual(["session", "sessions"]);
    expect(completeSlashCommand("/e").map((c) => c.name)).toEqual(["export", "events", "exit"]);
  });

  it("gives no hints for plain text or once an argument is typed", () => {
    expect(completeSlashCommand("hello")).toEqual([]);
    expect(completeSlashCommand("/agents bot")).toEqual([]);
  });

  it("parses a command with its argument and resolves a unique prefix", () => {
    expect(parseSlashCommand("/agents  my-bot ")).toEqual({ name: "agents", argument: "my-bot" });
    expect(parseSlashCommand("/th")).toEqual({ name: "thinking", argument: "" });
    expect(parseSlashCommand("/session")).toEqual({ name: "session", argument: "" });
    expect(parseSlashCommand("/quit")).toEqual({ name: "exit", argument: "" });
  });

  it("marks an ambiguous or unknown command, and ignores text that is not a command", () => {
    expect(parseSlashCommand("/e")).toEqual({ name: "", argument: "" });
    expect(parseSlashCommand("/nope")).toEqual({ name: "", argument: "" });
    expect(parseSlashCommand("what is /help?")).toBeUndefined();
    expect(parseSlashCommand("/usr/bin/env")).toBeUndefined();
  });
});
