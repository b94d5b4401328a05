import { describe, expect, it } from "vitest";
import { MAX_RECONNECT_DELAY_MS, reconnectDelayMs } from "./reconnect-delay.js";

describe("reconnectDelayMs", () => {
  it("doubles from 1 s: 1, 2, 4, 8, 16 s, then stays at the 30 s cap", () => {
    const schedule = Array.from({ length: 9 }, (_, retry) => reconnectDelayMs(retry));
    expect(schedule).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it("never exceeds the cap, however many retries", () => {
    expect(reconnectDelayMs(1_000)).toBe(MAX_RECONNECT_DELAY_MS);
    expect(reconnectDelayMs(Number.MAX_SAFE_INTEGER)).toBe(30_000);
    expect(reconnectDelayMs(Number.POSITIVE_INFINITY)).toBe(1_000);
  });

  it("treats a negative or NaN index as the first retry", () => {
    expect(reconnectDelayMs(-3)).toBe(1000);
    expect(reconnectDelayMs(Number.NaN)).toBe(1000);
  });
});
