import { describe, expect, it } from "vitest";
import { parseDisconnecting } from "./disconnecting.js";

describe("parseDisconnecting", () => {
  it("reads reason and retry_ms from valid data", () => {
    expect(parseDisconnecting('{"reason":"connection_cycle","retry_ms":250}')).toEqual({
      reason: "connection_cycle",
      retryMs: 250,
    });
  });

  it("accepts retry_ms 0: reconnect at once", () => {
    expect(parseDisconnecting('{"reason":"connection_cycle","retry_ms":0}').retryMs).toBe(0);
  });

  it("waits 100 ms when retry_ms is missing or null", () => {
    expect(parseDisconnecting('{"reason":"connection_cycle"}').retryMs).toBe(100);
    expect(parseDisconnecting('{"reason":"connection_cycle","retry_ms":null}').retryMs).toBe(100);
  });

  it("waits 100 ms when retry_ms is negative, a string or not finite", () => {
    for (const retry of ["-5", '"200"', "1e999"]) {
      expect(parseDisconnecting(`{"reason":"x","retry_ms":${retry}}`).retryMs).toBe(100);
    }
  });

  it("names a missing reason unknown", () => {
    expect(parseDisconnecting('{"retry_ms":300}')).toEqual({ reason: "unknown", retryMs: 300 });
  });

  it("falls back to defaults when the data is not JSON or not an object", () => {
    expect(parseDisconnecting("bye")).toEqual({ reason: "unknown", retryMs: 100 });
    expect(parseDisconnecting("")).toEqual({ reason: "unknown", retryMs: 100 });
    expect(parseDisconnecting("[1,2]")).toEqual({ reason: "unknown", retryMs: 100 });
  });
});
