import { HOSTED_BASE_URL, isHostedBaseUrl, normalizeBaseUrl } from "@everruns/core";

/** The notebook's refusal, printed before anything is sent. */
export const MISSING_KEY_MESSAGE =
  "Set EVERRUNS_API_KEY before running this notebook against app.everruns.com.";

/** Where the quickstart will send its requests. */
export type Connection = { kind: "embedded" } | { kind: "remote"; baseUrl: string; apiKey: string };

/** Thrown when the configuration cannot work (hosted API without a key). */
export class ConfigurationError extends Error {}

/**
 * Decides the connection like the notebook: flags win over `EVERRUNS_API_URL` /
 * `EVERRUNS_API_KEY`; the hosted API needs a key; any other URL takes `dev` when none is
 * given. With no URL and no key at all (or `--local`), an embedded dev server is used.
 */
export function resolveConnection(
  flags: { url: string | undefined; key: string | undefined; local: boolean },
  env: NodeJS.ProcessEnv,
): Connection {
  const url = flags.url ?? (env.EVERRUNS_API_URL?.trim() || undefined);
  const key = flags.key ?? (env.EVERRUNS_API_KEY?.trim() || undefined);
  if (flags.local || (url === undefined && key === undefined)) return { kind: "embedded" };
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(url ?? HOSTED_BASE_URL);
  } catch {
    throw new ConfigurationError(`Not a valid API URL: "${url}"`);
  }
  if (isHostedBaseUrl(baseUrl) && !key) throw new ConfigurationError(MISSING_KEY_MESSAGE);
  return { kind: "remote", baseUrl, apiKey: key || "dev" };
}
