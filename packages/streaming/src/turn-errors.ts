import { EverrunsError } from "@everruns/core";

/** The turn ended with `turn.failed`: `error` says why, `errorCode` is its stable code. */
export class TurnFailedError extends EverrunsError {
  /** What went wrong, from the event's `error`. */
  readonly error: string;
  /** Stable snake_case code from the event's `error_code` (e.g. `model_error`), if any. */
  readonly errorCode: string | undefined;
  /** The turn that failed. */
  readonly turnId: string;

  constructor(init: { error: string; errorCode?: string | null | undefined; turnId: string }) {
    super(
      `Turn ${init.turnId} failed${init.errorCode ? ` (${init.errorCode})` : ""}: ${init.error}`,
    );
    this.name = "TurnFailedError";
    this.error = init.error;
    this.errorCode = init.errorCode ?? undefined;
    this.turnId = init.turnId;
  }
}
