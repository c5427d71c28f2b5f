/**
 * Excel API compatibility, checked by the TypeScript compiler without an Excel (issue 17): one program
 * over the Office adapter, the in-memory Excel and a few in-memory fixtures, with @types/office-js.
 *
 * - Every member of the `Excel`/`Office` namespaces the adapter reaches (property, call, object-literal
 *   property given to Excel) is resolved to its declaration and that declaration's `[Api set: …]` note;
 *   a member above the manifest's `<Set Name="ExcelApi" MinVersion>` must sit under an
 *   `isSetSupported("ExcelApi", v)` guard with v at least its version (scripts/api-set-doc.ts follows the
 *   guard through flags, options, parameters, locals and wrappers). Fixtures show that an unguarded,
 *   wrongly guarded or sometimes-unguarded use fails the check.
 * - docs/requirements.md's generated section lists exactly the guarded members found.
 * - Properties named in `load("…")` strings count as uses; an unreadable load argument fails.
 * - The in-memory Excel's classes offer no public member that the Excel class they stand for lacks, and
 *   refuse each member the adapter uses at exactly the typings' version (src/host/memory/versions.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { API_SINCE } from "../../src/host/memory/versions";
import {
  adapterFiles,
  apiSetNote,
  apiSetSection,
  compareVersions,
  createApiProgram,
  findApiUses,
  isAboveMinimum,
  isAllowed,
  isOfficeTypes,
  manifestMinimum,
  MANIFEST,
  memoryFiles,
  parseApiSet,
  REQUIREMENTS_DOC,
  ROOT,
  withSection,
  type ApiUse,
} from "../../scripts/api-set-doc";

const FIXTURE_DIR = path.join(ROOT, "test", "host", "api-set-fixtures");

/** Each fixture: a small adapter-like file and, per line marked `// ok` or `// FAIL`, what the check
 *  must say about the Excel members used on that line. */
const FIXTURES: Record<string, string> = {
  "unguarded.ts": `
export function paint(context: Excel.RequestContext): void {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  ws.getRanges("A1,B2").format.fill.color = "#FF0000"; // FAIL
}
`,
  "guarded-if.ts": `
export function paint(context: Excel.RequestContext): void {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) {
    ws.getRanges("A1,B2").format.fill.color = "#FF0000"; // ok
  } else {
    ws.getRanges("A1,B2").format.fill.color = "#FF0000"; // FAIL
  }
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.9")) ws.getRanges("A1"); // FAIL
  else ws.getRanges("A1"); // ok
}
`,
  "too-low.ts": `
export function paint(context: Excel.RequestContext): void {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.8")) ws.getRanges("A1"); // FAIL
  if (Office.context.requirements.isSetSupported("WordApi", "1.9")) ws.getRanges("A1"); // FAIL
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.13")) ws.getRange().getMergedAreasOrNullObject(); // ok
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.12")) ws.getRange().getMergedAreasOrNullObject(); // FAIL
}
`,
  "early-return.ts": `
export function merges(context: Excel.RequestContext): Excel.RangeAreas | null {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.13")) return null;
  return ws.getRange().getMergedAreasOrNullObject(); // ok
}
export function notEarly(context: Excel.RequestContext): void {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.13")) console.log("old");
  ws.getRange().getMergedAreasOrNullObject(); // FAIL
}
`,
  "ternary.ts": `
export function target(context: Excel.RequestContext, fast: boolean): Excel.Range | Excel.RangeAreas {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  const v19 = Office.context.requirements.isSetSupported("ExcelApi", "1.9");
  const a = v19 ? ws.getRanges("A1,B2") : ws.getRange("A1"); // ok
  const b = fast ? ws.getRanges("A1,B2") : ws.getRange("A1"); // FAIL
  return v19 && a ? a : b;
}
`,
  "flags.ts": `
interface Flags { fast: boolean; merges: boolean }
const is = (v: string) => Office.context.requirements.isSetSupported("ExcelApi", v);
export function detect(): Flags {
  return { fast: is("1.9"), merges: is("1.13") };
}
export function detectForTests(): Flags {
  return { fast: true, merges: is("1.13") };
}
export function paint(context: Excel.RequestContext, flags: Flags): void {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  if (flags.fast) ws.getRanges("A1"); // FAIL
  if (flags.merges) ws.getRange().getMergedAreasOrNullObject(); // ok
  queue(ws, flags.merges);
  queue(ws, true);
}
function queue(ws: Excel.Worksheet, guarded: boolean): void {
  if (guarded) ws.getRanges("A1"); // FAIL
}
interface Merges {
  merges: boolean;
}
export const detected: Merges = { merges: is("1.13") };
class AlwaysMerges implements Merges {
  merges = true;
}
export function paintWith(context: Excel.RequestContext, flags: Merges): void {
  if (flags.merges) context.workbook.worksheets.getItem("S").getRange().getMergedAreasOrNullObject(); // FAIL
}
export const always = new AlwaysMerges();
`,
  "union.ts": `
function mark(target: Excel.Range | Excel.RangeAreas): void {
  target.conditionalFormats.add("Custom"); // ok
}
function markLoose(target: Excel.Range | Excel.RangeAreas): void {
  target.conditionalFormats.add("Custom"); // FAIL
}
export function paint(context: Excel.RequestContext): void {
  const ws = context.workbook.worksheets.getItem("S"); // ok
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) mark(ws.getRanges("A1,B2")); // ok
  else mark(ws.getRange("A1")); // ok
  markLoose(ws.getRange("A1")); // ok
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.8")) markLoose(ws.getRanges("A1,B2")); // FAIL
}
`,
  "maps.ts": `
const is = (v: string) => Office.context.requirements.isSetSupported("ExcelApi", v);
export function paint(context: Excel.RequestContext, names: string[], other: Map<string, boolean>): void {
  const fast = new Map(names.map((n) => [n, is("1.9")]));
  const loose = new Map(names.map((n) => [n, is("1.9")]));
  loose.set("x", true);
  for (const n of names) {
    const ws = context.workbook.worksheets.getItem(n); // ok
    if (fast.get(n) === true) ws.getRanges("A1"); // ok
    if (loose.get(n)) ws.getRanges("A1"); // FAIL
    if (other.get(n)) ws.getRanges("A1"); // FAIL
  }
}
`,
  "loads.ts": `
export function read(context: Excel.RequestContext, names: string, spill: boolean): void {
  const range = context.workbook.worksheets.getItem("S").getRange("A1"); // ok
  range.load("values,formulas"); // ok
  range.load("values,hasSpill"); // FAIL
  range.load(\`\${spill ? "hasSpill," : ""}values\`); // FAIL
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.12")) range.load("hasSpill"); // ok
  range.load(names); // FAIL
  range.load("noSuchProperty"); // FAIL
  context.workbook.worksheets.load("items/name,items/protection/protected"); // ok
}
`,
  "set-version.ts": `
export function calc(context: Excel.RequestContext): string {
  const mode = context.application.calculationMode; // ok
  context.application.calculationMode = "Manual"; // FAIL
  context.workbook.worksheets.getItem("S").pageLayout.zoom = { horizontalFitToPages: 1 }; // FAIL
  return mode;
}
`,
};

/** A mirror of Excel.Range with a member Excel's Range does not have (for the member check). */
const MIRROR_FIXTURE = `
export class RangeMirror {
  declare values: unknown[][];
  inventedMember(): void {}
  private hidden = 1;
}
`;

const fixturePath = (name: string) => path.join(FIXTURE_DIR, name);
const VIRTUAL: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FIXTURES).map(([name, text]) => [fixturePath(name), text])),
  [fixturePath("mirror.ts")]: MIRROR_FIXTURE,
};
const ADAPTER = adapterFiles();
const MEMORY = memoryFiles();

// One program for everything below.
const program = createApiProgram([...ADAPTER, ...MEMORY], VIRTUAL);
const checker = program.getTypeChecker();
const minimum = { set: "ExcelApi", version: manifestMinimum(readFileSync(MANIFEST, "utf8")) };
const allUses = findApiUses(program, [...ADAPTER, ...Object.keys(FIXTURES).map(fixturePath)]);
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");
const adapterRel = new Set(ADAPTER.map(rel));
const uses = allUses.filter((u) => adapterRel.has(u.file));

const show = (u: ApiUse) =>
  `${u.file}:${u.line} ${u.member}${u.write ? " (set)" : ""} needs ${u.needs?.set} ${u.needs?.version}, ` +
  `guarded by ${JSON.stringify([...u.guarded])}`;

describe("the manifest and the typings", () => {
  it("reads the minimum from manifest.xml", () => {
    expect(minimum.version).toMatch(/^1\.\d+$/);
  });

  it("reads the [Api set: …] notes as they are written", () => {
    expect(parseApiSet(" ExcelApi 1.9")).toMatchObject({
      read: { set: "ExcelApi", version: "1.9" },
      understood: true,
    });
    expect(parseApiSet(" ExcelApi 1.1 for get, 1.8 for set")).toMatchObject({
      read: { version: "1.1" },
      write: { version: "1.8" },
      understood: true,
    });
    expect(parseApiSet(" ExcelApi 1.1 for getting the name; 1.4 for setting it.")).toMatchObject({
      read: { version: "1.1" },
      write: { version: "1.4" },
    });
    expect(parseApiSet(" ExcelApiOnline 1.1")).toMatchObject({
      read: { set: "ExcelApiOnline", version: "1.1" },
    });
    expect(
      parseApiSet(" ExcelApi 1.1 for adding a single row; 1.4 allows adding of multiple rows"),
    ).toMatchObject({
      understood: false,
    });
    expect(compareVersions("1.13", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("BETA", "1.99")).toBeGreaterThan(0);
  });
});

describe("guard detection on in-memory fixtures", () => {
  for (const [name, text] of Object.entries(FIXTURES)) {
    it(`${name}: each marked line is judged as marked`, () => {
      const file = rel(fixturePath(name));
      const here = allUses.filter((u) => u.file === file);
      const lines = text.split("\n");
      const marked = lines.flatMap((line, i) => {
        const m = /\/\/ (ok|FAIL)$/.exec(line);
        return m ? [{ line: i + 1, fail: m[1] === "FAIL" }] : [];
      });
      expect(marked.length).toBeGreaterThan(0);
      for (const { line, fail } of marked) {
        const onLine = here.filter((u) => u.line === line);
        expect(onLine.length).toBeGreaterThan(0);
        const failing = onLine.filter((u) => !isAllowed(u, minimum));
        if (fail) expect({ line, failing: failing.length > 0 }).toEqual({ line, failing: true });
        else expect({ line, failing: failing.map(show) }).toEqual({ line, failing: [] });
      }
      // Unmarked lines use nothing above the minimum.
      const markedLines = new Set(marked.map((m) => m.line));
      expect(here.filter((u) => !markedLines.has(u.line) && isAboveMinimum(u, minimum)).map(show)).toEqual(
        [],
      );
    });
  }
});

describe("the Office adapter", () => {
  it("reaches Excel members through the compiler, and every one has an understood note", () => {
    const excel = uses.filter((u) => u.member.startsWith("Excel."));
    expect(new Set(excel.map((u) => u.member)).size).toBeGreaterThan(50);
    // Excel members without a note are the proxy plumbing (load, items, run, the context's objects).
    const untagged = new Set(excel.filter((u) => !u.note).map((u) => u.member.split(".").pop()));
    expect([...untagged].sort()).toEqual(["application", "items", "load", "run", "workbook"]);
    expect(uses.filter((u) => u.note && !u.note.understood).map(show)).toEqual([]);
  });

  it(`uses nothing above the manifest's minimum without an isSetSupported guard`, () => {
    expect(uses.filter((u) => !isAllowed(u, minimum)).map(show)).toEqual([]);
    expect(uses.filter((u) => isAboveMinimum(u, minimum)).length).toBeGreaterThan(0);
  });

  it("docs/requirements.md lists exactly the guarded members (npx tsx scripts/api-set-doc.ts)", () => {
    const doc = readFileSync(REQUIREMENTS_DOC, "utf8");
    const section = apiSetSection(uses, minimum);
    expect(withSection(doc, section)).toBe(doc);
    const listed = section
      .split("\n")
      .filter((l) => l.startsWith("| `"))
      .map((l) => l.slice(3, l.indexOf("`", 3)).replace(/ \((set|load)\)$/, ""));
    const guarded = new Set(uses.filter((u) => isAboveMinimum(u, minimum)).map((u) => u.member));
    expect([...new Set(listed)].sort()).toEqual([...guarded].sort());
  });
});

/** The Excel class each in-memory class stands for: the type name it gives its ClientObject base
 *  (`super(context, "Range", …)`), else its own name when Excel has a class of that name. */
function excelNamespace(): ts.Symbol {
  const ns = checker
    .getSymbolsInScope(program.getSourceFile(MEMORY[0])!, ts.SymbolFlags.Namespace)
    .find((s) => s.name === "Excel");
  if (!ns) throw new Error("no Excel namespace");
  return ns;
}

function mirrors(): { cls: ts.ClassDeclaration; excel: ts.Symbol }[] {
  const exports = checker.getExportsOfModule(excelNamespace());
  const out: { cls: ts.ClassDeclaration; excel: ts.Symbol }[] = [];
  for (const f of MEMORY) {
    const sf = program.getSourceFile(f)!;
    sf.forEachChild((node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      let name: string = node.name.text;
      const ctor = node.members.find(ts.isConstructorDeclaration);
      ctor?.body?.forEachChild(function find(n): void {
        if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const arg = n.arguments[1];
          if (arg && ts.isStringLiteral(arg)) name = arg.text;
        } else n.forEachChild(find);
      });
      const excel = exports.find((s) => s.name === name && s.flags & ts.SymbolFlags.Class);
      if (excel) out.push({ cls: node, excel });
    });
  }
  return out;
}

/** The classes a class extends (its own name first). */
function classChain(cls: ts.ClassDeclaration): string[] {
  const out: string[] = [];
  let type: ts.Type | undefined = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(cls.name!)!);
  while (type) {
    out.push(type.symbol.name);
    type = checker.getBaseTypes(type as ts.InterfaceType)[0];
  }
  return out;
}

/** Public instance members of a class (own and inherited), with the class that declares each and the
 *  classes it extends. */
function publicMembers(cls: ts.ClassDeclaration): { name: string; owner: string; bases: string[] }[] {
  const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(cls.name!)!);
  const bases = classChain(cls).slice(1);
  return checker.getPropertiesOfType(type).flatMap((p) => {
    const decl = p.declarations?.[0];
    if (!decl || p.name.startsWith("#")) return [];
    const flags = ts.getCombinedModifierFlags(decl);
    if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return [];
    const owner = ts.findAncestor(decl, ts.isClassDeclaration)?.name?.text ?? "?";
    return [{ name: p.name, owner, bases }];
  });
}

/**
 * The simulator's own plumbing, public on its base classes (ClientObject: the Office.js proxy machinery;
 * MemoryRequestContext: the queue and requirement gating) and used across its files, so not removable.
 * Office.js has the same kind of machinery, undeclared. The adapter cannot reach these: it sees the
 * in-memory Excel only through the Excel types. The list is exact — a new undeclared member, or one of
 * these gone, fails the test.
 */
const PLUMBING: Record<string, string[]> = {
  ClientObject: ["capture", "nullable", "path", "queueSet", "resolve", "resolveTarget", "typeName"],
  MemoryRequestContext: ["closed", "data", "enqueue", "gate", "requireApi", "requireMember"],
};

/** Members Excel's typings lack that the simulator's base class gives a mirror anyway (reported, not
 *  removable without changing the base class every mirror shares). */
const INHERITED_EXTRAS: string[] = [];

describe("the in-memory Excel", () => {
  const found = mirrors();

  it("stands for every Excel class the adapter uses", () => {
    const names = new Set(found.map((m) => m.excel.name));
    const excelClasses = new Set(
      uses
        .filter((u) => u.member.startsWith("Excel.") && u.member.split(".").length === 3)
        .map((u) => u.member.split(".")[1])
        .filter((type) => {
          const sym = checker.getExportsOfModule(excelNamespace()).find((s) => s.name === type);
          return sym !== undefined && (sym.flags & ts.SymbolFlags.Class) !== 0;
        }),
    );
    expect(excelClasses.size).toBeGreaterThan(10);
    expect([...excelClasses].filter((type) => !names.has(type))).toEqual([]);
  });

  it("offers no public member that the Excel class lacks (beyond its named plumbing)", () => {
    const extra: string[] = [];
    const plumbingSeen = new Set<string>();
    const extrasSeen = new Set<string>();
    for (const { cls, excel } of found) {
      const excelType = checker.getDeclaredTypeOfSymbol(excel);
      for (const m of publicMembers(cls)) {
        if (excelType.getProperty(m.name)) continue;
        const base = Object.keys(PLUMBING).find((b) => PLUMBING[b].includes(m.name) && m.bases.includes(b));
        if (base) plumbingSeen.add(`${base}.${m.name}`);
        else if (INHERITED_EXTRAS.includes(`${excel.name}.${m.name}`))
          extrasSeen.add(`${excel.name}.${m.name}`);
        else extra.push(`${cls.name!.text} (Excel.${excel.name}).${m.name} [declared in ${m.owner}]`);
      }
    }
    expect(extra.sort()).toEqual([]);
    const plumbing = Object.entries(PLUMBING).flatMap(([b, names]) => names.map((n) => `${b}.${n}`));
    expect([...plumbingSeen].sort()).toEqual(plumbing.sort());
    expect([...extrasSeen].sort()).toEqual([...INHERITED_EXTRAS].sort());
  });

  /** The ExcelApi version at which the simulator refuses a member (src/host/memory/versions.ts): its own
   *  entry, else the later of its class's and (for a navigation property) the class it leads to. */
  function gateOf(excelClass: string, member: string, excelProp: ts.Symbol): string {
    const own = API_SINCE[`${excelClass}.${member}`];
    if (own !== undefined) return `1.${own}`;
    const leadsTo = checker.getNonNullableType(checker.getTypeOfSymbol(excelProp)).symbol?.name;
    const nav = excelProp.flags & ts.SymbolFlags.Method ? undefined : API_SINCE[leadsTo ?? ""];
    return `1.${Math.max(API_SINCE[excelClass] ?? 1, nav ?? 1)}`;
  }

  /** Where the simulator's gate and the typings differ, for members the adapter does not use: stricter
   *  (refuses at a higher version than Excel) or more lenient (lets an older Excel do it). Reported, exact. */
  const GATE_DIFFERENCES: string[] = [];

  it("refuses each member at the version the typings give it (versions.ts)", () => {
    const differences: string[] = [];
    const unclear: string[] = [];
    const usedByAdapter = new Set(uses.map((u) => u.member));
    for (const { cls, excel } of found) {
      const excelType = checker.getDeclaredTypeOfSymbol(excel);
      for (const m of publicMembers(cls)) {
        const prop = excelType.getProperty(m.name);
        const decl = prop?.declarations?.find((d) => isOfficeTypes(d));
        const note = decl && apiSetNote(decl);
        if (!prop || !note) continue;
        if (!note.understood) {
          unclear.push(`${excel.name}.${m.name}`);
          continue;
        }
        const gate = gateOf(excel.name, m.name, prop);
        if (note.read.set === "ExcelApi" && compareVersions(note.read.version, gate) !== 0) {
          const line = `${excel.name}.${m.name}: typings ExcelApi ${note.read.version}, simulator ${gate}`;
          // What the adapter uses must be gated exactly as in Excel.
          expect({ line, usedByAdapter: usedByAdapter.has(`Excel.${excel.name}.${m.name}`) }).toEqual({
            line,
            usedByAdapter: false,
          });
          differences.push(line);
        }
      }
    }
    expect(differences.sort()).toEqual(GATE_DIFFERENCES);
    // Notes in a form not read here (e.g. "ExcelApi 1.2 for options; 1.7 for password"): none on a
    // member the simulator offers.
    expect(unclear.sort()).toEqual([]);
  });

  it("the member check is real: a mirror with an invented member fails it", () => {
    const fake = found.find((m) => m.excel.name === "Range")!;
    const excelType = checker.getDeclaredTypeOfSymbol(fake.excel);
    const names = publicMembers(fake.cls).map((m) => m.name);
    expect(names).toContain("values");
    expect(names.filter((n) => !excelType.getProperty(n))).not.toContain("values");
    expect(excelType.getProperty("inventedMember")).toBeUndefined();
    const fixture = program.getSourceFile(fixturePath("mirror.ts"))!;
    const cls = fixture.statements.find(ts.isClassDeclaration)!;
    const extra = publicMembers(cls)
      .filter((m) => !excelType.getProperty(m.name))
      .map((m) => m.name);
    expect(extra).toEqual(["inventedMember"]);
  });
});
