import { expect, it } from "vitest";
import { formatSize } from "./format-size.ts";

it("formats byte counts in binary units", () => {
  expect(formatSize(0)).toBe("0 B");
  expect(formatSize(1023)).toBe("1023 B");
  expect(formatSize(1536)).toBe("1.5 KB");
  expect(formatSize(512 * 1024)).toBe("512.0 KB");
  expect(formatSize(3 * 1024 * 1024)).toBe("3.0 MB");
  expect(formatSize(-1)).toBe("?");
});
