import { readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { PUBLISHED_PACKAGES, type PublishedPackage, packageDir } from "./internal/workspace.js";

const names = Object.keys(PUBLISHED_PACKAGES) as PublishedPackage[];

describe.each(names)("source maps in the %s tarball", (name) => {
  it("point only at files the tarball ships, or at inlined dependency code they embed", () => {
    const { files } = inject("tarballs")[name];
    const shipped = new Set(files);
    const missing: string[] = [];
    for (const file of files) {
      const text = () => readFileSync(join(packageDir(name), file), "utf8");
      if (file.endsWith(".map")) {
        const map = JSON.parse(text()) as {
          sources: string[];
          sourceRoot?: string;
          sourcesContent?: (string | null)[];
        };
        for (const [index, source] of map.sources.entries()) {
          const target = posix.normalize(posix.join(dirname(file), map.sourceRoot ?? "", source));
          // A dependency's code bundled into the entry (scripts/bundle-entry.mjs) is not a
          // file of ours to ship; its map must then carry the code itself.
          const embedded =
            target.startsWith("node_modules/") && typeof map.sourcesContent?.[index] === "string";
          if (!shipped.has(target) && !embedded) missing.push(`${file} -> ${target}`);
        }
      } else if (/\.(js|d\.ts)$/.test(file)) {
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text())?.[1];
        if (url && !shipped.has(posix.join(dirname(file), url))) missing.push(`${file} -> ${url}`);
      }
    }
    expect(missing).toEqual([]);
    expect(files.some((file) => file.endsWith(".js.map"))).toBe(true);
  });
});
