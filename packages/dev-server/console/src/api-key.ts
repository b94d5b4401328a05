// Where the console keeps the API key: sessionStorage, so it lives as long as the tab and is
// never written to the URL, the history or a cookie.
const STORAGE_KEY = "everruns-console:api-key";

/** The key this tab signed in with, if any. */
export function storedApiKey(): string | undefined {
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

/** Remembers the key for this tab. */
export function storeApiKey(apiKey: string): void {
  sessionStorage.setItem(STORAGE_KEY, apiKey);
}

/** Forgets the key (sign out). */
export function forgetApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * Signs in with the one-time `?token=` of the URL the dev server printed, when there is one.
 * The token leaves the address bar (replaceState) before it is even sent, so neither it nor
 * the key ever stays in the history. Resolves with the key, or `undefined` when there was no
 * token or the server refused it (spent, or from an earlier run of the server).
 */
export async function redeemUrlToken(): Promise<string | undefined> {
  const url = new URL(window.location.href);
  const token = url.searchParams.get("token");
  if (token === null) return undefined;
  url.searchParams.delete("token");
  window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash || "#/sessions"}`);
  const response = await fetch("/console/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { api_key?: unknown };
  if (typeof body.api_key !== "string") return undefined;
  storeApiKey(body.api_key);
  return body.api_key;
}
