import { describe, expect, it } from "vitest";
import { dataDir, embeddedDbPath } from "./data-dir.js";

describe("dataDir", () => {
  it("follows XDG_DATA_HOME when it is an absolute path", () => {
    expect(dataDir({ XDG_DATA_HOME: "/data" }, "linux", "/home/u")).toBe("/data/everruns-tui");
    expect(dataDir({ XDG_DATA_HOME: "/data" }, "darwin", "/Users/u")).toBe("/data/everruns-tui");
  });

  it("ignores a relative XDG_DATA_HOME, as the XDG spec asks", () => {
    expect(dataDir({ XDG_DATA_HOME: "rel" }, "linux", "/home/u")).toBe(
      "/home/u/.local/share/everruns-tui",
    );
  });

  it("uses each platform's usual place otherwise", () => {
    expect(dataDir({}, "linux", "/home/u")).toBe("/home/u/.local/share/everruns-tui");
    expect(dataDir({}, "darwin", "/Users/u")).toBe(
      "/Users/u/Library/Application Support/everruns-tui",
    );
    expect(dataDir({ LOCALAPPDATA: "/w/Local" }, "win32", "/w")).toMatch(/Local.everruns-tui$/);
  });

  it("keeps the embedded server's database in the data directory", () => {
    expect(embeddedDbPath({ XDG_DATA_HOME: "/d" })).toBe("/d/everruns-tui/dev-server.sqlite");
  });
});
