import { DEFAULT_DISCONNECT_RETRY_MS } from "./reconnect-delay.js";

/** A `disconnecting` control frame, as {@link parseDisconnecting} reads it. */
export interface DisconnectingFrame {
  /** Why the server ends the connection, e.g. `connection_cycle`; `"unknown"` when not said. */
  reason: string;
  /** How long to wait before reconnecting, in ms. */
  retryMs: number;
}

/**
 * Reads the data of a `disconnecting` frame (`{"reason":"connection_cycle","retry_ms":100}`).
 * Never throws: the frame announces a planned close whatever its body says, so a missing
 * `reason` becomes `"unknown"`, and a `retry_ms` that is absent, negative, not a finite number,
 * or a body that is not JSON at all, gives the default wait of 100 ms.
 */
export function parseDisconnecting(data: string): DisconnectingFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = undefined;
  }
  const body =
    typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const reason = typeof body.reason === "string" && body.reason !== "" ? body.reason : "unknown";
  const retry = body.retry_ms;
  const retryMs =
    typeof retry === "number" && Number.isFinite(retry) && retry >= 0
      ? Math.round(retry)
      : DEFAULT_DISCONNECT_RETRY_MS;
  return { reason, retryMs };
}
