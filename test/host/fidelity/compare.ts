/**
 * The fidelity suite's comparison of a scored copy with its input, part by part: every part the copy
 * may not edit is the input's zip entry itself (compressed bytes, CRC, sizes, method) and inflates to
 * the same bytes; each part it may edit — the sheets its ledger names, the style sheet, the workbook,
 * its relationships, the content types — equals the input once the product's own cells, conditional
 * formats, style records, sheet entries, relationships and overrides are taken out; the only new parts
 * are the product's new sheets. Throws (jest expectations) naming the part that differs.
 */
import { DOMParser } from "@xmldom/xmldom";
import { Archive } from "../../../src/host/xlsx/archive";
import { isMarkFormula } from "../../../src/host/xlsx/names";
import { openWorkbook, type OpenedWorkbook } from "../../../src/host/xlsx/open";
import { scanSheet } from "../../../src/host/xlsx/sheet-scan";
import type { LedgerEntry } from "../../../src/engine/types";

export interface Comparison {
  /** Parts copied as the input's entries. */
  same: string[];
  /** Parts the copy edited (each checked equal but for the product's own content). */
  edited: string[];
  /** Parts the copy added (its new sheets). */
  added: string[];
  /** The copy as the reader opens it. */
  opened: OpenedWorkbook;
  entries: LedgerEntry[];
}

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function layoutOf(xml: string) {
  return scanSheet(xml, { name: "x", sharedStrings: [], date1904: false, isMark: isMarkFormula }).layout;
}

/** Where the product's marks are: the `<conditionalFormatting>` blocks whose every rule is an
 *  expression holding the marker "绩效评价助手|severity|token" (found here by the text, not by the
 *  product's reader). */
export function ourFormats(xml: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of xml.matchAll(/<(\w+:)?conditionalFormatting\b[^>]*>[\s\S]*?<\/\1conditionalFormatting>/g)) {
    const rules = [...m[0].matchAll(/<(?:\w+:)?cfRule\b([^>]*)>/g)];
    const marks = m[0].match(/"绩效评价助手\|(error|warning|info)\|[^"]*"/g) ?? [];
    if (rules.length && rules.every((r) => /\stype="expression"/.test(r[1])) && marks.length === rules.length)
      out.push([m.index as number, (m.index as number) + m[0].length]);
  }
  return out;
}

/** A sheet's text without the cells at `addresses` (and the rows `drop` lists when left empty), the
 *  product's conditional formats, `<dimension>` and row `spans`. */
export function sheetWithoutOurs(xml: string, addresses: Set<string>, keepRows: Set<number> | null): string {
  const layout = layoutOf(xml);
  const cuts: [number, number][] = [];
  layout.rowNum.forEach((row, i) => {
    let left = 0;
    const mine: [number, number][] = [];
    for (let k = layout.rowFirst[i]; k < layout.rowFirst[i] + layout.rowCount[i]; k++) {
      if (addresses.has(`${colName(layout.cellCol[k])}${row + 1}`))
        mine.push([layout.cellStart[k], layout.cellEnd[k]]);
      else left++;
    }
    if (keepRows && !keepRows.has(row) && left === 0) cuts.push([layout.rowStart[i], layout.rowEnd[i]]);
    else cuts.push(...mine);
  });
  for (const cf of ourFormats(xml)) cuts.push(cf);
  cuts.sort((a, b) => a[0] - b[0]);
  let out = "";
  let pos = 0;
  for (const [a, b] of cuts) {
    out += xml.slice(pos, a);
    pos = b;
  }
  out += xml.slice(pos);
  return out.replace(/<(\w+:)?dimension ref="[^"]*"\/>/, "").replace(/ spans="[^"]*"/g, "");
}

function rowsOf(xml: string): Set<number> {
  return new Set(layoutOf(xml).rowNum);
}

/** Remove the elements matched by `re` for which `drop` says so. */
function without(xml: string, re: RegExp, drop: (m: string) => boolean): string {
  return xml.replace(re, (m) => (drop(m) ? "" : m));
}

function attrOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

const STYLE_LISTS = ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"];
const RECORD: Record<string, string> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellXfs: "xf",
  dxfs: "dxf",
};

/** The style sheet with the product's appended records taken out (each list must start with the
 *  input's records, in order; what follows may only be records of that list). */
function stylesWithoutOurs(before: string, after: string): string {
  let out = after;
  for (const list of STYLE_LISTS) {
    const re = new RegExp(`<(\\w+:)?${list}\\b[^>]*?(?:/>|>([\\s\\S]*?)</\\1${list}>)`);
    const a = re.exec(before);
    const b = re.exec(out);
    if (!b) continue;
    const inner = b[2] ?? "";
    const kept = a?.[2] ?? "";
    expect({ list, starts: inner.startsWith(kept) }).toEqual({ list, starts: true });
    const added = inner.slice(kept.length);
    const rec = RECORD[list];
    const p = b[1] ?? "";
    const rest = added.replace(
      new RegExp(`<${p}${rec}\\b[^>]*/>|<${p}${rec}\\b[^>]*>[\\s\\S]*?</${p}${rec}>`, "g"),
      "",
    );
    expect({ list, rest }).toEqual({ list, rest: "" });
    out = out.replace(re, a ? a[0] : "");
  }
  return out;
}

function wellFormed(name: string, xml: string): void {
  const errors: string[] = [];
  new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(xml, "text/xml");
  expect({ name, errors }).toEqual({ name, errors: [] });
}

/** The `<xf>` records of a style sheet's cellXfs, as text. */
function cellXfs(styles: string | undefined): string[] {
  const list = /<(\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/\1cellXfs>/.exec(styles ?? "")?.[2] ?? "";
  return list.match(/<(\w+:)?xf\b[^>]*\/>|<(\w+:)?xf\b[^>]*>[\s\S]*?<\/(\w+:)?xf>/g) ?? [];
}

/** Each cell the product wrote where the input had a cell keeps that cell's style — its font (an
 *  indexed colour), fill, border, alignment, protection and named cell style (xfId) — with at most
 *  another number format. */
function cellStylesKept(
  sheet: string,
  x: string,
  y: string,
  addresses: Set<string>,
  before: OpenedWorkbook,
  after: OpenedWorkbook,
): void {
  const styleAt = (xml: string) => {
    const L = layoutOf(xml);
    const at = new Map<string, number>();
    L.rowNum.forEach((row, i) => {
      for (let k = L.rowFirst[i]; k < L.rowFirst[i] + L.rowCount[i]; k++)
        at.set(`${colName(L.cellCol[k])}${row + 1}`, L.cellStyle[k]);
    });
    return at;
  };
  const [sa, sb] = [styleAt(x), styleAt(y)];
  const [xa, xb] = [cellXfs(before.styles?.xml), cellXfs(after.styles?.xml)];
  const plain = (xf: string | undefined) =>
    (xf ?? "").replace(/\s(numFmtId|applyNumberFormat)="[^"]*"/g, "").replace(/\s*\/>$/, "/>");
  for (const address of addresses) {
    const a = sa.get(address);
    if (a === undefined) continue;
    const b = sb.get(address);
    expect({ sheet, address, style: plain(xb[b ?? 0]) }).toEqual({ sheet, address, style: plain(xa[a]) });
  }
}

/** Compare the copy `output` with `input` part by part (see the file's comment). */
export async function comparePackages(input: Uint8Array, output: Uint8Array): Promise<Comparison> {
  const a = await Archive.open("in.xlsx", input);
  const b = await Archive.open("out.xlsx", output);
  const before = await openWorkbook("in.xlsx", input);
  const opened = await openWorkbook("out.xlsx", output);
  const ledger = opened.ledger;
  expect(ledger).not.toBeNull();
  const entries = ledger?.entries ?? [];
  const marks = ledger?.marks ?? [];
  const inputSheets = new Map(before.book.sheets.map((s) => [s.name, s]));
  const newSheets = opened.book.sheets.filter((s) => !inputSheets.has(s.name));
  const scored = new Set([...entries, ...marks].map((e) => e.sheet));
  const editable = new Set([
    "[Content_Types].xml",
    before.book.workbookPart,
    before.book.workbookRelsPart,
    before.book.stylesPart ?? "xl/styles.xml",
  ]);
  for (const name of scored) {
    const part = inputSheets.get(name)?.part;
    if (part) editable.add(part);
  }
  // an earlier run's own sheets (a scored copy scored again): the ledger sheet, the summary sheet
  const ours = new Set<string>();
  if (before.ledgerSheet) ours.add(before.ledgerSheet.part);
  const summary = before.ledger?.summarySheet;
  if (summary && inputSheets.get(summary)?.part) ours.add(inputSheets.get(summary)?.part as string);
  for (const part of ours) editable.add(part);

  const result: Comparison = { same: [], edited: [], added: [], opened, entries };
  const inputNames = new Set(a.names());
  expect(a.names().filter((n) => !b.has(n))).toEqual([]);
  const added = b.names().filter((n) => !inputNames.has(n));
  expect(added.sort()).toEqual(newSheets.map((s) => s.part as string).sort());
  result.added = added;
  for (const name of added) wellFormed(name, (await b.text(name)) as string);

  for (const name of a.names()) {
    const [ea, eb] = [a.entry(name), b.entry(name)];
    const rawA = Buffer.from(await a.raw(name));
    const rawB = Buffer.from(await b.raw(name));
    const identical =
      rawA.equals(rawB) &&
      ea?.crc32 === eb?.crc32 &&
      ea?.compressionMethod === eb?.compressionMethod &&
      ea?.uncompressedSize === eb?.uncompressedSize;
    if (identical) {
      expect({
        name,
        same: Buffer.from((await a.bytes(name)) as Buffer).equals((await b.bytes(name)) as Buffer),
      }).toEqual({
        name,
        same: true,
      });
      result.same.push(name);
      continue;
    }
    // a part the product may not edit must be the input's entry
    expect({ name, edited: editable.has(name) }).toEqual({ name, edited: true });
    const x = (await a.text(name)) as string;
    const y = (await b.text(name)) as string;
    wellFormed(name, y);
    result.edited.push(name);
    const sheet = before.book.sheets.find((s) => s.part === name);
    if (ours.has(name)) continue; // the product's own sheet, written whole
    if (sheet) {
      const addresses = new Set(entries.filter((e) => e.sheet === sheet.name).map((e) => e.address));
      expect({ name, text: sheetWithoutOurs(y, addresses, rowsOf(x)) }).toEqual({
        name,
        text: sheetWithoutOurs(x, addresses, null),
      });
      cellStylesKept(sheet.name, x, y, addresses, before, opened);
    } else if (name === "[Content_Types].xml") {
      const dropped = without(
        y,
        /<Override\b[^>]*\/>/g,
        (m) => !x.includes(`PartName="${attrOf(m, "PartName")}"`),
      );
      expect({ name, text: dropped }).toEqual({ name, text: x });
    } else if (name === before.book.workbookRelsPart) {
      const ids = new Set(before.book.workbookRels.map((r) => r.id));
      const dropped = without(y, /<(\w+:)?Relationship\b[^>]*\/>/g, (m) => !ids.has(attrOf(m, "Id") ?? ""));
      expect({ name, text: dropped }).toEqual({ name, text: x });
    } else if (name === before.book.workbookPart) {
      const names = new Set(newSheets.map((s) => s.name));
      const unescape = (s: string) =>
        s
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&");
      const dropped = without(y, /<(\w+:)?sheet\b[^>]*\/>/g, (m) =>
        names.has(unescape(attrOf(m, "name") ?? "")),
      );
      expect({ name, text: dropped }).toEqual({ name, text: x });
    } else {
      expect({ name, text: stylesWithoutOurs(x, y) }).toEqual({ name, text: x });
    }
  }
  return result;
}
