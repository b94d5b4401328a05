import { EverrunsError } from "@everruns/core";

/** A short, readable sentence for an error shown in the page (never the key). */
export function describeError(error: unknown): string {
  if (EverrunsError.isInstance(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
