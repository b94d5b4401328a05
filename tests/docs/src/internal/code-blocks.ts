/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  /** The language: `ts`, `sh`, ... */
  lang: string;
  /** Words after the language: `continued`, `no-run`. */
  flags: string[];
  code: string;
  /** Text of an `<!-- output ends with: ... -->` comment right after the block, if any. */
  outputEndsWith: string | undefined;
}

const OUTPUT_COMMENT = /^<!--\s*output ends with:\s*(.*?)\s*-->$/;

/** The fenced code blocks of `markdown`, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)?(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i] ?? "");
    const after = OUTPUT_COMMENT.exec(lines[i + 1]?.trim() ?? "");
    blocks.push({
      line: start + 1,
      lang: open[1] ?? "",
      flags: (open[2] ?? "").trim().split(/\s+/).filter(Boolean),
      code: `${body.join("\n")}\n`,
      outputEndsWith: after?.[1],
    });
  }
  return blocks;
}

/** A TypeScript program made of one block and the blocks it continues. */
export interface Snippet {
  /** `README.md:17`, where its last block starts. */
  name: string;
  /** A file name for it: `streaming-readme-17.ts`. */
  fileName: string;
  source: string;
  run: boolean;
  outputEndsWith: string | undefined;
}

/**
 * The `ts` blocks of a README as programs. A block flagged `continued` is appended to the
 * program of the `ts` block before it (so it may use its variables), with the imports of both
 * merged at the top; `no-run` blocks are type-checked only.
 */
export function snippets(markdown: string, label: string): Snippet[] {
  const out: Snippet[] = [];
  let previous: { imports: string[]; body: string } | undefined;
  for (const block of codeBlocks(markdown)) {
    if (block.lang !== "ts") continue;
    const own = splitImports(block.code);
    const program = block.flags.includes("continued")
      ? {
          imports: [...(previous?.imports ?? []), ...own.imports],
          body: `${previous?.body ?? ""}\n${own.body}`,
        }
      : own;
    if (block.flags.includes("continued") && !previous)
      throw new Error(`${label}:${block.line}: a continued block needs a ts block before it`);
    previous = program;
    out.push({
      name: `${label}:${block.line}`,
      fileName: `${label.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${block.line}.ts`,
      source: `${mergeImports(program.imports).join("\n")}\n${program.body}\nexport {};\n`,
      run: !block.flags.includes("no-run"),
      outputEndsWith: block.outputEndsWith,
    });
  }
  return out;
}

/** Separates the leading `import` statements (one or several lines each) from the code. */
function splitImports(code: string): { imports: string[]; body: string } {
  const imports: string[] = [];
  const rest = code.replace(/^import\s[^;]*?from\s*"[^"]+";[^\n]*\n/gm, (statement) => {
    imports.push(statement.trim());
    return "";
  });
  return { imports, body: rest };
}

/** Merges `import { a } from "m"` statements of the same module, so continued blocks compile. */
function mergeImports(statements: string[]): string[] {
  const named = new Map<string, Set<string>>();
  const other = new Set<string>();
  for (const statement of statements) {
    const match = /^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";/.exec(statement.replace(/\s+/g, " "));
    if (!match) {
      other.add(statement);
      continue;
    }
    const names = named.get(match[2] ?? "") ?? new Set<string>();
    for (const name of (match[1] ?? "").split(",")) if (name.trim()) names.add(name.trim());
    named.set(match[2] ?? "", names);
  }
  return [
    ...[...named].map(([module, names]) => `import { ${[...names].join(", ")} } from "${module}";`),
    ...other,
  ];
}
