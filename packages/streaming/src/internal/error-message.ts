/** A thrown value as a short message for the model (never a stack). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
