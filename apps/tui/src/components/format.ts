import type { TokenUsage } from "@everruns/core";

/** `850ms`, `1.2s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
}

/** `1.2k in · 57 out tokens`. */
export function formatUsage(usage: TokenUsage): string {
  return `${compact(usage.input_tokens)} in · ${compact(usage.output_tokens)} out tokens`;
}

/** The last 8 characters of an id: the random part of a UUIDv7, so they tell sessions apart. */
export function shortId(id: string): string {
  return id.slice(-8);
}

function compact(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
