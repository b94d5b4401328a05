import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Snippet, snippets } from "./internal/code-blocks.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const here = fileURLToPath(new URL("../", import.meta.url));
// Inside this package, so the snippets resolve @everruns/* and hono from its node_modules.
const workDir = `${here}.snippets/`;

const READMES = ["README.md", "packages/core/README.md", "packages/streaming/README.md"];

const all: Snippet[] = [];
for (const readme of READMES) {
  all.push(...snippets(await readFile(`${root}${readme}`, "utf8"), readme));
}

let server: DevServer;
/** tsc over every snippet; it emits JavaScript even when it reports errors. */
let typeCheck: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  await writeFile(`${workDir}package.json`, JSON.stringify({ type: "module" }));
  // The strictest settings we hold our own code to, so the examples compile for everyone.
  await writeFile(
    `${workDir}tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2023", "DOM", "DOM.Iterable"],
        types: ["node"],
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        outDir: "out",
        rootDir: ".",
      },
      include: ["*.ts"],
    }),
  );
  for (const snippet of all) await writeFile(`${workDir}${snippet.fileName}`, snippet.source);
  typeCheck = await run(`${here}node_modules/.bin/tsc`, ["-p", "tsconfig.json"]);
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe("README code blocks", () => {
  it("finds the blocks of every README", () => {
    for (const readme of READMES)
      expect(all.some((s) => s.name.startsWith(`${readme}:`))).toBe(true);
  });

  it("type-check against the built packages, with strict settings", async () => {
    // Each error names its snippet file; the file name says which README and line.
    expect(typeCheck.stdout + typeCheck.stderr).toBe("");
    expect(typeCheck.code).toBe(0);
  });

  it.each(all.filter((s) => s.run).map((s) => [s.name, s] as const))(
    "%s runs against the dev server",
    async (_name, snippet) => {
      const compiled = `${workDir}out/${snippet.fileName.replace(/\.ts$/, ".js")}`;
      const result = await run(process.execPath, [compiled], {
        ...process.env,
        EVERRUNS_API_URL: server.url,
        EVERRUNS_API_KEY: "dev",
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      if (snippet.outputEndsWith !== undefined)
        expect(result.stdout.trimEnd().slice(-snippet.outputEndsWith.length)).toBe(
          snippet.outputEndsWith,
        );
    },
  );
});

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: workDir, env, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && !stdout ? String(error) : "") });
    });
  });
}
