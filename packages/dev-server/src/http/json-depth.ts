import { ApiProblem } from "./problem.js";

/**
 * Deepest nesting of objects and arrays a request body may have. Real documents (hints, tool
 * parameter schemas, agent definitions) stay far below it; SQLite's JSON functions fail past
 * 1,000 levels and JSON.parse and the validator recurse, so without a bound a deep body could
 * be stored and then make every read that touches it fail.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Throws a 400 `json_too_deep` when JSON text nests objects and arrays deeper than
 * {@link MAX_JSON_DEPTH}. It scans the text once, before parsing, so a hostile body costs a
 * loop over its bytes, not a deep recursion.
 */
export function assertJsonTextDepth(text: string, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > max) throw tooDeep(max);
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
}

/** Throws a 400 `json_too_deep` when a parsed value nests deeper than {@link MAX_JSON_DEPTH}. */
export function assertValueDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  // Iterative, so that the check itself cannot overflow the stack.
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [current, depth] = item;
    if (current === null || typeof current !== "object") continue;
    if (depth + 1 > max) throw tooDeep(max);
    for (const inner of Object.values(current)) stack.push([inner, depth + 1]);
  }
}

function tooDeep(max: number): ApiProblem {
  return new ApiProblem(
    400,
    "json_too_deep",
    `The document nests objects and arrays more than ${max} levels deep; at most ${max} are allowed.`,
  );
}
