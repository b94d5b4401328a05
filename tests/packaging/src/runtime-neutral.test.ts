import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { findNodeOnlyReferences } from "./internal/node-only-references.js";
import { type PublishedPackage, packageDir } from "./internal/workspace.js";

// core and streaming run wherever `fetch` exists: browsers, edge functions, Deno, Bun. Only
// core's env helper may look at `process`, and it does so through `globalThis`, guarded.
// dist/index.js is the bundled entry (scripts/bundle-entry.mjs), so it holds the env helper too.
const ALLOWED: Record<string, readonly string[]> = {
  "@everruns/core/dist/env.js": ["globalThis.process"],
  // The `@everruns/core/node` entry is Node-only by design (it reads files); the main entry
  // never imports it.
  "@everruns/core/dist/node.js": ['import "node:fs/promises"'],
  "@everruns/core/dist/index.js": ["globalThis.process"],
};

async function shippedModules(name: PublishedPackage): Promise<Map<string, string>> {
  const files = inject("tarballs")[name].files.filter((file) => file.endsWith(".js"));
  const modules = new Map<string, string>();
  for (const file of files) modules.set(file, await readFile(`${packageDir(name)}${file}`, "utf8"));
  return modules;
}

describe.each(["@everruns/core", "@everruns/streaming"] as const)(
  "the shipped code of %s",
  (name) => {
    it("uses no Node global and imports no Node module, except in the env helper", async () => {
      const modules = await shippedModules(name);
      expect(modules.size).toBeGreaterThan(0);
      const offending: string[] = [];
      for (const [file, code] of modules) {
        const allowed = ALLOWED[`${name}/${file}`] ?? [];
        for (const { line, what } of findNodeOnlyReferences(file, code)) {
          if (!allowed.includes(what)) offending.push(`${file}:${line} ${what}`);
        }
      }
      expect(offending).toEqual([]);
    });
  },
);

describe("findNodeOnlyReferences", () => {
  it("reports Node globals, globalThis.process and built-in imports, not words in comments or property names", () => {
    const code = [
      "// process the events; Buffer them",
      'import { readFile } from "node:fs";',
      'export { join } from "path";',
      "const env = process.env;",
      "const bytes = Buffer.from('x');",
      "const viaGlobal = globalThis.process;",
      "const crypto = await import('node:crypto');",
      "const ok = { process: 1, Buffer: 2 }.process + event.process;",
    ].join("\n");
    expect(findNodeOnlyReferences("sample.js", code)).toEqual([
      { line: 2, what: 'import "node:fs"' },
      { line: 3, what: 'import "path"' },
      { line: 4, what: "process" },
      { line: 5, what: "Buffer" },
      { line: 6, what: "globalThis.process" },
      { line: 7, what: 'import "node:crypto"' },
    ]);
  });

  it("finds the one allowed use: core's env helper reads globalThis.process", async () => {
    const code = await readFile(`${packageDir("@everruns/core")}dist/env.js`, "utf8");
    expect(findNodeOnlyReferences("env.js", code).map((found) => found.what)).toEqual([
      "globalThis.process",
    ]);
  });
});
