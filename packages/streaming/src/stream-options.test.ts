import { ValidationError } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_IDLE_TIMEOUT_MS, resolveStreamOptions } from "./stream-options.js";

describe("resolveStreamOptions", () => {
  it("defaults: no since_id, no filters, unlimited retries, 45 s idle timeout, no hooks", () => {
    expect(resolveStreamOptions()).toEqual({
      sinceId: undefined,
      types: [],
      exclude: [],
      maxRetries: Number.POSITIVE_INFINITY,
      idleTimeoutMs: 45_000,
      signal: undefined,
      onWarning: undefined,
      onStateChange: undefined,
    });
    expect(DEFAULT_IDLE_TIMEOUT_MS).toBe(45_000);
  });

  it("keeps given values", () => {
    const resolved = resolveStreamOptions({
      sinceId: "event_1",
      types: ["turn.started", "turn.completed"],
      exclude: ["output.message.delta"],
      maxRetries: 0,
      idleTimeoutMs: 1_000,
    });
    expect(resolved).toMatchObject({
      sinceId: "event_1",
      types: ["turn.started", "turn.completed"],
      exclude: ["output.message.delta"],
      maxRetries: 0,
      idleTimeoutMs: 1_000,
    });
  });

  it.each([
    [{ maxRetries: -1 }, "maxRetries"],
    [{ maxRetries: 1.5 }, "maxRetries"],
    [{ maxRetries: Number.NaN }, "maxRetries"],
    [{ idleTimeoutMs: 0 }, "idleTimeoutMs"],
    [{ idleTimeoutMs: Number.POSITIVE_INFINITY }, "idleTimeoutMs"],
  ])("refuses %o with a ValidationError on %s", (options, field) => {
    const error = (() => {
      try {
        resolveStreamOptions(options);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });

  it("refuses unknown event types and more than 25 per filter", () => {
    expect(() => resolveStreamOptions({ types: ["no.such" as "turn.started"] })).toThrow(
      /not a known event type/,
    );
    const many = Array.from({ length: 26 }, (_, i) => `x.t${i}` as "turn.started");
    expect(() => resolveStreamOptions({ exclude: many })).toThrow(/at most 25/);
  });
});
