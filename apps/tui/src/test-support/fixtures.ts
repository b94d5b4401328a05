import { readFileSync } from "node:fs";
import type { SessionEvent } from "@everruns/core";

/** Reads a recorded event sequence from `src/state/__fixtures__`. */
export function readFixture<T = SessionEvent[]>(name: string): T {
  const url = new URL(`../state/__fixtures__/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as T;
}

/** Waits for Ink to process input and render (a few event loop turns). */
export function tick(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
