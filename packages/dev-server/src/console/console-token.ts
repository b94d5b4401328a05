import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The one-time token of the console URL the dev server prints (Jupyter's habit): whoever
 * opens that URL first exchanges the token for the API key; after that the token is spent, so
 * a URL left in a terminal's scrollback or a browser history opens nothing.
 */
export class ConsoleToken {
  /** The token to put in the printed URL. */
  readonly value = randomBytes(24).toString("base64url");
  #spent = false;

  /** True (once) when `given` is the token; spends it. Compared in constant time. */
  redeem(given: string): boolean {
    if (this.#spent) return false;
    if (!timingSafeEqual(digest(given), digest(this.value))) return false;
    this.#spent = true;
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
