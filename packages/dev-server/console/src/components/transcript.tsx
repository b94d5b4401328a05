import { memo, useEffect, useRef } from "react";
import type { TranscriptItem } from "../lib/build-transcript.ts";
import { Markdown } from "./markdown.tsx";

/** The conversation: messages as markdown, thinking, tool cards, files and turn endings. */
export function Transcript({ items }: { items: readonly TranscriptItem[] }) {
  const end = useRef<HTMLDivElement>(null);
  const last = items.at(-1);
  const lastText = last && "text" in last ? last.text : "";
  // Braces matter: recent Chromium's scrollIntoView returns a promise, which React would take
  // for a clean-up function.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the tail grows
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [items.length, lastText]);
  return (
    <section className="transcript" aria-label="Transcript">
      {items.length === 0 && <p className="muted">Nothing said yet: send a message below.</p>}
      {items.map((item) => (
        <Item key={item.key} item={item} text={"text" in item ? item.text : ""} />
      ))}
      <div ref={end} />
    </section>
  );
}

// `text` is passed on its own so memo re-renders a block only when its text changed.
const Item = memo(function Item({ item }: { item: TranscriptItem; text: string }) {
  switch (item.kind) {
    case "user":
      return (
        <article className="bubble user" data-kind="user">
          <header>You</header>
          <Markdown text={item.text} />
        </article>
      );
    case "assistant":
      return (
        <article className="bubble agent" data-kind="agent" aria-busy={item.streaming}>
          <header>Agent{item.streaming ? " · streaming…" : ""}</header>
          <Markdown text={item.text} />
        </article>
      );
    case "thinking":
      return (
        <details className="thinking" data-kind="thinking">
          <summary>Thinking</summary>
          <p>{item.text}</p>
        </details>
      );
    case "tool":
      return (
        <details className={`tool-card tool-${item.status}`} data-kind="tool">
          <summary>
            Tool <code>{item.name}</code> <span className="badge">{item.status}</span>
          </summary>
          {item.args !== undefined && (
            <pre className="code">{JSON.stringify(item.args, null, 2)}</pre>
          )}
          {item.result && <pre className="code">{item.result}</pre>}
        </details>
      );
    case "file":
      return (
        <p className="file-written" data-kind="file">
          Wrote <code>{item.path}</code>
        </p>
      );
    case "notice":
      return (
        <p className={`notice ${item.tone}`} data-kind="notice">
          {item.text}
        </p>
      );
  }
});
