import type { TranscriptItem } from "./transcript-item.js";

/**
 * The transcript as Markdown, for `/export`: user messages as quotes, replies as they were
 * written, tool calls and files as list lines, notices and thinking left out.
 */
export function transcriptMarkdown(items: readonly TranscriptItem[], title: string): string {
  const parts: string[] = [`# ${title}`];
  let reply = "";
  const flush = () => {
    if (reply.trim()) parts.push(reply.trim());
    reply = "";
  };
  for (const item of items) {
    if (item.kind === "agent") {
      // Chunks of one message were cut at split points: they join back as they are.
      if (!item.continued) flush();
      reply += item.markdown;
      continue;
    }
    flush();
    switch (item.kind) {
      case "user":
        parts.push(
          item.text
            .split("\n")
            .map((line) => `> ${line}`)
            .join("\n"),
        );
        break;
      case "tool":
        parts.push(
          `- tool \`${item.name}\`${item.argsSummary ? ` (${item.argsSummary})` : ""}: ${item.status}${item.detail ? `, ${item.detail}` : ""}`,
        );
        break;
      case "file":
        parts.push(`- ${item.created ? "created" : "wrote"} \`${item.path}\``);
        break;
      case "error":
        parts.push(`- error: ${item.message}`);
        break;
      default:
        break;
    }
  }
  flush();
  return `${parts.join("\n\n")}\n`;
}
