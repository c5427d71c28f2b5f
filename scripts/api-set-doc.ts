/**
 * The requirement sets of the Excel API the Office adapter uses, found by the TypeScript compiler rather
 * than by reading: every property access, call, `load("…")` name and object-literal property of src/host/office/*.ts (and
 * src/host/connect.ts, which hands the adapter Office's isSetSupported) that resolves to a declaration of
 * the `Excel` or `Office` namespace in @types/office-js, with the `[Api set: …]` note of that declaration,
 * and the `isSetSupported("ExcelApi", "x.y")` guard, if any, that the use sits under.
 *
 * A guard is followed through the code as written: an `if`, a ternary, `&&`/`||`, an early `return`/`throw`,
 * a value whose every truthy assignment is a guard (a `Features` flag, an options property, a parameter
 * at all its call sites, a local), a wrapper function that forwards its argument to isSetSupported, and
 * a receiver that only exists under a guard (an object from a guarded call). Nothing is taken by name.
 *
 * `npx tsx scripts/api-set-doc.ts` rewrites the generated section of docs/requirements.md from that
 * analysis; test/host/api-set.test.ts fails when the committed section differs, when a member above the
 * manifest's minimum is used unguarded, and when the in-memory Excel offers a member the typings lack.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.join(__dirname, "..");
export const REQUIREMENTS_DOC = path.join(ROOT, "docs", "requirements.md");
export const MANIFEST = path.join(ROOT, "manifest.xml");
const OFFICE_TYPES = /[\\/]node_modules[\\/]@types[\\/]office-js[\\/]index\.d\.ts$/;

/** The adapter's files (and the one that wires Office's isSetSupported into it). */
export function adapterFiles(): string[] {
  const dir = path.join(ROOT, "src", "host", "office");
  return [
    ...ts.sys
      .readDirectory(dir, [".ts"])
      .filter((f) => !f.endsWith(".d.ts"))
      .sort(),
    path.join(ROOT, "src", "host", "connect.ts"),
  ].map((f) => path.resolve(f));
}

/** The in-memory Excel's files. */
export function memoryFiles(): string[] {
  return ts.sys
    .readDirectory(path.join(ROOT, "src", "host", "memory"), [".ts"])
    .filter((f) => !f.endsWith(".d.ts"))
    .sort()
    .map((f) => path.resolve(f));
}

/** One program over the given roots with the project's compiler options (office-js typings included);
 *  `virtual` adds in-memory files (absolute path → text). */
export function createApiProgram(roots: string[], virtual: Record<string, string> = {}): ts.Program {
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
  if (!config) throw new Error("tsconfig.json could not be read");
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, types: ["office-js"] };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, create) =>
    name in virtual
      ? ts.createSourceFile(name, virtual[name], languageVersion, true)
      : getSourceFile(name, languageVersion, onError, create);
  host.fileExists = (name) => name in virtual || fileExists(name);
  host.readFile = (name) => (name in virtual ? virtual[name] : readFile(name));
  return ts.createProgram([...roots, ...Object.keys(virtual)], options, host);
}

// ── requirement sets and versions ──

/** A requirement set at a version ("1.9"; "BETA" and other non-numbers rank above every number). */
export interface Requirement {
  set: string;
  version: string;
}

export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => (/^\d+(\.\d+)*$/.test(v) ? v.split(".").map(Number) : [Infinity]);
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}

/** What one `[Api set: …]` note says: the set and version for reading (or calling) and for setting. */
export interface ApiSetNote {
  raw: string;
  read: Requirement;
  write: Requirement;
  /** False when the note says more than one set/version in a form not understood here (reviewed by hand). */
  understood: boolean;
}

/** Parse the text inside `[Api set: …]`, e.g. "ExcelApi 1.9", "ExcelApi 1.1 for get, 1.8 for set",
 *  "ExcelApi 1.1 for getting the name; 1.4 for setting it.", "ExcelApiOnline 1.1", "ExcelApi BETA". */
export function parseApiSet(raw: string): ApiSetNote | null {
  const text = raw.trim();
  const simple = /^(\w+) ([\w.]+)$/.exec(text);
  if (simple) {
    const r = { set: simple[1], version: simple[2] };
    return { raw: text, read: r, write: r, understood: true };
  }
  const getSet = /^(\w+) (\d+(?:\.\d+)*) for get, (\d+(?:\.\d+)*) for set$/.exec(text);
  if (getSet)
    return {
      raw: text,
      read: { set: getSet[1], version: getSet[2] },
      write: { set: getSet[1], version: getSet[3] },
      understood: true,
    };
  const readSet =
    /^(\w+) (\d+(?:\.\d+)*) for (?:reading|getting) [^;]*; (\d+(?:\.\d+)*) for setting it\.?$/.exec(text);
  if (readSet)
    return {
      raw: text,
      read: { set: readSet[1], version: readSet[2] },
      write: { set: readSet[1], version: readSet[3] },
      understood: true,
    };
  const first = /^(\w+) (\d+(?:\.\d+)*)/.exec(text);
  if (!first) return null;
  const r = { set: first[1], version: first[2] };
  return { raw: text, read: r, write: r, understood: false };
}

/** The manifest's `<Set Name="…" MinVersion="…"/>` for a set. */
export function manifestMinimum(xml: string, set = "ExcelApi"): string {
  const m = new RegExp(`<Set\\s+Name="${set}"\\s+MinVersion="([^"]+)"\\s*/>`).exec(xml);
  if (!m) throw new Error(`manifest.xml declares no <Set Name="${set}" MinVersion="…"/>`);
  return m[1];
}

// ── the Office declarations ──

/** Whether a declaration (or file) is @types/office-js's. */
export function isOfficeTypes(node: ts.Node): boolean {
  const sf = node.getSourceFile();
  return OFFICE_TYPES.test(sf.fileName) || sf.fileName.endsWith("/office-js/index.d.ts");
}

/** The outermost namespace a declaration sits in, and its dotted name (Excel.Worksheet.getRanges). */
function qualifiedName(decl: ts.Declaration): { root: string; name: string } | null {
  const parts: string[] = [];
  let node: ts.Node | undefined = decl;
  let root: string | null = null;
  while (node && !ts.isSourceFile(node)) {
    const name = (node as ts.NamedDeclaration).name;
    if (
      (ts.isModuleDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isEnumDeclaration(node) ||
        ts.isEnumMember(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isMethodSignature(node) ||
        ts.isPropertyDeclaration(node) ||
        ts.isPropertySignature(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isVariableDeclaration(node) ||
        ts.isGetAccessor(node) ||
        ts.isSetAccessor(node)) &&
      name &&
      (ts.isIdentifier(name) || ts.isStringLiteral(name))
    ) {
      parts.unshift(name.text);
      if (ts.isModuleDeclaration(node)) root = name.text;
    }
    node = node.parent;
  }
  return root ? { root, name: parts.join(".") } : null;
}

/** The `[Api set: …]` of a declaration's own JSDoc (the comment right before it). */
export function apiSetNote(decl: ts.Declaration): ApiSetNote | null {
  const sf = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last) return null;
  const m = /\[Api set:([^\]]*)\]/.exec(sf.text.slice(last.pos, last.end));
  return m ? parseApiSet(m[1]) : null;
}

// ── guards: what is known to be supported where ──

/** Known requirements: set → highest version known supported. */
type Facts = Map<string, string>;

const NONE: Facts = new Map();

function union(a: Facts, b: Facts): Facts {
  const out = new Map(a);
  for (const [set, v] of b) if (!out.has(set) || compareVersions(v, out.get(set)!) > 0) out.set(set, v);
  return out;
}

function intersect(a: Facts, b: Facts): Facts {
  const out: Facts = new Map();
  for (const [set, v] of a) {
    const w = b.get(set);
    if (w !== undefined) out.set(set, compareVersions(v, w) < 0 ? v : w);
  }
  return out;
}

/** Everything that assigns a value to a symbol, in the program's own files. */
interface ValueIndex {
  /** Symbol → the expressions assigned to it (initializers, `=`, object-literal properties by their
   *  contextual type, call arguments for parameters), each with the node whose position is its site. */
  values: Map<ts.Symbol, { value: ts.Expression | "unknown"; site: ts.Node }[]>;
  /** Functions referenced other than as a callee: their parameters' values are unknown. */
  escaped: Set<ts.Symbol>;
}

function skipOuter(e: ts.Expression): ts.Expression {
  let x = e;
  while (
    ts.isParenthesizedExpression(x) ||
    ts.isNonNullExpression(x) ||
    ts.isAsExpression(x) ||
    ts.isSatisfiesExpression(x)
  )
    x = x.expression;
  return x;
}

/** Falsy literals: a value that never makes a guard true. */
function isFalsyLiteral(e: ts.Expression | undefined): boolean {
  if (!e) return true;
  const x = skipOuter(e);
  return (
    x.kind === ts.SyntaxKind.FalseKeyword ||
    x.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(x) && x.text === "undefined") ||
    (ts.isNumericLiteral(x) && Number(x.text) === 0) ||
    ((ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) && x.text === "")
  );
}

/** Functions whose value is the function itself (declarations, or consts bound to arrows/functions). */
function functionOf(sym: ts.Symbol): ts.SignatureDeclaration | undefined {
  for (const d of sym.declarations ?? []) {
    if (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) return d;
    if (ts.isVariableDeclaration(d) && d.initializer) {
      const init = skipOuter(d.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return undefined;
}

function buildIndex(checker: ts.TypeChecker, files: readonly ts.SourceFile[]): ValueIndex {
  const values: ValueIndex["values"] = new Map();
  const escaped = new Set<ts.Symbol>();
  const add = (sym: ts.Symbol | undefined, value: ts.Expression | "unknown" | undefined, site: ts.Node) => {
    if (!sym || value === undefined) return;
    const list = values.get(sym) ?? [];
    list.push({ value, site });
    values.set(sym, list);
  };
  const propertiesOf = (objectLiteral: ts.ObjectLiteralExpression, name: string): ts.Symbol[] => {
    const type = checker.getContextualType(objectLiteral);
    if (!type) return [];
    const types = type.isUnion() ? type.types : [type];
    return types.map((t) => t.getProperty(name)).filter((s): s is ts.Symbol => s !== undefined);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      // A declaration without initializer holds undefined (falsy) until assigned; in a for-of, unknown.
      const inLoop =
        ts.isVariableDeclarationList(node.parent) &&
        (ts.isForOfStatement(node.parent.parent) || ts.isForInStatement(node.parent.parent));
      add(checker.getSymbolAtLocation(node.name), inLoop ? "unknown" : node.initializer, node);
    } else if (ts.isBindingElement(node) && ts.isIdentifier(node.name)) {
      // `const { features } = options`: not followed (a use reads `features.v19`, the property, anyway).
      add(checker.getSymbolAtLocation(node.name), "unknown", node);
    } else if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.initializer)
      add(checker.getSymbolAtLocation(node.name), node.initializer, node);
    else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      const target = ts.isPropertyAccessExpression(node.left) ? node.left.name : node.left;
      add(
        checker.getSymbolAtLocation(target),
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? node.right : node,
        node,
      );
    } else if (
      (ts.isPropertyDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent) && node.modifiers?.length)) &&
      ts.isIdentifier(node.name)
    ) {
      // A class member: its own value, and (the class's objects may stand for an interface it implements)
      // a value of that interface's property too. Getters and constructor parameters: unknown.
      const value = ts.isPropertyDeclaration(node) ? node.initializer : "unknown";
      add(checker.getSymbolAtLocation(node.name), value, node);
      const cls = ts.findAncestor(node, ts.isClassLike);
      for (const clause of cls?.heritageClauses ?? [])
        for (const t of clause.types)
          add(checker.getTypeAtLocation(t).getProperty(node.name.text), value ?? "unknown", node);
    } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const name = node.name.getText();
      for (const p of propertiesOf(node.parent, name)) add(p, node.initializer, node);
    } else if (ts.isShorthandPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      for (const p of propertiesOf(node.parent, node.name.text)) add(p, node.name, node);
    } else if (ts.isSpreadAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      // A spread assigns every property of its type: unknown values for the literal's properties.
      const type = checker.getContextualType(node.parent);
      for (const p of type?.getProperties() ?? []) add(p, "unknown", node);
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const decl = checker.getResolvedSignature(node)?.declaration;
      if (decl && !ts.isJSDocSignature(decl) && !decl.getSourceFile().isDeclarationFile) {
        decl.parameters.forEach((param, i) => {
          if (!ts.isIdentifier(param.name)) return;
          const sym = checker.getSymbolAtLocation(param.name);
          if (param.dotDotDotToken) add(sym, "unknown", node);
          else add(sym, node.arguments?.[i], node);
        });
      }
    }
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isCallee =
        (ts.isCallExpression(parent) && parent.expression === node) ||
        (ts.isPropertyAccessExpression(parent) &&
          parent.name === node &&
          ts.isCallExpression(parent.parent) &&
          parent.parent.expression === parent);
      const shorthand = ts.isShorthandPropertyAssignment(parent) && parent.name === node;
      const isDeclarationName = !shorthand && (parent as ts.NamedDeclaration).name === node;
      if (!isCallee && !isDeclarationName) {
        const sym = shorthand
          ? checker.getShorthandAssignmentValueSymbol(parent)
          : checker.getSymbolAtLocation(node);
        if (sym && functionOf(sym)) escaped.add(sym);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of files) visit(sf);
  return { values, escaped };
}

class Guards {
  private readonly memo = new Map<ts.Symbol | string, Facts>();
  private readonly busy = new Set<ts.Symbol | string>();
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly index: ValueIndex,
  ) {}

  /** The symbol an expression names (through shorthand properties to their value). */
  private symbolOf(e: ts.Expression): ts.Symbol | undefined {
    const x = skipOuter(e);
    if (ts.isIdentifier(x) && ts.isShorthandPropertyAssignment(x.parent) && x.parent.name === x)
      return this.checker.getShorthandAssignmentValueSymbol(x.parent);
    if (ts.isIdentifier(x)) return this.checker.getSymbolAtLocation(x);
    if (ts.isPropertyAccessExpression(x)) return this.checker.getSymbolAtLocation(x.name);
    return undefined;
  }

  /** What is supported when a symbol's value is truthy: the intersection over its truthy assignments of
   *  (what that value's truthiness says ∪ what holds where it is assigned). Unknown → nothing. */
  private ofSymbol(sym: ts.Symbol, only?: ts.Type): Facts {
    const key = only
      ? `${this.ids.get(sym) ?? this.ids.set(sym, this.ids.size).get(sym)}:${this.typeId(only)}`
      : sym;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.busy.has(key)) return NONE;
    this.busy.add(key);
    let facts: Facts | null = null;
    const assigned = this.index.values.get(sym) ?? [];
    // Excel's own properties get their values from Excel, whatever the add-in assigns them.
    const external = sym.declarations?.some((d) => d.getSourceFile().isDeclarationFile) ?? true;
    const isParam = sym.declarations?.some((d) => ts.isParameter(d)) ?? false;
    const fn = isParam ? sym.declarations!.map((d) => d.parent).find((p) => ts.isFunctionLike(p)) : undefined;
    const fnSym = fn && this.functionSymbol(fn);
    if (external || assigned.length === 0 || (fnSym && this.index.escaped.has(fnSym))) facts = NONE;
    else
      for (const { value, site } of assigned) {
        if (value === "unknown") {
          facts = NONE;
          break;
        }
        if (isFalsyLiteral(value)) continue;
        // Restricted to values of one type (a union receiver's member of that type): other values never
        // reach that member.
        if (only && !this.mayBe(value, only)) continue;
        const here = union(this.truthy(value), this.at(site));
        facts = facts === null ? here : intersect(facts, here);
      }
    this.busy.delete(key);
    const result = facts ?? NONE;
    this.memo.set(key, result);
    return result;
  }

  private readonly ids = new Map<ts.Symbol, number>();
  private readonly types: ts.Type[] = [];
  private typeId(t: ts.Type): number {
    const i = this.types.indexOf(t);
    return i >= 0 ? i : this.types.push(t) - 1;
  }

  /** Whether an expression's value may be of type `t` (some member of its type's union is). */
  private mayBe(e: ts.Expression, t: ts.Type): boolean {
    const type = this.checker.getTypeAtLocation(e);
    return (type.isUnion() ? type.types : [type]).some((c) => this.checker.isTypeAssignableTo(c, t));
  }

  /** What holds where `recv` is known to hold a value of type `t` (a member of `t` is reached through it). */
  receiverOfType(recv: ts.Expression, t: ts.Type): Facts {
    const sym = this.symbolOf(recv);
    return sym ? this.ofSymbol(sym, t) : NONE;
  }

  /** `m.get(k)` of a Map const whose entries are only set where this file shows: `new Map(xs.map((x) =>
   *  [k, v]))` and `m.set(k, v)`; what holds when such a value is truthy. Null when it is not such a get. */
  private mapGet(call: ts.CallExpression): Facts | null {
    const callee = call.expression;
    if (
      !ts.isPropertyAccessExpression(callee) ||
      callee.name.text !== "get" ||
      !ts.isIdentifier(callee.expression)
    )
      return null;
    const map = this.checker.getSymbolAtLocation(callee.expression);
    const decl = map?.declarations?.[0];
    if (!map || !decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return null;
    const init = skipOuter(decl.initializer);
    if (!ts.isNewExpression(init) || init.expression.getText() !== "Map") return null;
    const entries: { value: ts.Expression; site: ts.Node }[] = [];
    const source = init.arguments?.[0];
    if (source) {
      const s = skipOuter(source);
      const cb =
        ts.isCallExpression(s) &&
        ts.isPropertyAccessExpression(s.expression) &&
        s.expression.name.text === "map"
          ? s.arguments[0]
          : undefined;
      const body = cb && (ts.isArrowFunction(cb) ? cb.body : undefined);
      const pair = body && !ts.isBlock(body) ? skipOuter(body) : undefined;
      if (!pair || !ts.isArrayLiteralExpression(pair) || pair.elements.length !== 2) return NONE;
      entries.push({ value: pair.elements[1], site: pair });
    }
    // Every other reference must be a .get/.has/.set on it, each .set an entry.
    let ok = true;
    const scan = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n !== decl.name && this.checker.getSymbolAtLocation(n) === map) {
        const parent = n.parent;
        const method =
          ts.isPropertyAccessExpression(parent) && parent.expression === n ? parent.name.text : null;
        if (method === "set" && ts.isCallExpression(parent.parent) && parent.parent.arguments[1])
          entries.push({ value: parent.parent.arguments[1], site: parent.parent });
        else if (method !== "get" && method !== "has") ok = false;
      }
      ts.forEachChild(n, scan);
    };
    scan(decl.getSourceFile());
    if (!ok) return NONE;
    let facts: Facts | null = null;
    for (const { value, site } of entries) {
      if (isFalsyLiteral(value)) continue;
      const here = union(this.truthy(value), this.at(site));
      facts = facts === null ? here : intersect(facts, here);
    }
    return facts ?? NONE;
  }

  private functionSymbol(fn: ts.SignatureDeclaration): ts.Symbol | undefined {
    if (fn.name) return this.checker.getSymbolAtLocation(fn.name);
    if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name))
      return this.checker.getSymbolAtLocation(fn.parent.name);
    return undefined;
  }

  /** What is supported when `e` is truthy. */
  truthy(e: ts.Expression, env: Map<ts.Symbol, string> = new Map()): Facts {
    const x = skipOuter(e);
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken)
      return this.falsy(x.operand, env);
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken)
        return union(this.truthy(x.left, env), this.truthy(x.right, env));
      if (op === ts.SyntaxKind.BarBarToken)
        return intersect(this.truthy(x.left, env), this.truthy(x.right, env));
      if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
        if (x.right.kind === ts.SyntaxKind.TrueKeyword) return this.truthy(x.left, env);
        if (x.left.kind === ts.SyntaxKind.TrueKeyword) return this.truthy(x.right, env);
      }
      return NONE;
    }
    if (ts.isCallExpression(x)) return this.mapGet(x) ?? this.call(x, env);
    const sym = this.symbolOf(x);
    return sym ? this.ofSymbol(sym) : NONE;
  }

  /** What is supported when `e` is falsy. */
  falsy(e: ts.Expression, env: Map<ts.Symbol, string> = new Map()): Facts {
    const x = skipOuter(e);
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken)
      return this.truthy(x.operand, env);
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken) return union(this.falsy(x.left, env), this.falsy(x.right, env));
      if (op === ts.SyntaxKind.AmpersandAmpersandToken)
        return intersect(this.falsy(x.left, env), this.falsy(x.right, env));
    }
    return NONE;
  }

  /** A string argument: a literal, or a parameter bound by the wrapper being followed. */
  private text(e: ts.Expression | undefined, env: Map<ts.Symbol, string>): string | null {
    if (!e) return null;
    const x = skipOuter(e);
    if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) return x.text;
    const sym = ts.isIdentifier(x) ? this.checker.getSymbolAtLocation(x) : undefined;
    return sym && env.has(sym) ? env.get(sym)! : null;
  }

  /** A call that returns true only when a requirement set is supported: Office's isSetSupported with
   *  literal arguments, or a function (however passed along) that forwards to it. */
  private call(callExpr: ts.CallExpression, env: Map<ts.Symbol, string>): Facts {
    const args = callExpr.arguments.map((a) => this.text(a, env));
    return this.callee(callExpr.expression, args, new Set());
  }

  private callee(calleeExpr: ts.Expression, args: (string | null)[], seen: Set<ts.Node>): Facts {
    const x = skipOuter(calleeExpr);
    const sym = this.symbolOf(x);
    if (!sym) return NONE;
    const decl = sym.declarations?.[0];
    if (decl && isOfficeTypes(decl)) {
      const q = qualifiedName(decl);
      if (q?.name === "Office.RequirementSetSupport.isSetSupported" && args[0] && args[1])
        return new Map([[args[0], args[1]]]);
      return NONE;
    }
    // The function values the callee may hold.
    const fns = this.functionValues(sym, seen);
    if (fns === null || fns.length === 0) return NONE;
    let facts: Facts | null = null;
    for (const fn of fns) {
      const here = fn.kind === "ref" ? this.callee(fn.expr, args, seen) : this.forwarded(fn.fn, args, seen);
      facts = facts === null ? here : intersect(facts, here);
    }
    return facts ?? NONE;
  }

  /** The functions a symbol may hold: its own body, or the functions assigned to it. Null if unknown. */
  private functionValues(
    sym: ts.Symbol,
    seen: Set<ts.Node>,
  ): ({ kind: "fn"; fn: ts.SignatureDeclaration } | { kind: "ref"; expr: ts.Expression })[] | null {
    const own = functionOf(sym);
    if (own) return [{ kind: "fn", fn: own }];
    const isParam = sym.declarations?.some((d) => ts.isParameter(d)) ?? false;
    if (isParam) {
      const fn = sym.declarations!.map((d) => d.parent).find((p) => ts.isFunctionLike(p));
      const fnSym = fn && this.functionSymbol(fn);
      if (fnSym && this.index.escaped.has(fnSym)) return null;
    }
    const out: ({ kind: "fn"; fn: ts.SignatureDeclaration } | { kind: "ref"; expr: ts.Expression })[] = [];
    for (const { value } of this.index.values.get(sym) ?? []) {
      if (value === "unknown") return null;
      if (isFalsyLiteral(value)) continue;
      const v = skipOuter(value);
      if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) out.push({ kind: "fn", fn: v });
      else if (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) {
        if (seen.has(v)) return null;
        seen.add(v);
        out.push({ kind: "ref", expr: v });
      } else return null;
    }
    return out;
  }

  /** A function's result as a guard, its parameters bound to the call's string arguments: every `return`
   *  (or the expression body) is a falsy literal or a guard; the intersection of those guards. */
  private forwarded(fn: ts.SignatureDeclaration, args: (string | null)[], seen: Set<ts.Node>): Facts {
    if (seen.has(fn)) return NONE;
    seen.add(fn);
    const env = new Map<ts.Symbol, string>();
    fn.parameters.forEach((p, i) => {
      const sym = ts.isIdentifier(p.name) ? this.checker.getSymbolAtLocation(p.name) : undefined;
      if (sym && args[i] !== null && args[i] !== undefined) env.set(sym, args[i]!);
    });
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (!body) return NONE;
    const results: ts.Expression[] = [];
    if (!ts.isBlock(body)) results.push(body);
    else {
      const find = (n: ts.Node): void => {
        if (ts.isReturnStatement(n)) {
          if (n.expression) results.push(n.expression);
          else results.push(ts.factory.createIdentifier("undefined"));
        } else if (!ts.isFunctionLike(n)) ts.forEachChild(n, find);
      };
      ts.forEachChild(body, find);
    }
    let facts: Facts | null = null;
    for (const r of results) {
      if (isFalsyLiteral(r)) continue;
      const here = this.truthy(r, env);
      facts = facts === null ? here : intersect(facts, here);
    }
    return facts ?? NONE;
  }

  /** What is known supported at a node, from the code around it: the branches it sits in, the early
   *  exits before it, and the receivers it is reached through. */
  at(node: ts.Node): Facts {
    let facts: Facts = ts.isPropertyAccessExpression(node) ? this.receiver(node.expression) : NONE;
    let child: ts.Node = node;
    for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent)) {
        if (child === parent.thenStatement) facts = union(facts, this.truthy(parent.expression));
        else if (child === parent.elseStatement) facts = union(facts, this.falsy(parent.expression));
      } else if (ts.isConditionalExpression(parent)) {
        if (child === parent.whenTrue) facts = union(facts, this.truthy(parent.condition));
        else if (child === parent.whenFalse) facts = union(facts, this.falsy(parent.condition));
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        if (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
          facts = union(facts, this.truthy(parent.left));
        else if (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)
          facts = union(facts, this.falsy(parent.left));
      } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
        for (const statement of parent.statements) {
          if (statement === child) break;
          if (ts.isIfStatement(statement) && !statement.elseStatement && exits(statement.thenStatement))
            facts = union(facts, this.falsy(statement.expression));
        }
      } else if (
        (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
        child === parent.expression
      ) {
        // `recv.member` runs only when recv holds an object (else it throws first).
        facts = union(facts, this.receiver(parent.expression));
      }
      if (ts.isFunctionLike(parent) && !ts.isArrowFunction(parent) && !ts.isFunctionExpression(parent)) break;
    }
    return facts;
  }

  /** A receiver's truthiness: an object-typed value. */
  private receiver(e: ts.Expression): Facts {
    const type = this.checker.getTypeAtLocation(e);
    const object = (type.isUnion() ? type.types : [type]).every(
      (t) =>
        (t.flags &
          (ts.TypeFlags.Object | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.NonPrimitive)) !==
        0,
    );
    return object ? this.truthy(e) : NONE;
  }
}

/** A statement that always leaves the block: return, throw, or a block ending in one. */
function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  if (ts.isBlock(s)) {
    const last = s.statements[s.statements.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

// ── the uses ──

/** One use of an Excel/Office member. */
export interface ApiUse {
  /** Dotted declaration name, e.g. "Excel.Worksheet.getRanges". */
  member: string;
  /** Repository-relative file and 1-based line. */
  file: string;
  line: number;
  /** The property is assigned here (its set-version applies). */
  write: boolean;
  /** Named in a `load("…")` string rather than accessed. */
  loaded?: boolean;
  /** The note of the declaration; null when it has none. */
  note: ApiSetNote | null;
  /** What this use needs (the note's read or write requirement). */
  needs: Requirement | null;
  /** What is known supported where it sits. */
  guarded: Facts;
}

function isWrite(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

/** Every use of an Excel/Office declaration in `files` of `program`. */
export function findApiUses(program: ts.Program, files: string[]): ApiUse[] {
  const checker = program.getTypeChecker();
  // Values are followed through the host code (adapters, connect, the in-memory Excel, fixtures): the
  // engine and the rest never see Excel.
  const hostDir = path.join(ROOT, "src", "host") + path.sep;
  const own = program
    .getSourceFiles()
    .filter(
      (sf) =>
        !sf.isDeclarationFile &&
        (path.resolve(sf.fileName).startsWith(hostDir) || files.includes(path.resolve(sf.fileName))),
    );
  const guards = new Guards(checker, buildIndex(checker, own));
  const uses: ApiUse[] = [];
  const record = (
    at: ts.Node,
    decls: readonly ts.Declaration[],
    write: boolean,
    anchor: ts.Node,
    loaded = false,
  ) => {
    const office = decls.filter((d) => isOfficeTypes(d));
    if (office.length === 0) return;
    const sf = at.getSourceFile();
    for (const decl of office) {
      const q = qualifiedName(decl);
      if (!q || (q.root !== "Excel" && q.root !== "Office")) continue;
      const note = apiSetNote(decl);
      let guarded = guards.at(anchor);
      // A member of one type of a union receiver (Range | RangeAreas): reached only when the receiver
      // holds that type, so only the values of that type count.
      const owner = decl.parent;
      if (
        office.length > 1 &&
        ts.isPropertyAccessExpression(anchor) &&
        (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) &&
        owner.name
      ) {
        const ownerSym = checker.getSymbolAtLocation(owner.name);
        if (ownerSym)
          guarded = union(
            guarded,
            guards.receiverOfType(anchor.expression, checker.getDeclaredTypeOfSymbol(ownerSym)),
          );
      }
      uses.push({
        member: q.name,
        file: path.relative(ROOT, sf.fileName).split(path.sep).join("/"),
        line: sf.getLineAndCharacterOfPosition(at.getStart()).line + 1,
        write,
        ...(loaded ? { loaded } : {}),
        note,
        needs: note ? (write ? note.write : note.read) : null,
        guarded,
      });
    }
  };
  const declarationsAt = (name: ts.Node, call: ts.CallExpression | null): readonly ts.Declaration[] => {
    if (call) {
      const decl = checker.getResolvedSignature(call)?.declaration;
      if (decl && !ts.isJSDocSignature(decl)) return [decl];
    }
    let sym = checker.getSymbolAtLocation(name);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    return sym?.declarations ?? [];
  };
  /** The properties a `load("a,b/c,items/d")` names, each resolved from the receiver's type. A load
   *  whose argument is not a string the compiler can read, or names a property the type lacks, is a use
   *  of an unknown set (and so fails the check). */
  const recordLoad = (access: ts.PropertyAccessExpression, call: ts.CallExpression) => {
    const sf = call.getSourceFile();
    const unreadable = (why: string) =>
      uses.push({
        member: `${checker.typeToString(checker.getTypeAtLocation(access.expression))}.load (${why})`,
        file: path.relative(ROOT, sf.fileName).split(path.sep).join("/"),
        line: sf.getLineAndCharacterOfPosition(call.getStart()).line + 1,
        write: false,
        loaded: true,
        note: null,
        needs: { set: "unknown", version: "?" },
        guarded: NONE,
      });
    const texts = call.arguments.length === 0 ? [] : constStrings(checker, call.arguments[0]);
    if (texts === null) return unreadable("argument not a readable string");
    for (const text of texts)
      for (const item of text
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)) {
        let type = checker.getNonNullableType(checker.getTypeAtLocation(access.expression));
        for (const segment of item.split("/")) {
          const prop = type.getProperty(segment);
          if (!prop) return unreadable(`no property ${segment}`);
          record(call.arguments[0], prop.declarations ?? [], false, access, true);
          type = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
          if (checker.isArrayType(type)) type = type.getNumberIndexType() ?? type;
        }
      }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : null;
      const decls = declarationsAt(node.name, call);
      record(node.name, decls, isWrite(node), node);
      if (call && node.name.text === "load" && decls.some((d) => isOfficeTypes(d))) recordLoad(node, call);
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      // An object literal given to an Excel member: its properties are Excel's (e.g. PageLayoutZoomOptions).
      const literal = node.parent;
      if (ts.isObjectLiteralExpression(literal)) {
        const type = checker.getContextualType(literal);
        const name = node.name.getText();
        const decls = (type?.isUnion() ? type.types : type ? [type] : [])
          .map((t) => t.getProperty(name))
          .flatMap((s) => s?.declarations ?? []);
        record(node.name, decls, true, node);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const f of files) {
    const sf = program.getSourceFile(f);
    if (!sf) throw new Error(`not in the program: ${f}`);
    visit(sf);
  }
  return uses;
}

/** The strings an expression may be: a literal, a template whose parts may each be one, a ternary of
 *  them, a const initialised with one, an array of them (joined with ","). Null when not readable. */
function constStrings(checker: ts.TypeChecker, e: ts.Expression, depth = 0): string[] | null {
  if (depth > 5) return null;
  const x = skipOuter(e);
  if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) return [x.text];
  if (ts.isConditionalExpression(x)) {
    const a = constStrings(checker, x.whenTrue, depth + 1);
    const b = constStrings(checker, x.whenFalse, depth + 1);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isTemplateExpression(x)) {
    let out: string[] = [x.head.text];
    for (const span of x.templateSpans) {
      const parts = constStrings(checker, span.expression, depth + 1);
      if (!parts) return null;
      out = out.flatMap((o) => parts.map((p) => o + p + span.literal.text));
    }
    return out;
  }
  if (ts.isArrayLiteralExpression(x)) {
    let out: string[] = [""];
    for (const el of x.elements) {
      const parts = constStrings(checker, el, depth + 1);
      if (!parts) return null;
      out = out.flatMap((o) => parts.map((p) => (o ? `${o},${p}` : p)));
    }
    return out;
  }
  if (ts.isIdentifier(x)) {
    const decl = checker.getSymbolAtLocation(x)?.declarations?.[0];
    if (
      decl &&
      ts.isVariableDeclaration(decl) &&
      decl.initializer &&
      ts.isVariableDeclarationList(decl.parent) &&
      decl.parent.flags & ts.NodeFlags.Const
    )
      return constStrings(checker, decl.initializer, depth + 1);
  }
  return null;
}

/** A use is fine when its set is the minimum's and its version is at most the minimum or at most what is
 *  known supported where it sits. */
export function isAllowed(use: ApiUse, minimum: Requirement): boolean {
  if (!use.needs) return true;
  const { set, version } = use.needs;
  if (set === minimum.set && compareVersions(version, minimum.version) <= 0) return true;
  const known = use.guarded.get(set);
  return known !== undefined && compareVersions(version, known) <= 0;
}

/** Above the minimum (and so needing a guard). */
export function isAboveMinimum(use: ApiUse, minimum: Requirement): boolean {
  if (!use.needs) return false;
  return use.needs.set !== minimum.set || compareVersions(use.needs.version, minimum.version) > 0;
}

// ── the document section ──

export const SECTION_START = "<!-- api-set:start -->";
export const SECTION_END = "<!-- api-set:end -->";

/** The generated section: every member above the minimum the adapter uses, with its set and the guard. */
export function apiSetSection(uses: ApiUse[], minimum: Requirement): string {
  const rows = new Map<string, { needs: Requirement; guard: string | null; files: Set<string> }>();
  for (const use of uses.filter((u) => isAboveMinimum(u, minimum))) {
    const key = `${use.member}${use.write ? " (set)" : ""}${use.loaded ? " (load)" : ""}`;
    const needs = use.needs!;
    const guard = use.guarded.get(needs.set) ?? null;
    const row = rows.get(key) ?? { needs, guard, files: new Set<string>() };
    // The weakest guard among its uses (none if any use is unguarded).
    if (row.guard !== null && (guard === null || compareVersions(guard, row.guard) < 0)) row.guard = guard;
    row.files.add(use.file);
    rows.set(key, row);
  }
  const out = [
    SECTION_START,
    "<!-- Generated by `npx tsx scripts/api-set-doc.ts` from the TypeScript compiler's view of src/host/office;",
    "     test/host/api-set.test.ts fails when this section differs from the script's output. -->",
    "",
    `Members above ExcelApi ${minimum.version} that the adapter uses, as the compiler finds them. *Guarded by*: the lowest`,
    "version that the `isSetSupported` guards around its uses check (— where a use has none).",
    "",
    "| Member | Needs | Guarded by | Where |",
    "| ------ | ----- | ---------- | ----- |",
  ];
  for (const [member, row] of [...rows].sort(([a], [b]) => a.localeCompare(b)))
    out.push(
      `| \`${member}\` | ${row.needs.set} ${row.needs.version} | ${row.guard === null ? "—" : `${row.needs.set} ${row.guard}`} | ${[...row.files].sort().join(", ")} |`,
    );
  out.push(SECTION_END);
  return out.join("\n");
}

/** The document with its generated section replaced. */
export function withSection(doc: string, section: string): string {
  const start = doc.indexOf(SECTION_START);
  const end = doc.indexOf(SECTION_END);
  if (start < 0 || end < start)
    throw new Error(`docs/requirements.md has no ${SECTION_START} … ${SECTION_END}`);
  return doc.slice(0, start) + section + doc.slice(end + SECTION_END.length);
}

if (require.main === module) {
  const program = createApiProgram(adapterFiles());
  const minimum = { set: "ExcelApi", version: manifestMinimum(readFileSync(MANIFEST, "utf8")) };
  const uses = findApiUses(program, adapterFiles());
  writeFileSync(
    REQUIREMENTS_DOC,
    withSection(readFileSync(REQUIREMENTS_DOC, "utf8"), apiSetSection(uses, minimum)),
  );
  console.log(`wrote ${path.relative(process.cwd(), REQUIREMENTS_DOC)} (${uses.length} uses)`);
}
