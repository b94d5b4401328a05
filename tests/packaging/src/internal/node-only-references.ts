import { isBuiltin } from "node:module";
import ts from "typescript";

/** Globals that exist only in Node (or Node-compatible runtimes), never in browsers. */
const NODE_GLOBALS = new Set([
  "process",
  "Buffer",
  "global",
  "require",
  "module",
  "__dirname",
  "__filename",
  "setImmediate",
]);

/** One use of something Node-only, with its 1-based line. */
export interface NodeOnlyReference {
  line: number;
  what: string;
}

/**
 * Finds what in a JavaScript module would not run outside Node: references to Node's globals
 * (`process`, `Buffer`, `require`, ... also as `globalThis.process`) and imports of Node's
 * built-in modules (`node:fs`, `fs`, dynamic `import()` too). Parses the code, so comments
 * and strings that merely mention these words do not count. In a bundle, a reference inside
 * a dependency's code (esbuild heads each module with a `// path` comment) is named with the
 * package it comes from: `process (openapi-fetch)`.
 */
export function findNodeOnlyReferences(fileName: string, code: string): NodeOnlyReference[] {
  const source = ts.createSourceFile(
    fileName,
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const found: NodeOnlyReference[] = [];
  const origins = bundledOrigins(code);
  const report = (node: ts.Node, what: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const origin = origins.findLast((o) => o.line <= line)?.dependency;
    found.push({ line, what: origin ? `${what} (${origin})` : what });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text) && isReference(node)) {
      report(node, node.text);
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "globalThis" &&
      NODE_GLOBALS.has(node.name.text)
    ) {
      report(node, `globalThis.${node.name.text}`);
    }
    const specifier = moduleSpecifier(node);
    if (specifier !== undefined && isBuiltin(specifier)) report(node, `import "${specifier}"`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// An identifier that reads a variable, as opposed to naming a property or declaring something.
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isImportSpecifier(parent) ||
      ts.isExportSpecifier(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  return true;
}

function moduleSpecifier(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const [first] = node.arguments;
    return first && ts.isStringLiteralLike(first) ? first.text : undefined;
  }
  return undefined;
}

/**
 * The module headers esbuild writes into a bundle (`// src/client.ts`,
 * `// ../../node_modules/.pnpm/x@1.0.0/node_modules/x/dist/index.mjs`), with the dependency's
 * name for code that comes from node_modules.
 */
function bundledOrigins(code: string): { line: number; dependency: string | undefined }[] {
  const origins: { line: number; dependency: string | undefined }[] = [];
  for (const [index, text] of code.split("\n").entries()) {
    const header = /^\/\/ (\S+\.[cm]?[jt]sx?)$/.exec(text);
    if (!header?.[1]) continue;
    const dependency = /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\/(?!.*node_modules\/)/.exec(
      header[1],
    );
    origins.push({ line: index + 1, dependency: dependency?.[1] });
  }
  return origins;
}
