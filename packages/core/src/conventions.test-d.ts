import { describe, expectTypeOf, it } from "vitest";
import type { Everruns } from "./client.js";
import type { ApiResult } from "./http/api-promise.js";
import type { Page } from "./pagination/page.js";
import type { AgentWithCounts, Session } from "./types.js";

declare const client: Everruns;

describe("conventions", () => {
  it("a list call is both a promise of its first page and an async iterable of items", async () => {
    expectTypeOf(await client.agents.list()).toEqualTypeOf<Page<AgentWithCounts>>();
    for await (const session of client.sessions.list()) {
      expectTypeOf(session).toEqualTypeOf<Session>();
    }
  });

  it("withResponse() is typed by the call's data; asResponse() gives a Response", async () => {
    expectTypeOf(await client.agents.get("a").withResponse()).toEqualTypeOf<
      ApiResult<AgentWithCounts>
    >();
    expectTypeOf(await client.agents.export("a").asResponse()).toEqualTypeOf<Response>();
    expectTypeOf(await client.agents.export("a")).toEqualTypeOf<string>();
  });

  it("per-call options are typed", () => {
    // @ts-expect-error: timeoutMs is a number
    void client.agents.get("a", { timeoutMs: "5s" });
    void client.agents.get("a", { query: { beta: true }, fetchOptions: { keepalive: true } });
  });
});
