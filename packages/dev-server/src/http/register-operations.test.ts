import { describe, expect, it } from "vitest";
import { specOperations } from "./openapi-document.js";
import { literalSegmentsFirst } from "./register-operations.js";

describe("literalSegmentsFirst", () => {
  it("puts every literal path before a template of the same method that would swallow it", () => {
    const ordered = literalSegmentsFirst(specOperations());
    const position = new Map(ordered.map((op, index) => [`${op.method} ${op.path}`, index]));
    let pairs = 0;
    for (const template of ordered.filter((op) => op.path.includes("{"))) {
      const pattern = new RegExp(`^${template.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const literal of ordered) {
        if (literal === template || literal.method !== template.method) continue;
        if (!pattern.test(literal.path)) continue;
        pairs++;
        expect(
          position.get(`${literal.method} ${literal.path}`),
          `${literal.path} before ${template.path}`,
        ).toBeLessThan(position.get(`${template.method} ${template.path}`) ?? -1);
      }
    }
    // The spec has such pairs (/v1/agents/config and /v1/agents/{agent_id}, ...).
    expect(pairs).toBeGreaterThan(3);
  });

  it("keeps the given order otherwise", () => {
    const ops = [{ path: "/v1/b" }, { path: "/v1/a" }, { path: "/v1/{x}" }, { path: "/v1/c" }];
    expect(literalSegmentsFirst(ops).map((op) => op.path)).toEqual([
      "/v1/b",
      "/v1/a",
      "/v1/c",
      "/v1/{x}",
    ]);
  });
});
