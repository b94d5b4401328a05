#!/usr/bin/env node
// Copies the bundled spec (../../openapi/dist/openapi.json, written by `redocly bundle` from the
// split sources in openapi/) into src/generated/openapi.json, which the dev server serves at
// GET /openapi.json and validates requests against. The output is deterministic (same spec in,
// same bytes out) so `generate:check` can diff it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, "../../../openapi/dist/openapi.json");
const target = resolve(here, "../src/generated/openapi.json");

const spec = JSON.parse(readFileSync(source, "utf8"));
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(spec, null, 2)}\n`);
console.log("wrote src/generated/openapi.json");
