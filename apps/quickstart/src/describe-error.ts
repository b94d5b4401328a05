import {
  AbortError,
  ApiError,
  AuthenticationError,
  ConnectionError,
  EverrunsError,
  PermissionDeniedError,
  TimeoutError,
  ValidationError,
} from "@everruns/core";
import { TurnFailedError } from "@everruns/streaming";
import { plain } from "./terminal-style.js";

/**
 * One clear line for any failure of the quickstart, never a stack trace. `timedOut` tells
 * an abort caused by our own `--timeout` from any other.
 */
export function describeError(
  error: unknown,
  context: { baseUrl: string; timeoutMs: number; timedOut: boolean },
): string {
  const seconds = Math.round(context.timeoutMs / 100) / 10;
  if (context.timedOut || error instanceof TimeoutError) {
    return `Timed out after ${seconds} s waiting for ${context.baseUrl} (raise it with --timeout).`;
  }
  if (error instanceof TurnFailedError) {
    return `The turn failed: ${plain(error.error)}${error.errorCode ? ` (${error.errorCode})` : ""}.`;
  }
  if (error instanceof AuthenticationError) {
    return `The server refused the API key (401 ${plain(error.title)}). Check EVERRUNS_API_KEY or --key.`;
  }
  if (error instanceof PermissionDeniedError) {
    return `The API key may not do this (403 ${plain(error.title)}). Check EVERRUNS_ORG_ID and the key's organization.`;
  }
  if (error instanceof ApiError) return `The server answered ${plain(error.message)}.`;
  if (error instanceof ConnectionError) {
    return `Could not reach ${context.baseUrl}: ${plain(error.message)}. Is the server running?`;
  }
  if (error instanceof AbortError) return "Stopped.";
  if (error instanceof ValidationError) return plain(error.message);
  if (EverrunsError.isInstance(error)) return plain(error.message);
  return `Unexpected error: ${plain(error instanceof Error ? error.message : String(error))}`;
}
