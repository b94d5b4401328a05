import { homedir } from "node:os";
import { join } from "node:path";

/** Name of the app's folder inside the user's data directory. */
export const APP_DIR_NAME = "everruns-tui";

/**
 * The folder where the app keeps what must outlive a run (the embedded dev server's
 * database): `$XDG_DATA_HOME/everruns-tui`, else `~/.local/share/everruns-tui` on Linux and
 * other Unix systems, `~/Library/Application Support/everruns-tui` on macOS, and
 * `%LOCALAPPDATA%\everruns-tui` (else `%APPDATA%`) on Windows. `XDG_DATA_HOME` wins on every
 * platform, so a test or a user can always choose the place.
 */
export function dataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  // The XDG spec says a relative path is invalid and must be ignored.
  if (xdg?.startsWith("/")) return join(xdg, APP_DIR_NAME);
  if (platform === "darwin") return join(home, "Library", "Application Support", APP_DIR_NAME);
  if (platform === "win32") {
    const base = env.LOCALAPPDATA?.trim() || env.APPDATA?.trim();
    return join(base || join(home, "AppData", "Local"), APP_DIR_NAME);
  }
  return join(home, ".local", "share", APP_DIR_NAME);
}

/** The embedded dev server's SQLite file inside {@link dataDir}. */
export function embeddedDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), "dev-server.sqlite");
}
