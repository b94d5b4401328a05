import { describe, expect, it } from "vitest";
import { filterOptions } from "./picker-filter.js";

const options = [
  { id: "session_01aa", label: "Plan the trip", description: "idle · 01aa" },
  { id: "session_02bb", label: "Fix the build", description: "active · 02bb" },
  { id: "session_03cc", label: "Trip budget", description: "idle · 03cc" },
];

describe("filterOptions", () => {
  it("keeps everything for an empty query", () => {
    expect(filterOptions(options, "  ")).toBe(options);
  });

  it("matches every word in label, description or id, ignoring case", () => {
    expect(filterOptions(options, "TRIP").map((o) => o.id)).toEqual([
      "session_01aa",
      "session_03cc",
    ]);
    expect(filterOptions(options, "trip idle budget").map((o) => o.id)).toEqual(["session_03cc"]);
    expect(filterOptions(options, "02b").map((o) => o.id)).toEqual(["session_02bb"]);
    expect(filterOptions(options, "nothing")).toEqual([]);
  });
});
