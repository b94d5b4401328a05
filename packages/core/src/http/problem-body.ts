import type { ProblemDetails } from "../types.js";
import { boundErrorValue, clip, MAX_DETAIL_CHARS, MAX_TITLE_CHARS } from "./bounded-error-body.js";

const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The standard reason phrase of an HTTP status, or a generic one. */
export function statusTitle(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? "Server Error" : "Request Failed");
}

/**
 * Turns the text of an error response into a problem document, whatever the server (or a
 * proxy in front of it) sent: a problem+json body is kept, plain JSON is mapped, and text is
 * kept as `detail` unless it is HTML, which is dropped so that a proxy's error page never
 * ends up in an exception message.
 */
export function toProblemDetails(status: number, statusText: string, text: string): ProblemDetails {
  const fallbackTitle = statusText.trim() || statusTitle(status);
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        return fromJsonObject(status, fallbackTitle, parsed as Record<string, unknown>);
      }
    } catch {
      // Not JSON after all: handled as text below.
    }
  }
  const problem: ProblemDetails = { title: fallbackTitle, status };
  if (trimmed && !looksLikeHtml(trimmed)) {
    problem.detail = clip(trimmed, MAX_DETAIL_CHARS);
  }
  return problem;
}

function fromJsonObject(
  status: number,
  fallbackTitle: string,
  body: Record<string, unknown>,
): ProblemDetails {
  const text = (key: string): string | undefined =>
    typeof body[key] === "string" && body[key] !== "" ? (body[key] as string) : undefined;
  // Some servers answer `{ "error": "..." }` or `{ "message": "..." }` instead of a problem.
  const title = clip(text("title") ?? fallbackTitle, MAX_TITLE_CHARS);
  const detail = text("detail") ?? text("message") ?? text("error");
  return {
    ...boundErrorValue(body),
    title,
    status: typeof body.status === "number" ? body.status : status,
    ...(detail !== undefined ? { detail: clip(detail, MAX_DETAIL_CHARS) } : {}),
  } as ProblemDetails;
}

function looksLikeHtml(text: string): boolean {
  return /^<(!doctype|html|head|body|\?xml)/i.test(text) || /<\/(html|body|div|p|h1)>/i.test(text);
}
