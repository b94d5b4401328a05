// marked-terminal ships no types; this declares the part the app uses.
declare module "marked-terminal" {
  import type { MarkedExtension } from "marked";

  export interface MarkedTerminalOptions {
    width?: number;
    reflowText?: boolean;
    tab?: number | string;
    emoji?: boolean;
    showSectionPrefix?: boolean;
    unescape?: boolean;
  }

  export function markedTerminal(
    options?: MarkedTerminalOptions,
    highlightOptions?: Record<string, unknown>,
  ): MarkedExtension;
}
