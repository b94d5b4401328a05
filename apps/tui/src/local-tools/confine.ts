import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * Resolves `path` (relative to the first root) and checks that it stays inside one of
 * `roots`, after following symbolic links, so `../` or a link cannot reach elsewhere.
 * Throws an error the model can read when it does not.
 */
export function confinePath(path: string, roots: readonly string[]): string {
  const [base] = roots;
  if (base === undefined) throw new Error("No folder is open to local tools.");
  const wanted = resolve(base, path || ".");
  let real: string;
  try {
    real = realpathSync(wanted);
  } catch {
    // A missing file cannot escape through a link; report it as missing where it was asked.
    real = wanted;
  }
  for (const root of roots) {
    const rel = relative(realOrSelf(root), real);
    if (rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel)))
      return real;
  }
  throw new Error(
    `${path} is outside the folders local tools may use (${roots.join(", ")}); start everruns-tui with --allow-dir to widen them.`,
  );
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
