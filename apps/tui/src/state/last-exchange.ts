import type { ChatState } from "./chat-state.js";
import type { TranscriptItem } from "./transcript-item.js";

/** The text of the last message the user sent in this session, for `/retry`. */
export function lastUserText(state: ChatState): string | undefined {
  const items = [...state.history, ...state.live];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind === "user") return item.text;
  }
  return undefined;
}

/**
 * The markdown of the agent's last reply, for `/copy`: the newest agent message, its
 * committed chunks joined back together.
 */
export function lastReplyText(state: ChatState): string | undefined {
  const items: readonly TranscriptItem[] = [...state.history, ...state.live];
  let text: string | undefined;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind !== "agent") {
      if (text !== undefined) break;
      continue;
    }
    // Chunks were cut from one text at split points: they join back without a separator.
    text = item.markdown + (text ?? "");
    if (!item.continued) break;
  }
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
