import { readEnv } from "./env.js";
import { ValidationError } from "./errors/client-errors.js";
import { assertSafeHeaders, assertSafeHeaderValue } from "./http/header-safety.js";
import { type Logger, type LogLevel, leveledLogger, parseLogLevel } from "./logging/logger.js";

/** The hosted Everruns API. */
export const HOSTED_BASE_URL = "https://app.everruns.com/api";

/** The API key a local dev server accepts. */
export const DEV_API_KEY = "dev";

/** Options of {@link Everruns}. Every one is optional; see each for its default. */
export interface EverrunsOptions {
  /**
   * The API token, sent as `Authorization: <token>`. Required for the hosted API; for any
   * other base URL it defaults to `"dev"`, the key a local dev server accepts.
   */
  apiKey?: string | undefined;
  /**
   * The API's base URL, without `/v1`. Default `https://app.everruns.com/api`. Trailing
   * slashes and a trailing `/v1` are removed.
   */
  baseUrl?: string | undefined;
  /** Organization to act in, sent as `X-Org-Id`. Needed by tokens that reach several. */
  orgId?: string | undefined;
  /** Retries of a failed request (see the retry policy in the README). Default 3. */
  maxRetries?: number | undefined;
  /** Timeout of each attempt in ms, headers and body included. Default 60 000; 0 disables it. */
  timeoutMs?: number | undefined;
  /** The `fetch` to use. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Extra headers for every request. */
  headers?: Record<string, string> | undefined;
  /**
   * How much the SDK logs: `off` (default), `error`, `warn`, `info` (retries, stream
   * reconnects) or `debug` (every request and response line: method, path, status, time,
   * attempt, request id). Default: `EVERRUNS_LOG` from the environment, else `off`.
   * Credentials are never logged.
   */
  logLevel?: LogLevel | undefined;
  /** Where log lines go: any object with `error`, `warn`, `info`, `debug`. Default `console`. */
  logger?: Logger | undefined;
}

/** {@link EverrunsOptions} with every default applied and every value checked. */
export interface ResolvedOptions {
  apiKey: string;
  baseUrl: string;
  orgId: string | undefined;
  maxRetries: number;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  headers: Record<string, string>;
  logLevel: LogLevel;
  /** The logger filtered by `logLevel`: a disabled level is a no-op. */
  log: Logger;
}

/** Removes trailing slashes and a trailing `/v1`, so that `{base}/v1/...` is always right. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url = baseUrl.trim().replace(/\/+$/, "");
  if (url.endsWith("/v1")) url = url.slice(0, -3).replace(/\/+$/, "");
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("protocol");
  } catch {
    throw new ValidationError(`baseUrl must be an http(s) URL, got "${baseUrl}"`, "baseUrl");
  }
  return url;
}

/** True for the hosted Everruns API (any `*.everruns.com` host). */
export function isHostedBaseUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === "everruns.com" || host.endsWith(".everruns.com");
}

/** Applies defaults and validates options; throws {@link ValidationError} before any I/O. */
export function resolveOptions(options: EverrunsOptions): ResolvedOptions {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? HOSTED_BASE_URL);
  let apiKey = options.apiKey?.trim();
  if (!apiKey) {
    if (isHostedBaseUrl(baseUrl)) {
      throw new ValidationError(
        `An API key is required for ${baseUrl}: pass { apiKey } or set EVERRUNS_API_KEY`,
        "apiKey",
      );
    }
    apiKey = DEV_API_KEY;
  }
  assertSafeHeaderValue("Authorization", apiKey);
  const orgId = options.orgId?.trim() || undefined;
  if (orgId) assertSafeHeaderValue("X-Org-Id", orgId);
  assertSafeHeaders(options.headers);
  const envLevel = readEnv("EVERRUNS_LOG");
  const logLevel: LogLevel =
    options.logLevel !== undefined
      ? parseLogLevel(options.logLevel, "logLevel")
      : envLevel !== undefined
        ? parseLogLevel(envLevel, "EVERRUNS_LOG")
        : "off";
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new ValidationError("No fetch implementation: pass { fetch } on this runtime", "fetch");
  }
  return {
    apiKey,
    baseUrl,
    orgId,
    maxRetries: nonNegativeInteger(options.maxRetries, 3, "maxRetries"),
    timeoutMs: nonNegativeInteger(options.timeoutMs, 60_000, "timeoutMs"),
    fetch: fetchImpl,
    headers: { ...options.headers },
    logLevel,
    log: leveledLogger(logLevel, options.logger ?? console),
  };
}

/** Checks a count or duration option: a finite integer ≥ 0, or the default when undefined. */
export function nonNegativeInteger(
  value: number | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new ValidationError(`${name} must be a whole number ≥ 0, got ${value}`, name);
  }
  return value;
}
