/**
 * A short, single-line summary of tool call arguments for a card: `path=src/a.ts, limit=20`.
 * Strings are quoted only when they contain spaces; nested values are shown as JSON; the
 * whole summary is cut to `maxLength` (default 60) with an ellipsis.
 */
export function summarizeArguments(args: unknown, maxLength = 60): string {
  if (args === null || args === undefined) return "";
  let summary: string;
  if (typeof args === "object" && !Array.isArray(args)) {
    summary = Object.entries(args as Record<string, unknown>)
      .map(([key, value]) => `${key}=${formatValue(value)}`)
      .join(", ");
  } else {
    summary = formatValue(args);
  }
  summary = summary.replace(/\s+/g, " ").trim();
  return summary.length > maxLength ? `${summary.slice(0, maxLength - 1)}…` : summary;
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  if (value === undefined) return "undefined";
  return JSON.stringify(value) ?? String(value);
}
