import { render } from "ink";
import type { ChatController } from "./chat-controller.js";
import { ChatApp } from "./components/chat-app.js";
import type { InputHistoryStore } from "./input-history.js";
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, SHOW_CURSOR } from "./internal/ansi.js";

/** Frames per second Ink may draw at most. */
export const MAX_FPS = 30;

/** Streams the chat screen runs on. */
export interface ChatUiStreams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/**
 * Runs the chat screen until the user quits. Turns bracketed paste on for the session and
 * always restores the terminal (raw mode off, cursor shown, paste mode off), also when the
 * app throws or the process is signalled.
 */
export async function runChatUi(
  controller: ChatController,
  streams: ChatUiStreams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  options: {
    readonly pickSessionAtStart?: boolean;
    readonly history?: InputHistoryStore;
  } = {},
): Promise<void> {
  const { stdout } = streams;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (stdout.isTTY) stdout.write(BRACKETED_PASTE_OFF + SHOW_CURSOR);
  };
  process.once("exit", restore);
  if (stdout.isTTY) stdout.write(BRACKETED_PASTE_ON);
  const instance = render(
    <ChatApp
      controller={controller}
      pickSessionAtStart={options.pickSessionAtStart}
      history={options.history}
    />,
    {
      ...streams,
      exitOnCtrlC: false,
      maxFps: MAX_FPS,
      patchConsole: true,
    },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    instance.unmount();
    restore();
    process.off("exit", restore);
  }
}
