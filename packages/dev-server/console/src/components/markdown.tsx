import { Fragment, type ReactNode } from "react";

/**
 * Renders the markdown agents write, simply: headings, paragraphs, bullet and numbered
 * lists, fenced code, inline code, bold, italics and http(s) links. It builds React elements
 * (never HTML strings), so nothing in a message can inject markup or script.
 */
export function Markdown({ text }: { text: string }) {
  return <div className="markdown">{blocks(text)}</div>;
}

function blocks(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? "").startsWith("```")) code.push(lines[i++] ?? "");
      i++;
      out.push(
        <pre key={out.length} className="code">
          <code>{code.join("\n")}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min((heading[1] ?? "#").length + 2, 6);
      const Tag = `h${level}` as "h3";
      out.push(<Tag key={out.length}>{inline(heading[2] ?? "")}</Tag>);
      i++;
      continue;
    }
    const listKind = /^\s*[-*+]\s+/.test(line) ? "ul" : /^\s*\d+[.)]\s+/.test(line) ? "ol" : null;
    if (listKind) {
      const pattern = listKind === "ul" ? /^\s*[-*+]\s+/ : /^\s*\d+[.)]\s+/;
      const entries: ReactNode[] = [];
      while (i < lines.length && pattern.test(lines[i] ?? "")) {
        entries.push(<li key={entries.length}>{inline((lines[i] ?? "").replace(pattern, ""))}</li>);
        i++;
      }
      const List = listKind;
      out.push(<List key={out.length}>{entries}</List>);
      continue;
    }
    if (line.trim() === "") {
      i++;
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? "").trim() !== "" &&
      !/^(```|#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s)/.test(lines[i] ?? "")
    ) {
      paragraph.push(lines[i++] ?? "");
    }
    out.push(<p key={out.length}>{inline(paragraph.join("\n"))}</p>);
  }
  return out;
}

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*|\[[^\]]+\]\([^)\s]+\))/g;

function inline(text: string): ReactNode[] {
  return text.split(INLINE).map((piece, index) => {
    const key = index;
    if (piece.startsWith("`") && piece.endsWith("`") && piece.length > 1) {
      return <code key={key}>{piece.slice(1, -1)}</code>;
    }
    if (piece.startsWith("**") && piece.endsWith("**") && piece.length > 4) {
      return <strong key={key}>{piece.slice(2, -2)}</strong>;
    }
    if (piece.startsWith("*") && piece.endsWith("*") && piece.length > 2) {
      return <em key={key}>{piece.slice(1, -1)}</em>;
    }
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(piece);
    if (link) {
      const href = link[2] ?? "";
      return /^https?:\/\//i.test(href) ? (
        <a key={key} href={href} target="_blank" rel="noreferrer noopener">
          {link[1]}
        </a>
      ) : (
        <Fragment key={key}>{link[1]}</Fragment>
      );
    }
    return <Fragment key={key}>{piece}</Fragment>;
  });
}
