/**
 * Reads an environment variable where the runtime has one (Node, Bun, Deno with
 * permissions, edge runtimes that polyfill `process.env`), and `undefined` elsewhere
 * (browsers). This is the only module of `@everruns/core` that looks at `process`.
 *
 * Empty strings count as unset, so `EVERRUNS_API_KEY=` behaves like no key.
 */
export function readEnv(name: string): string | undefined {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  const value = processLike?.env?.[name]?.trim();
  return value ? value : undefined;
}
