import type { Context } from "hono";
import { assertJsonTextDepth } from "./json-depth.js";
import { ApiProblem } from "./problem.js";

/** Largest request body accepted, in bytes (1 MiB); larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON request body: 415 `unsupported_media_type` unless the content type is JSON,
 * 400 `invalid_json` when it is empty or does not parse, 400 `json_too_deep` past 64 levels. The parser's message is not echoed
 * (it quotes the body, which may hold a secret); only the position is.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = mediaType(c.req.header("content-type"));
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new ApiProblem(
      415,
      "unsupported_media_type",
      type
        ? `Content-Type "${type}" is not supported here: send application/json.`
        : "Missing Content-Type: send the body as application/json.",
    );
  }
  const text = await c.req.text();
  if (text.trim() === "") {
    throw new ApiProblem(400, "invalid_json", "The request body is empty: send a JSON object.");
  }
  assertJsonTextDepth(text);
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    throw new ApiProblem(
      400,
      "invalid_json",
      `The request body is not valid JSON${position ? ` (error at character ${position})` : ""}.`,
    );
  }
}

/** Reads a text request body (agent definitions); 415 for binary or form content types. */
export async function readTextBody(c: Context): Promise<string> {
  const type = mediaType(c.req.header("content-type"));
  const textual =
    type === "" ||
    type.startsWith("text/") ||
    ["application/json", "application/yaml", "application/x-yaml"].includes(type);
  if (!textual) {
    throw new ApiProblem(
      415,
      "unsupported_media_type",
      `Content-Type "${type}" is not supported here: send the definition as text/plain or text/markdown.`,
    );
  }
  return c.req.text();
}

function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
