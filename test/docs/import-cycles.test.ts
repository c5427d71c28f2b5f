/**
 * No import cycle under src/ (issue 17): every import, export-from, import-require, side-effect import
 * and dynamic import() of every src/**\/*.ts(x) file is resolved with the TypeScript compiler's module
 * resolution (tsconfig.json's options), and the graph of src/ files these runtime imports make must have
 * no strongly connected component of more than one file nor a file that imports itself. Type-only
 * imports (`import type`, `export type`, an import whose every name is `type`, `import("…")` types) are
 * erased by the compiler and do not count: src/engine's types.ts and the rules refer to each other's
 * types that way. An import without `type` counts even when the compiler would elide it (the check
 * errs on the strict side).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { ROOT } from "./markdown";

const SRC = path.join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
    });
}

/** An import or export-from that the compiler erases: `import type`, `export type`, or named
 *  bindings that are all marked `type`. */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const names = node.exportClause;
    return (
      names !== undefined &&
      ts.isNamedExports(names) &&
      names.elements.length > 0 &&
      names.elements.every((e) => e.isTypeOnly)
    );
  }
  const clause = node.importClause;
  if (!clause) return false; // import "./side-effect"
  if (clause.isTypeOnly) return true;
  const names = clause.namedBindings;
  return (
    clause.name === undefined &&
    names !== undefined &&
    ts.isNamedImports(names) &&
    names.elements.length > 0 &&
    names.elements.every((e) => e.isTypeOnly)
  );
}

/** The module specifiers a file imports at run time: imports, export-froms, import-requires and
 *  import() calls, without the type-only ones. */
function specifiers(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!typeOnly(node)) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      out.push(node.arguments[0].text);
    else if (
      ts.isImportEqualsDeclaration(node) &&
      !node.isTypeOnly &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    )
      out.push(node.moduleReference.expression.text);
    node.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** Files with more than one member in a strongly connected component of the graph (Tarjan), and
 *  files that import themselves: each cycle as its sorted list of files. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexOf.has(v)) connect(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

function srcGraph(): { graph: Map<string, string[]>; edges: number } {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.json unreadable");
  const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");
  const graph = new Map<string, string[]>();
  let edges = 0;
  for (const file of sourceFiles(SRC)) {
    const targets: string[] = [];
    for (const spec of specifiers(file, readFileSync(file, "utf8"))) {
      const resolved = ts.resolveModuleName(spec, file, config.options, ts.sys).resolvedModule;
      if (spec.startsWith(".") && !resolved)
        throw new Error(`${rel(file)}: cannot resolve ${JSON.stringify(spec)}`);
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = path.resolve(resolved.resolvedFileName);
      if (!target.startsWith(SRC + path.sep)) continue;
      targets.push(rel(target));
      edges++;
    }
    graph.set(rel(file), [...new Set(targets)]);
  }
  return { graph, edges };
}

describe("imports under src/", () => {
  it("form no cycle", () => {
    const { graph, edges } = srcGraph();
    // The walk sees the project: many files, many resolved imports, the known ones among them.
    expect(graph.size).toBeGreaterThan(50);
    expect(edges).toBeGreaterThan(100);
    expect(graph.get("src/host/memory/sheet.ts")).toContain("src/host/memory/range.ts");
    expect(cycles(graph)).toEqual([]);
  });

  it("the cycle finder finds a cycle in a small graph, and a self-import, and nothing in a tree", () => {
    const withCycle = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts", "d.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", []],
      ["e.ts", ["e.ts"]],
    ]);
    expect(cycles(withCycle)).toEqual([["a.ts", "b.ts", "c.ts"], ["e.ts"]]);
    const tree = new Map([
      ["a.ts", ["b.ts", "c.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", []],
    ]);
    expect(cycles(tree)).toEqual([]);
  });

  it("reads every kind of run-time import and leaves out the type-only ones", () => {
    const text = [
      `import { a } from "./a";`,
      `import type { B } from "./b";`,
      `export { c } from "./c";`,
      `export * from "./d";`,
      `const e = await import("./e");`,
      `let f: import("./f").F;`,
      `import g = require("./g");`,
      `import "./h";`,
      `import { type I } from "./i";`,
      `import { type J, j } from "./j";`,
      `export type { K } from "./k";`,
      `import L, { type M } from "./l";`,
    ].join("\n");
    expect(specifiers("x.ts", text)).toEqual(["./a", "./c", "./d", "./e", "./g", "./h", "./j", "./l"]);
  });
});
