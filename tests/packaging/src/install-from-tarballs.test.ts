import { cp, mkdtemp, readdir, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type CommandResult, describeOutput, runCommand } from "./internal/run-command.js";
import { ownFile, REPO_ROOT, rootBin } from "./internal/workspace.js";

// A project outside the workspace, as a user would have: the packed core and streaming
// tarballs installed with npm (their own dependencies come from the registry), the dev
// server started here from the workspace.
let project: string;
let server: DevServer;

// Variables pnpm and Vitest set for this process, which a user's shell would not have.
const WORKSPACE_ONLY_ENV =
  /^(npm_(package|lifecycle|config_user_agent|execpath|node_execpath|command)|PNPM_|NODE_OPTIONS$|VITEST|EVERRUNS_)/;

/** The environment of a user's shell, pointed at the dev server through EVERRUNS_*. */
function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !WORKSPACE_ONLY_ENV.test(key)),
  );
  return { ...env, EVERRUNS_API_URL: server.url, EVERRUNS_API_KEY: "dev" };
}

function node(script: string): Promise<CommandResult> {
  return runCommand(process.execPath, [script], { cwd: project, env: userEnv() });
}

beforeAll(async () => {
  const tarballs = inject("tarballs");
  project = await realpath(await mkdtemp(join(tmpdir(), "everruns-consumer-")));
  await cp(ownFile("fixtures/consumer"), project, { recursive: true });
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({
      name: "everruns-consumer",
      private: true,
      type: "module",
      dependencies: {
        "@everruns/core": `file:${tarballs["@everruns/core"].path}`,
        "@everruns/streaming": `file:${tarballs["@everruns/streaming"].path}`,
      },
    }),
  );
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
  const install = await runCommand(
    "npm",
    ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"],
    { cwd: project, env: userEnv(), timeoutMs: 110_000 },
  );
  if (install.code !== 0) throw new Error(`npm install failed\n${describeOutput(install)}`);
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe("the packed tarballs, installed with npm in a project outside the workspace", () => {
  it("install without the workspace: no link into it, no dev-server", async () => {
    expect(project.startsWith(REPO_ROOT)).toBe(false);
    expect(REPO_ROOT.startsWith(project)).toBe(false);
    expect((await readdir(join(project, "node_modules/@everruns"))).sort()).toEqual([
      "core",
      "streaming",
    ]);
  });

  it("run a turn to completion from an ESM script that imports them", async () => {
    const result = await node("turn.mjs");
    expect(result.code, describeOutput(result)).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(fileURLToPath(output.core).startsWith(`${project}${sep}node_modules${sep}`)).toBe(true);
    expect(fileURLToPath(output.streaming).startsWith(`${project}${sep}node_modules${sep}`)).toBe(
      true,
    );
    expect(output.status).toBe("completed");
    expect(output.text).toContain('You asked: "Does the ESM build work?"');
    expect(output.streamed).toBe(output.text);
  });

  it("run a turn to completion from a CommonJS script that require()s them", async () => {
    const result = await node("turn.cjs");
    expect(result.code, describeOutput(result)).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.core.startsWith(`${project}${sep}node_modules${sep}`)).toBe(true);
    expect(output.streaming.startsWith(`${project}${sep}node_modules${sep}`)).toBe(true);
    expect(output.status).toBe("completed");
    expect(output.text).toContain('You asked: "Does require() work?"');
  });

  it.each([
    ["nodenext", "tsconfig.nodenext.json"],
    ["bundler", "tsconfig.bundler.json"],
  ])("type-check in a TypeScript project with moduleResolution %s", async (_mode, tsconfig) => {
    const result = await runCommand(rootBin("tsc"), ["-p", tsconfig], {
      cwd: project,
      env: userEnv(),
    });
    expect(result.code, describeOutput(result)).toBe(0);
  });
});
