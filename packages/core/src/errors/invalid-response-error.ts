import { EverrunsError } from "./everruns-error.js";

/**
 * The server answered with a success status but the body is not the JSON the API sends: an
 * HTML page (a proxy, a captive portal, a wrong `baseUrl`) or JSON cut off by a closed
 * connection. The body is never quoted in the message: it may be a whole web page.
 */
export class InvalidResponseError extends EverrunsError {
  /** The response's HTTP status code. */
  readonly status: number;
  /** The response's `Content-Type`, if any. */
  readonly contentType: string | undefined;
  /** The `x-request-id` response header, to quote when asking for support. */
  readonly requestId: string | undefined;

  constructor(
    message: string,
    init: { status: number; headers: Headers },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "InvalidResponseError";
    this.status = init.status;
    this.contentType = init.headers.get("content-type") ?? undefined;
    this.requestId =
      init.headers.get("x-request-id") ?? init.headers.get("request-id") ?? undefined;
  }
}
