/**
 * Colors of the app. With `NO_COLOR` set (to anything but the empty string, see
 * https://no-color.org) every color is `undefined`, so Ink writes plain text.
 */
export interface Theme {
  readonly colorEnabled: boolean;
  readonly accent: string | undefined;
  readonly user: string | undefined;
  readonly agent: string | undefined;
  readonly success: string | undefined;
  readonly warning: string | undefined;
  readonly error: string | undefined;
  readonly muted: string | undefined;
}

/** Builds the theme for an environment (reads `NO_COLOR`). */
export function createTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  const colorEnabled = env.NO_COLOR === undefined || env.NO_COLOR === "";
  const pick = (color: string) => (colorEnabled ? color : undefined);
  return {
    colorEnabled,
    accent: pick("cyan"),
    user: pick("blueBright"),
    agent: pick("magentaBright"),
    success: pick("green"),
    warning: pick("yellow"),
    error: pick("red"),
    muted: pick("gray"),
  };
}

/**
 * Props for an Ink `<Text>` or `<Box>` color: `{ color }`, or nothing when colors are off
 * (Ink's props do not accept an explicit `undefined`).
 */
export function fg(color: string | undefined): { color?: string } {
  return color === undefined ? {} : { color };
}
