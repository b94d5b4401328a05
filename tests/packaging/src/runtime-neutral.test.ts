import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { findNodeOnlyReferences } from "./internal/node-only-references.js";
import { type PublishedPackage, packageDir } from "./internal/workspace.js";

// core and streaming run wherever `fetch` exists: browsers, edge functions, Deno, Bun. Only
// core's env helper may look at `process`, and it does so through `globalThis`, guarded.
// dist/index.js is the bundled entry (scripts/bundle-entry.mjs), so it holds the env helper too,
// and core's holds openapi-fetch, whose one probe of `process` is guarded (checked below).
const ALLOWED: Record<string, readonly string[]> = {
  "@everruns/core/dist/env.js": ["globalThis.process"],
  // The `@everruns/core/node` entry is Node-only by design (it reads files); the main entry
  // never imports it.
  "@everruns/core/dist/node.js": ['import "node:fs/promises"'],
  "@everruns/core/dist/index.js": ["globalThis.process", "process (openapi-fetch)"],
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

describe("the dependency code inlined into @everruns/core's entry", () => {
  it("reads `process` only behind a typeof guard", async () => {
    const code = await readFile(`${packageDir("@everruns/core")}dist/index.js`, "utf8");
    const lines = code.split("\n");
    const inlined = findNodeOnlyReferences("index.js", code).filter((found) =>
      found.what.endsWith("(openapi-fetch)"),
    );
    expect(inlined.length).toBeGreaterThan(0);
    for (const { line } of inlined) {
      expect(lines[line - 1]).toMatch(/^\s*return typeof process === "object" && /);
    }
  });

  it("ships with the inlined package's licence, at the version core depends on", async () => {
    expect(inject("tarballs")["@everruns/core"].files).toContain("dist/THIRD-PARTY-NOTICES.md");
    const dir = packageDir("@everruns/core");
    const manifest = JSON.parse(await readFile(`${dir}package.json`, "utf8")) as {
      dependencies: Record<string, string>;
    };
    const notices = await readFile(`${dir}dist/THIRD-PARTY-NOTICES.md`, "utf8");
    expect(notices).toContain(`## openapi-fetch ${manifest.dependencies["openapi-fetch"]} (MIT)`);
    expect(notices).toMatch(/Permission is hereby granted/);
  });
});

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
      "// ../../node_modules/.pnpm/dep@1.0.0/node_modules/dep/dist/index.mjs",
      "const inDep = process.versions;",
      "// src/after.ts",
      "const mine = Buffer;",
    ].join("\n");
    expect(findNodeOnlyReferences("sample.js", code)).toEqual([
      { line: 2, what: 'import "node:fs"' },
      { line: 3, what: 'import "path"' },
      { line: 4, what: "process" },
      { line: 5, what: "Buffer" },
      { line: 6, what: "globalThis.process" },
      { line: 7, what: 'import "node:crypto"' },
      { line: 10, what: "process (dep)" },
      { line: 12, what: "Buffer" },
    ]);
  });

  it("finds the one allowed use: core's env helper reads globalThis.process", async () => {
    const code = await readFile(`${packageDir("@everruns/core")}dist/env.js`, "utf8");
    expect(findNodeOnlyReferences("env.js", code).map((found) => found.what)).toEqual([
      "globalThis.process",
    ]);
  });
});
