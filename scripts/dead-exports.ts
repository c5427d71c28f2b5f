/**
 * Dead-export check (part of `npm run lint`): every export of a module under src/ must be imported by
 * some other file of src/, test/, bench/ or scripts/ — except the entry points, which are loaded by
 * name (webpack entries, the command line's main, the batch worker).
 *
 * Uses the TypeScript compiler over tsconfig.json: every import, re-export, `import("…")` and
 * `require("…")` is resolved to the symbol it names (through barrels such as src/usecases/index.ts),
 * so an export reached only through a re-export still counts. Plain .js files (bench/*.js) are read
 * for `require("…/lib/…")` of the compiled command line.
 *
 *   npx tsx scripts/dead-exports.ts      prints each dead export as path:line name, exits 1 if any
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.join(__dirname, "..");

/** Loaded by name, not imported: their exports are the program's edges. */
export const ENTRY_POINTS = [
  "src/cli/main.ts",
  "src/cli/batch-worker.ts",
  "src/taskpane/index.tsx",
  "src/commands/commands.ts",
  "src/demo/index.tsx",
  "src/demo/office-stub.ts",
];

export interface DeadExport {
  /** Repository-relative path. */
  file: string;
  /** 1-based line of the declaration. */
  line: number;
  name: string;
  /** The text to delete for `--fix` ([start, end) in the file), when it is a plain `export`. */
  fix?: [number, number];
}

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");

function createProgram(root: string): ts.Program {
  const configPath = path.join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
}

/** The symbol a name refers to, past every alias (import, re-export). */
function resolve(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): ts.Symbol | undefined {
  if (!symbol) return undefined;
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** Dead exports of the modules under `root`/src, given the program over the repository. */
export function deadExports(root: string = ROOT, entryPoints: string[] = ENTRY_POINTS): DeadExport[] {
  const program = createProgram(root);
  const checker = program.getTypeChecker();
  const relTo = (f: string) => path.relative(root, f).split(path.sep).join("/");
  const used = new Set<ts.Symbol>();
  /** Exports named by an importer as the module it imports from has them (a barrel's re-exports). */
  const named = new Set<ts.Symbol>();

  const moduleFile = (from: ts.SourceFile, specifier: string): ts.SourceFile | undefined => {
    const resolved = ts.resolveModuleName(specifier, from.fileName, program.getCompilerOptions(), ts.sys);
    const name = resolved.resolvedModule?.resolvedFileName;
    return name ? program.getSourceFile(name) : undefined;
  };
  const exportOf = (file: ts.SourceFile, name: string) => {
    const moduleSymbol = checker.getSymbolAtLocation(file);
    const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
    if (symbol) named.add(symbol);
    return resolve(checker, symbol);
  };
  /** A module used whole (`import * as`, an undestructured `import()`, `require` from .js). */
  const markModule = (file: ts.SourceFile) => {
    const moduleSymbol = checker.getSymbolAtLocation(file);
    for (const s of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      named.add(s);
      const symbol = resolve(checker, s);
      if (symbol) used.add(symbol);
    }
  };
  const markName = (node: ts.Node) => {
    const symbol = resolve(checker, checker.getSymbolAtLocation(node));
    if (symbol) used.add(symbol);
  };

  for (const source of program.getSourceFiles()) {
    if (source.isDeclarationFile || source.fileName.includes("/node_modules/")) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && node.importClause) {
        const clause = node.importClause;
        if (clause.name) markName(clause.name);
        const bindings = clause.namedBindings;
        const target = ts.isStringLiteral(node.moduleSpecifier)
          ? moduleFile(source, node.moduleSpecifier.text)
          : undefined;
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) {
            markName(el.name);
            if (target) exportOf(target, (el.propertyName ?? el.name).text);
          }
        if (bindings && ts.isNamespaceImport(bindings) && target) markModule(target);
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        // export { a } from "./m" / export * from "./m": the barrel's own exports are checked through
        // their users; `export *` forwards everything, so the target's names resolve through the barrel.
        if (node.exportClause && ts.isNamedExports(node.exportClause)) {
          const target = moduleFile(source, node.moduleSpecifier.text);
          for (const el of node.exportClause.elements) {
            const symbol = target && exportOf(target, (el.propertyName ?? el.name).text);
            // a re-export is a use only if the re-exported name is itself used: resolved below
            if (symbol && !relTo(source.fileName).startsWith("src/")) used.add(symbol);
          }
        }
      } else if (
        ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
        node.arguments.length === 1 &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        const target = moduleFile(source, node.arguments[0].text);
        if (target) {
          let parent: ts.Node = node.parent;
          if (ts.isAwaitExpression(parent)) parent = parent.parent;
          if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name)) {
            for (const el of parent.name.elements) {
              const key = el.propertyName ?? el.name;
              const symbol = ts.isIdentifier(key) ? exportOf(target, key.text) : undefined;
              if (symbol) used.add(symbol);
            }
          } else markModule(target);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  // plain .js files run the compiled command line (lib/ mirrors src/)
  for (const dir of ["bench", "scripts", "test"]) {
    for (const file of jsFiles(path.join(root, dir))) {
      for (const m of readFileSync(file, "utf8").matchAll(/require\("([^"]+)"\)/g)) {
        const target = path.resolve(path.dirname(file), m[1]);
        const src = relTo(target)
          .replace(/^lib\//, "src/")
          .replace(/\.js$/, "");
        for (const ext of [".ts", ".tsx", "/index.ts"]) {
          const compiled = program.getSourceFile(path.join(root, src + ext));
          if (compiled) markModule(compiled);
        }
      }
    }
  }

  const entries = new Set(entryPoints);
  const dead: DeadExport[] = [];
  for (const source of program.getSourceFiles()) {
    const file = relTo(source.fileName);
    if (!file.startsWith("src/") || source.isDeclarationFile || entries.has(file)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const declaration = symbol.declarations?.[0];
      if (!declaration || declaration.getSourceFile() !== source) continue;
      // a re-export (export { a } from "./m") is used when an importer names it here; its original is
      // used when anything reaches it, directly or through this module
      if (symbol.flags & ts.SymbolFlags.Alias ? named.has(symbol) : used.has(symbol)) continue;
      const { line } = source.getLineAndCharacterOfPosition(declaration.getStart());
      dead.push({ file, line: line + 1, name: symbol.name, fix: fixFor(declaration) });
    }
  }
  return dead.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The `export ` keyword of a declaration, or an `a, ` of a re-export list. */
function fixFor(declaration: ts.Declaration): [number, number] | undefined {
  const source = declaration.getSourceFile();
  if (ts.isExportSpecifier(declaration)) {
    const list = declaration.parent.elements;
    const i = list.indexOf(declaration);
    if (list.length === 1) return [declaration.parent.parent.getStart(), declaration.parent.parent.getEnd()];
    return i < list.length - 1
      ? [declaration.getStart(), list[i + 1].getStart()]
      : [list[i - 1].getEnd(), declaration.getEnd()];
  }
  let statement: ts.Node = declaration;
  if (ts.isVariableDeclaration(declaration)) {
    const list = declaration.parent;
    if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1) return undefined;
    statement = declaration.parent.parent;
  }
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return undefined;
  const keyword = modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (!keyword) return undefined;
  let end = keyword.getEnd();
  while (source.text[end] === " ") end++;
  return [keyword.getStart(), end];
}

/** Applies the fixes, last first in each file; returns the files changed. */
function applyFixes(root: string, dead: DeadExport[]): string[] {
  const byFile = new Map<string, [number, number][]>();
  for (const d of dead) if (d.fix) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.fix]);
  for (const [file, fixes] of byFile) {
    let text = readFileSync(path.join(root, file), "utf8");
    // a whole `export { … } from` statement may be listed once per name: apply each range once
    const ranges = [...new Map(fixes.map((f) => [f.join(":"), f])).values()].sort((a, b) => b[0] - a[0]);
    let floor = Infinity;
    for (const [start, end] of ranges) {
      if (end > floor) continue; // inside a range already deleted
      text = text.slice(0, start) + text.slice(end);
      floor = start;
    }
    writeFileSync(path.join(root, file), text);
  }
  return [...byFile.keys()];
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "out" || e.name === "node_modules" ? [] : jsFiles(full);
    return e.name.endsWith(".js") ? [full] : [];
  });
}

if (require.main === module) {
  const dead = deadExports();
  if (process.argv.includes("--fix")) {
    const files = applyFixes(ROOT, dead);
    console.log(`removed ${dead.filter((d) => d.fix).length} export(s) in ${files.length} file(s)`);
    process.exit(0);
  }
  for (const d of dead) console.log(`${d.file}:${d.line} ${d.name} is exported but never imported`);
  if (dead.length > 0) {
    console.log(`${dead.length} dead export(s): remove the export, or the code if nothing uses it.`);
    process.exit(1);
  }
  console.log(`dead exports: none (${rel(path.join(ROOT, "src"))}/)`);
}
