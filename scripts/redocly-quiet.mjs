#!/usr/bin/env node
// Runs the Redocly CLI of the package in the working directory with the given arguments,
// minus the boxed "Node.js 20 support is ending" banner it prints on every run under Node 20
// (this workspace supports Node >= 20.19, so the banner is noise, and Redocly has no switch
// for it). Every other line, and the exit code, pass through unchanged.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(join(process.cwd(), "package.json"));
const cliDir = dirname(require.resolve("@redocly/cli/package.json"));
const child = spawn(process.execPath, [join(cliDir, "bin/cli.js"), ...process.argv.slice(2)], {
  stdio: ["inherit", "pipe", "pipe"],
});

/** Passes lines through, dropping one box drawn with ╔ … ╚ that mentions Node.js 20. */
function filter(input, output) {
  let box = [];
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (line) => {
    if (box.length === 0 && !line.trimStart().startsWith("╔")) {
      output.write(`${line}\n`);
      return;
    }
    box.push(line);
    if (!line.trimStart().startsWith("╚")) return;
    const text = box.join("\n");
    if (!/Node\.js 20/.test(text)) output.write(`${text}\n`);
    box = [];
  });
  return new Promise((resolve) =>
    lines.on("close", () => {
      if (box.length > 0) output.write(`${box.join("\n")}\n`);
      resolve();
    }),
  );
}

const done = Promise.all([
  filter(child.stdout, process.stdout),
  filter(child.stderr, process.stderr),
]);
child.on("exit", async (code, signal) => {
  await done;
  process.exitCode = code ?? (signal ? 1 : 0);
});
