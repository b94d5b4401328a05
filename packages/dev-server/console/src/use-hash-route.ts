import { useEffect, useState } from "react";

/** A page of the console, parsed from the URL's hash. */
export type Route =
  | { page: "agents" }
  | { page: "sessions" }
  | { page: "session"; sessionId: string };

/** Parses `#/agents`, `#/sessions` and `#/sessions/<id>`; anything else is the sessions list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "agents") return { page: "agents" };
  if (parts[0] === "sessions" && parts[1]) return { page: "session", sessionId: parts[1] };
  return { page: "sessions" };
}

/** The link of a route. */
export function hrefOf(route: Route): string {
  return route.page === "session"
    ? `#/sessions/${encodeURIComponent(route.sessionId)}`
    : `#/${route.page}`;
}

/** The current route; follows hash changes (links and the back button). */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
