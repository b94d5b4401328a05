import type { TokenUsage } from "@everruns/core";

/** `850ms`, `1.2s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
}

/** `512 B`, `1.2 KB`, `3.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `1.2k in · 57 out tokens`, plus ` · $0.0031` when the server reports a cost. */
export function formatUsage(usage: TokenUsage): string {
  const tokens = `${compact(usage.input_tokens)} in · ${compact(usage.output_tokens)} out tokens`;
  const cost = usage.effective_cost_usd ?? usage.actual_cost_usd ?? usage.estimated_cost_usd;
  return cost != null && Number.isFinite(cost) ? `${tokens} · ${formatCost(cost)}` : tokens;
}

/** `$0.0031`, `$1.25`: at least two significant digits for small amounts. */
export function formatCost(usd: number): string {
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd === 0) return "$0";
  return `$${usd.toPrecision(2).replace(/0+$/, "").replace(/\.$/, "")}`;
}

/** The last 8 characters of an id: the random part of a UUIDv7, so they tell sessions apart. */
export function shortId(id: string): string {
  return id.slice(-8);
}

function compact(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
