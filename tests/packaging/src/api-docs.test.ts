import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeOutput, runCommand } from "./internal/run-command.js";
import { ownFile, REPO_ROOT, rootBin } from "./internal/workspace.js";

// `pnpm docs` builds the API reference from TSDoc with the root typedoc.json; here TypeDoc
// only converts and validates (`--emit none`), with every warning an error, so an export
// without a doc comment (validation.notDocumented) fails the build.
function typedoc(args: readonly string[]) {
  return runCommand(
    rootBin("typedoc"),
    [...args, "--emit", "none", "--treatWarningsAsErrors", "--logLevel", "Warn"],
    { cwd: REPO_ROOT, timeoutMs: 90_000 },
  );
}

describe("the API reference (typedoc.json)", () => {
  it("documents every exported symbol of core and streaming, with no warning", async () => {
    const result = await typedoc([]);
    expect(result.code, describeOutput(result)).toBe(0);
    expect(describeOutput(result)).not.toContain("warning");
  });

  it("rejects an export without a doc comment", async () => {
    const dir = await mkdtemp(join(tmpdir(), "everruns-typedoc-"));
    try {
      const options = join(dir, "typedoc.json");
      await writeFile(
        options,
        JSON.stringify({
          extends: [join(REPO_ROOT, "typedoc.json")],
          entryPoints: [ownFile("fixtures/undocumented")],
          packagesRequiringDocumentation: ["undocumented-fixture"],
        }),
      );
      const result = await typedoc(["--options", options]);
      expect(result.code).not.toBe(0);
      expect(describeOutput(result)).toMatch(
        / undocumented \(\w+\).* does not have any documentation/,
      );
      expect(describeOutput(result)).not.toMatch(/ documented \(\w+\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
