import { ApiProblem } from "../http/problem.js";

/** Longest normalized path accepted, in characters. */
export const MAX_PATH_LENGTH = 1024;
/** Deepest path accepted, in segments. */
export const MAX_PATH_DEPTH = 64;

/**
 * Normalizes an untrusted file-tree path to `/a/b`: a leading `/` is optional, `.` segments are
 * dropped and `..` pops a segment. Refused with a 400 problem (stable `code`): NUL or control
 * characters (`path_invalid_character`), empty segments such as `a//b` (`path_empty_segment`),
 * `..` that would climb above the root (`path_escapes_root`), more than {@link MAX_PATH_LENGTH}
 * characters or {@link MAX_PATH_DEPTH} segments (`path_too_long`), and `_` as the first segment,
 * which names the verbs under `fs/_/` (`path_reserved`). The root itself is `/` only when
 * `allowRoot` is set.
 */
export function normalizePath(raw: string, options: { allowRoot?: boolean } = {}): string {
  if (raw.length > MAX_PATH_LENGTH * 4) throw tooLong();
  // Control characters (NUL first of all) are never part of a file name we store.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    throw bad("path_invalid_character", "The path contains NUL or a control character.");
  }
  if (raw.includes("\\")) {
    throw bad("path_invalid_character", "The path contains a backslash; separate segments with /.");
  }
  const body = raw.startsWith("/") ? raw.slice(1) : raw;
  const trimmed = body.endsWith("/") ? body.slice(0, -1) : body;
  const segments: string[] = [];
  if (trimmed !== "") {
    for (const segment of trimmed.split("/")) {
      if (segment === "") {
        throw bad("path_empty_segment", "The path has an empty segment (two slashes in a row).");
      }
      if (segment === ".") continue;
      if (segment === "..") {
        if (segments.length === 0) {
          throw bad("path_escapes_root", "The path climbs above the root of the tree with '..'.");
        }
        segments.pop();
        continue;
      }
      segments.push(segment);
    }
  }
  if (segments.length === 0) {
    if (options.allowRoot) return "/";
    throw bad("path_required", "The path names the root of the tree; name a file or directory.");
  }
  if (segments.length > MAX_PATH_DEPTH) throw tooLong();
  if (segments[0] === "_") {
    throw bad("path_reserved", "'_' at the root is reserved for the verbs under fs/_/.");
  }
  const path = `/${segments.join("/")}`;
  if (path.length > MAX_PATH_LENGTH) throw tooLong();
  return path;
}

/** The parent directory of a normalized path (`/` for a top-level entry). */
export function parentOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

/** The last segment of a normalized path. */
export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Whether `path` is `root` or inside it. */
export function isWithin(path: string, root: string): boolean {
  return root === "/" || path === root || path.startsWith(`${root}/`);
}

function bad(code: string, detail: string): ApiProblem {
  return new ApiProblem(400, code, detail);
}

function tooLong(): ApiProblem {
  return bad(
    "path_too_long",
    `The path is longer than ${MAX_PATH_LENGTH} characters or ${MAX_PATH_DEPTH} segments.`,
  );
}
