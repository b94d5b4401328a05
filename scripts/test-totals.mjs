#!/usr/bin/env node
// Sums the Vitest JSON reports of every workspace package (written to
// <package>/.test-results/vitest.json by vitest.shared.ts) and prints one line:
// "N passed, M failed" (plus ", K skipped" when some were). CI reads that line.
// Exit code: 1 when a test failed or a package that has tests wrote no report.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

for (const group of ["packages", "apps", "tests"]) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkgDir = join(dir, name);
    const pkgJson = join(pkgDir, "package.json");
    if (!existsSync(pkgJson)) continue;
    const { scripts = {} } = JSON.parse(readFileSync(pkgJson, "utf8"));
    if (!scripts.test) continue;
    const report = join(pkgDir, ".test-results", "vitest.json");
    if (!existsSync(report)) {
      missing.push(`${group}/${name}`);
      continue;
    }
    const result = JSON.parse(readFileSync(report, "utf8"));
    passed += result.numPassedTests ?? 0;
    failed += (result.numFailedTests ?? 0) + (result.numFailedTestSuites ?? 0);
    skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  }
}

if (missing.length > 0) console.log(`no test report from: ${missing.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || missing.length > 0 ? 1 : 0);
