/**
 * Hides a credential for display: at most its first 8 characters, then an ellipsis.
 * Short values are hidden completely, so that a short token is never printed whole.
 */
export function redactSecret(secret: string | undefined): string {
  if (!secret) return "(none)";
  if (secret.length <= 12) return "***";
  return `${secret.slice(0, 8)}…`;
}
