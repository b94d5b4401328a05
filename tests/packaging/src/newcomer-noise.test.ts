import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
// A fresh HOME: no user .npmrc, no pnpm state, as a newcomer's machine.
const home = mkdtempSync(join(tmpdir(), "everruns-fresh-home-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(command: string, args: string[], cwd = root) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, HOME: home, npm_config_update_notifier: "false" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("what a newcomer sees", () => {
  it("npm does not warn about a pnpm-only key in .npmrc", () => {
    const result = run("npm", ["pkg", "get", "name"]);
    expect(result.code).toBe(0);
    expect(result.output).not.toMatch(/Unknown (project|user) config/);
  });

  it("any pnpm 10 runs the workspace from a fresh HOME without switching versions", () => {
    const result = run("pnpm", ["--version"]);
    expect(result.output).not.toMatch(/Refusing to run|ERR/);
    expect(result.code).toBe(0);
  });

  it("the Redocly lint shows no Node 20 banner, but still its errors and exit code", () => {
    const dir = mkdtempSync(join(tmpdir(), "everruns-bad-spec-"));
    try {
      const spec = join(dir, "bad.yaml");
      writeFileSync(spec, "openapi: 3.1.0\ninfo: {}\npaths:\n  /x:\n    get: {}\n");
      const result = run(
        process.execPath,
        [join(root, "scripts/redocly-quiet.mjs"), "lint", spec, "--format=stylish"],
        join(root, "openapi"),
      );
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/error/i);
      expect(result.output).not.toMatch(/Node\.js 20 support is ending/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
