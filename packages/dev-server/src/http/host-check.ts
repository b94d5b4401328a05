import { isIP } from "node:net";
import type { MiddlewareHandler } from "hono";
import { ApiProblem } from "./problem.js";

/** Which `Host` headers the server answers: a list of names, or `true` for any. */
export type AllowedHosts = readonly string[] | true;

/**
 * Refuses requests whose `Host` names a host the server was not started for, with 403
 * `host_not_allowed`: the defence against DNS rebinding, where a web page on a name the
 * attacker controls is re-pointed at 127.0.0.1 and drives the local server with the default
 * key. As Vite and webpack-dev-server do, always allowed are IP literals (a rebinding attack
 * needs a name), `localhost` and `*.localhost`, and `configuredHost`; `allowed` adds names
 * (a leading `.` allows subdomains too) or, as `true`, turns the check off.
 */
export function hostCheck(configuredHost: string, allowed: AllowedHosts): MiddlewareHandler {
  const names = allowed === true ? [] : allowed.map((name) => name.toLowerCase());
  const configured = configuredHost.toLowerCase();
  return async (c, next) => {
    if (allowed === true) return next();
    const hostname = hostnameOf(c.req.header("host") ?? "");
    if (hostname !== undefined && isAllowed(hostname, configured, names)) return next();
    return new ApiProblem(
      403,
      "host_not_allowed",
      `Requests for host "${(c.req.header("host") ?? "").slice(0, 100)}" are not allowed: the dev server answers loopback hosts and ${configuredHost}. Start it with --allowed-host <name> to add one.`,
    ).toResponse();
  };
}

function isAllowed(hostname: string, configured: string, names: readonly string[]): boolean {
  if (isIP(hostname) !== 0) return true;
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  if (hostname === configured) return true;
  return names.some((name) =>
    name.startsWith(".")
      ? hostname === name.slice(1) || hostname.endsWith(name)
      : hostname === name,
  );
}

// The name of a Host header: lower case, without port, brackets or a trailing dot.
function hostnameOf(header: string): string | undefined {
  const value = header.trim().toLowerCase();
  if (value === "") return undefined;
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    return end > 0 ? value.slice(1, end) : undefined;
  }
  const name = value.replace(/:\d*$/, "").replace(/\.$/, "");
  return name === "" ? undefined : name;
}
