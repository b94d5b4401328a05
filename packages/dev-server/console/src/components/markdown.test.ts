import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown.tsx";

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("Markdown", () => {
  it("renders headings, lists, fenced code, inline code, bold and links", () => {
    const html = render(
      "# Title\n\n- **bold** and `code`\n- [docs](https://example.com)\n\n```ts\nconst a = 1;\n```\n\n1. first",
    );
    expect(html).toContain("<h3>Title</h3>");
    expect(html).toContain("<ul><li><strong>bold</strong> and <code>code</code></li>");
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noreferrer noopener">docs</a>',
    );
    expect(html).toContain('<pre class="code"><code>const a = 1;</code></pre>');
    expect(html).toContain("<ol><li>first</li></ol>");
  });

  it("never turns message text into markup or script links", () => {
    const html = render('<img src=x onerror="alert(1)"> [click](javascript:alert(1))');
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("click");
  });
});
