import { ValidationError } from "../errors/client-errors.js";

/** How much the SDK logs: nothing (`off`, the default) up to every request (`debug`). */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go: `console`, pino, winston or any object with these four methods. */
export interface Logger {
  /** Something failed and the SDK could not recover. */
  error(message: string, ...details: unknown[]): void;
  /** Something unexpected the SDK worked around. */
  warn(message: string, ...details: unknown[]): void;
  /** A retry, a stream reconnect. */
  info(message: string, ...details: unknown[]): void;
  /** One line per HTTP attempt. */
  debug(message: string, ...details: unknown[]): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** The log levels by name, for validating options and `EVERRUNS_LOG`. */
export const LOG_LEVELS = Object.keys(RANK) as LogLevel[];

/** Throws {@link ValidationError} unless `value` is a {@link LogLevel} (case-insensitive). */
export function parseLogLevel(value: string, source: string): LogLevel {
  const level = value.trim().toLowerCase();
  if (level in RANK) return level as LogLevel;
  throw new ValidationError(
    `${source} must be one of ${LOG_LEVELS.join(", ")}; got "${value.slice(0, 40)}"`,
    source,
  );
}

const silent = (): void => {};

/**
 * A {@link Logger} that passes to `sink` only the lines at `level` or more severe; the others
 * are no-ops, so disabled logging costs one function call.
 */
export function leveledLogger(level: LogLevel, sink: Logger): Logger {
  const pass = (name: Exclude<LogLevel, "off">) =>
    RANK[level] >= RANK[name] ? sink[name].bind(sink) : silent;
  return { error: pass("error"), warn: pass("warn"), info: pass("info"), debug: pass("debug") };
}
