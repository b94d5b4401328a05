const brand = Symbol.for("everruns.error");

/**
 * Base class of every error the SDK throws.
 *
 * Use {@link EverrunsError.isInstance} rather than `instanceof` when two copies of the
 * SDK may be installed side by side: the check relies on a global symbol, not on class identity.
 */
export class EverrunsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EverrunsError";
    Object.defineProperty(this, brand, { value: true });
  }

  /** True when `value` is an error thrown by any copy of this SDK. */
  static isInstance(value: unknown): value is EverrunsError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[brand] === true
    );
  }
}
