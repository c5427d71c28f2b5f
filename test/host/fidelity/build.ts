/**
 * The fidelity suite's fixture builder: .xlsx packages written part by part as hand-written XML text,
 * the way each real producer writes them (Excel, LibreOffice, openpyxl, WPS) — their namespaces and
 * attributes, relationship targets (openpyxl's are absolute), shared strings, docProps — never
 * ExcelJS's output. Every fixture holds the sample's budget table (预算执行) and indicator table
 * (指标评分), so the command line has cells to write; a feature adds its own parts and elements.
 */
import JSZip from "jszip";
import { GAOZHUANG_SHEETS } from "../../../examples/source/gaozhuang-2023";
import type { CellValue } from "../../../src/engine/types";

export type Producer = "excel" | "libreoffice" | "openpyxl" | "wps";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkg: "http://schemas.openxmlformats.org/package/2006/relationships",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  x14ac: "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac",
  x14: "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
  xm: "http://schemas.microsoft.com/office/excel/2006/main",
  xr: "http://schemas.microsoft.com/office/spreadsheetml/2014/revision",
};
const REL = NS.r;
export const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** Content types of the parts a fixture adds. */
export const TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
  custom: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
  theme: "application/vnd.openxmlformats-officedocument.theme+xml",
};

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function col(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** CT_Worksheet's children in schema order. */
const ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The shared string table, in first-use order (as every producer here builds it). */
export class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;

  id(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  xml(producer: Producer): string {
    const items = this.list
      .map((t) =>
        producer === "libreoffice" || /^\s|\s$/.test(t)
          ? `<si><t xml:space="preserve">${esc(t)}</t></si>`
          : `<si><t>${esc(t)}</t></si>`,
      )
      .join("");
    return `${DECL}<sst xmlns="${NS.main}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

export interface CellSpec {
  /** A formula (without "=") and its cached value. */
  f?: string;
  /** Extra attributes of the formula's element (t="shared" ref=… si=…). */
  fAttrs?: string;
  v?: CellValue;
  s?: number;
}

export interface SheetSpec {
  name: string;
  rows: CellValue[][];
  merges?: string[];
  /** Cells by A1 address, over `rows` (a formula, a style). */
  cells?: Record<string, CellSpec>;
  /** Extra attributes of row N (1-based), e.g. ' hidden="1"'; an empty row with attributes is written. */
  rowAttrs?: Record<number, string>;
  /** Top-level elements by name (the whole element's text), placed in schema order. */
  elements?: Record<string, string>;
  /** Extra namespace declarations of the root. */
  rootNs?: string;
  /** Relationships of the sheet part: [type (short), target]. Ids rId1… in order. */
  rels?: [string, string][];
  state?: "hidden" | "veryHidden";
  /** Default cell style of the strings and numbers of `rows` (none: 0). */
  style?: number;
}

function relType(t: string): string {
  return t.startsWith("http") ? t : `${REL}/${t}`;
}

function rootOf(producer: Producer, extraNs: string): string {
  if (producer === "excel")
    return (
      `<worksheet xmlns="${NS.main}" xmlns:r="${REL}" xmlns:mc="${NS.mc}" mc:Ignorable="x14ac xr xr2 xr3" ` +
      `xmlns:x14ac="${NS.x14ac}" xmlns:xr="${NS.xr}" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" ` +
      `xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{5C3B3B0E-7E64-4A7C-9C6C-2B8E0A1D4F10}"${extraNs}>`
    );
  if (producer === "libreoffice")
    return (
      `<worksheet xmlns="${NS.main}" xmlns:r="${REL}" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ` +
      `xmlns:x14="${NS.x14}" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" xmlns:mc="${NS.mc}"${extraNs}>`
    );
  if (producer === "wps")
    return (
      `<worksheet xmlns="${NS.main}" xmlns:r="${REL}" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ` +
      `xmlns:x14="${NS.x14}" xmlns:mc="${NS.mc}" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"${extraNs}>`
    );
  return `<worksheet xmlns="${NS.main}"${extraNs.includes('xmlns:r="') ? "" : ` xmlns:r="${REL}"`}${extraNs}>`;
}

function cellXml(
  producer: Producer,
  ref: string,
  v: CellValue,
  spec: CellSpec | undefined,
  s: number,
  strings: Strings,
) {
  const style = spec?.s ?? s;
  const sa = style || producer === "libreoffice" ? ` s="${style}"` : "";
  if (spec?.f !== undefined) {
    const value = spec.v === undefined ? v : spec.v;
    const t = typeof value === "string" ? ' t="str"' : "";
    const cached = value === null || value === undefined ? "" : `<v>${esc(String(value))}</v>`;
    return `<c r="${ref}"${sa}${t}><f${spec.fAttrs ?? ""}>${esc(spec.f)}</f>${cached}</c>`;
  }
  const value = spec?.v !== undefined ? spec.v : v;
  if (value === null || value === undefined) return spec || s ? `<c r="${ref}"${sa}/>` : "";
  if (typeof value === "number")
    return producer === "libreoffice"
      ? `<c r="${ref}"${sa} t="n"><v>${value}</v></c>`
      : `<c r="${ref}"${sa}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${sa} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${sa} t="s"><v>${strings.id(value)}</v></c>`;
}

/** A worksheet part's text. */
export function worksheetXml(
  producer: Producer,
  sheet: SheetSpec,
  strings: Strings,
  selected: boolean,
): string {
  const width = sheet.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const rows: string[] = [];
  const cellRows = new Map<number, Map<number, CellSpec>>();
  for (const [ref, spec] of Object.entries(sheet.cells ?? {})) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref) as RegExpExecArray;
    let c = 0;
    for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    const r = Number(m[2]) - 1;
    if (!cellRows.has(r)) cellRows.set(r, new Map());
    (cellRows.get(r) as Map<number, CellSpec>).set(c - 1, spec);
  }
  const height = Math.max(
    sheet.rows.length,
    ...[...cellRows.keys()].map((r) => r + 1),
    ...Object.keys(sheet.rowAttrs ?? {}).map(Number),
  );
  let maxCol = width - 1;
  for (const m of cellRows.values()) for (const c of m.keys()) maxCol = Math.max(maxCol, c);
  for (let r = 0; r < height; r++) {
    const values = sheet.rows[r] ?? [];
    const specs = cellRows.get(r);
    const cols = new Set<number>([...values.keys(), ...(specs?.keys() ?? [])]);
    const cells = [...cols]
      .sort((a, b) => a - b)
      .map((c) =>
        cellXml(producer, `${col(c)}${r + 1}`, values[c] ?? null, specs?.get(c), sheet.style ?? 0, strings),
      )
      .join("");
    const extra = sheet.rowAttrs?.[r + 1] ?? "";
    if (!cells && !extra && producer !== "libreoffice") continue;
    let attrs: string;
    if (producer === "excel") attrs = ` spans="1:${maxCol + 1}"${extra} x14ac:dyDescent="0.2"`;
    else if (producer === "libreoffice")
      attrs = extra
        ? ` customFormat="false" ht="12.8"${extra} customHeight="false" outlineLevel="0" collapsed="false"`
        : ' customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"';
    else if (producer === "wps") attrs = ` spans="1:${maxCol + 1}"${extra}`;
    else attrs = extra;
    rows.push(cells ? `<row r="${r + 1}"${attrs}>${cells}</row>` : `<row r="${r + 1}"${attrs}/>`);
  }
  const els: Record<string, string> = {
    dimension: `<dimension ref="A1:${col(maxCol)}${height}"/>`,
    sheetViews:
      producer === "openpyxl"
        ? '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        : `<sheetViews><sheetView ${selected ? 'tabSelected="1" ' : ""}workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>`,
    sheetFormatPr:
      producer === "excel"
        ? '<sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/>'
        : producer === "libreoffice"
          ? '<sheetFormatPr defaultColWidth="11.53515625" defaultRowHeight="12.8" zeroHeight="false" outlineLevelRow="0" outlineLevelCol="0"/>'
          : '<sheetFormatPr defaultRowHeight="15"/>',
    sheetData: `<sheetData>${rows.join("")}</sheetData>`,
    pageMargins: '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
  };
  if (sheet.merges?.length)
    els.mergeCells = `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  if (producer === "excel" || producer === "wps")
    els.phoneticPr = '<phoneticPr fontId="1" type="noConversion"/>';
  Object.assign(els, sheet.elements ?? {});
  const body = ORDER.filter((n) => els[n])
    .map((n) => els[n])
    .join("");
  return `${DECL}${rootOf(producer, sheet.rootNs ?? "")}${body}</worksheet>`;
}

/** A package under construction: sheets, parts, workbook pieces. */
export class Book {
  readonly strings = new Strings();
  readonly sheets: SheetSpec[] = [];
  readonly parts = new Map<string, string | Uint8Array>();
  readonly overrides = new Map<string, string>();
  workbookHead = "";
  workbookTail = "";
  styles: string | null = null;
  /** Extra workbook relationships: [type, target]. */
  workbookRels: [string, string][] = [];
  /** docProps parts (core, app); defaults per producer when not set. */
  core: string | null = null;
  app: string | null = null;

  /** A last rewrite of each text part as built (a producer's own spelling, e.g. prefixed elements). */
  rewrite: ((name: string, text: string) => string) | null = null;

  constructor(readonly producer: Producer) {}

  sheet(spec: SheetSpec): SheetSpec {
    this.sheets.push(spec);
    return spec;
  }

  part(name: string, data: string | Uint8Array, contentType?: string): void {
    this.parts.set(name, data);
    if (contentType) this.overrides.set(name, contentType);
  }

  /** The target of a relationship from part `from` to part `to`, as this producer writes it. */
  target(from: string, to: string): string {
    if (this.producer === "openpyxl") return `/${to}`;
    const a = from.split("/").slice(0, -1);
    const b = to.split("/");
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
  }

  rels(from: string, rels: [string, string][]): string {
    const items = rels
      .map(([type, target], i) =>
        this.producer === "openpyxl"
          ? `<Relationship Type="${relType(type)}" Target="${esc(target)}" Id="rId${i + 1}"/>`
          : `<Relationship Id="rId${i + 1}" Type="${relType(type)}" Target="${esc(target)}"${/^https?:/.test(target) ? ' TargetMode="External"' : ""}/>`,
      )
      .join("");
    void from;
    return `${DECL}<Relationships xmlns="${NS.pkg}">${items}</Relationships>`;
  }

  /** Every part of the package by name. */
  build(): Map<string, string | Uint8Array> {
    const p = this.producer;
    const out = new Map<string, string | Uint8Array>();
    const overrides = new Map<string, string>();
    const wbRels: [string, string][] = [];
    const sheetEls: string[] = [];
    this.sheets.forEach((s, i) => {
      const part = `xl/worksheets/sheet${i + 1}.xml`;
      out.set(part, worksheetXml(p, s, this.strings, i === 0));
      overrides.set(part, TYPES.worksheet);
      if (s.rels?.length) out.set(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, this.rels(part, s.rels));
      wbRels.push(["worksheet", this.target("xl/workbook.xml", part)]);
      const state = s.state ? ` state="${s.state}"` : "";
      sheetEls.push(`<sheet name="${esc(s.name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`);
    });
    wbRels.push(["theme", this.target("xl/workbook.xml", "xl/theme/theme1.xml")]);
    wbRels.push(["styles", this.target("xl/workbook.xml", "xl/styles.xml")]);
    wbRels.push(["sharedStrings", this.target("xl/workbook.xml", "xl/sharedStrings.xml")]);
    wbRels.push(...this.workbookRels);
    out.set("xl/sharedStrings.xml", this.strings.xml(p));
    overrides.set(
      "xl/sharedStrings.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    );
    out.set("xl/styles.xml", this.styles ?? stylesXml(p));
    overrides.set("xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
    out.set("xl/theme/theme1.xml", THEME);
    overrides.set("xl/theme/theme1.xml", TYPES.theme);
    const wbRoot =
      p === "excel"
        ? `<workbook xmlns="${NS.main}" xmlns:r="${REL}" xmlns:mc="${NS.mc}" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:xr="${NS.xr}" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">`
        : `<workbook xmlns="${NS.main}" xmlns:r="${REL}">`;
    const head =
      this.workbookHead ||
      (p === "excel"
        ? '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>' +
          '<bookViews><workbookView xWindow="-108" yWindow="-108" windowWidth="23256" windowHeight="12576" xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/></bookViews>'
        : p === "libreoffice"
          ? '<fileVersion appName="Calc"/><workbookPr backupFile="false" showObjects="all" date1904="false"/><workbookProtection/>' +
            '<bookViews><workbookView showHorizontalScroll="true" showVerticalScroll="true" showSheetTabs="true" xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192" tabRatio="500" firstSheet="0" activeTab="0"/></bookViews>'
          : p === "openpyxl"
            ? '<workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
            : '<workbookPr/><bookViews><workbookView windowWidth="28800" windowHeight="12450"/></bookViews>');
    const tail =
      this.workbookTail ||
      (p === "excel"
        ? '<calcPr calcId="191029"/>'
        : p === "libreoffice"
          ? '<calcPr iterateCount="100" refMode="A1" iterate="false" iterateDelta="0.001"/>'
          : p === "openpyxl"
            ? '<calcPr calcId="124519" fullCalcOnLoad="1"/>'
            : '<calcPr calcId="144525"/>');
    out.set(
      "xl/workbook.xml",
      `${DECL}${wbRoot}${head}<sheets>${sheetEls.join("")}</sheets>${tail}</workbook>`,
    );
    overrides.set(
      "xl/workbook.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    );
    out.set("xl/_rels/workbook.xml.rels", this.rels("xl/workbook.xml", wbRels));
    out.set("docProps/core.xml", this.core ?? coreXml(p));
    overrides.set("docProps/core.xml", TYPES.core);
    out.set(
      "docProps/app.xml",
      this.app ??
        appXml(
          p,
          this.sheets.map((s) => s.name),
        ),
    );
    overrides.set("docProps/app.xml", TYPES.app);
    const rootRels: [string, string][] = [
      ["officeDocument", p === "openpyxl" ? "xl/workbook.xml" : "xl/workbook.xml"],
      [
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
      ],
      ["extended-properties", "docProps/app.xml"],
    ];
    if (this.parts.has("docProps/custom.xml")) rootRels.push(["custom-properties", "docProps/custom.xml"]);
    out.set("_rels/.rels", this.rels("", rootRels));
    for (const [name, data] of this.parts) out.set(name, data);
    for (const [name, type] of this.overrides) overrides.set(name, type);
    const defaults =
      '<Default Extension="png" ContentType="image/png"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="xml" ContentType="application/xml"/>';
    const types = [...overrides].map(([n, t]) => `<Override PartName="/${n}" ContentType="${t}"/>`).join("");
    const ct = `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults}${types}</Types>`;
    const ordered = new Map<string, string | Uint8Array>([["[Content_Types].xml", ct]]);
    for (const [n, d] of out) ordered.set(n, typeof d === "string" && this.rewrite ? this.rewrite(n, d) : d);
    return ordered;
  }

  async zip(): Promise<Buffer> {
    const zip = new JSZip();
    for (const [name, data] of this.build()) zip.file(name, data, { createFolders: false });
    return zip.generateAsync({
      type: "nodebuffer",
      compression: "DEFLATE",
      compressionOptions: { level: 6 },
    });
  }
}

/** Style sheet: 0 default, 1 bold title, 2 number "0.00", 3 wrapped text. */
export function stylesXml(
  producer: Producer,
  parts: {
    colors?: string;
    cellStyleXfs?: string;
    cellStyles?: string;
    extraXfs?: string;
    extraFonts?: string;
    dxfs?: string;
  } = {},
): string {
  const font =
    producer === "libreoffice"
      ? '<font><sz val="10"/><name val="Arial"/><family val="2"/></font>'
      : '<font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>';
  const fonts = [
    font,
    '<font><b/><sz val="14"/><name val="宋体"/><family val="3"/><charset val="134"/></font>',
    parts.extraFonts ?? "",
  ].join("");
  const fontCount = (fonts.match(/<font>/g) ?? []).length;
  const xfs =
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>' +
    (parts.extraXfs ?? "");
  const xfCount = (xfs.match(/<xf /g) ?? []).length;
  const styleXfs =
    parts.cellStyleXfs ??
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf>';
  const styleCount = (styleXfs.match(/<xf /g) ?? []).length;
  const cellStyles = parts.cellStyles ?? '<cellStyle name="常规" xfId="0" builtinId="0"/>';
  const cellStyleCount = (cellStyles.match(/<cellStyle /g) ?? []).length;
  const root =
    producer === "excel"
      ? `<styleSheet xmlns="${NS.main}" xmlns:mc="${NS.mc}" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="${NS.x14ac}" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="${NS.xr}">`
      : `<styleSheet xmlns="${NS.main}">`;
  const ext =
    producer === "excel"
      ? '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst>'
      : "";
  return (
    `${DECL}${root}<numFmts count="1"><numFmt numFmtId="176" formatCode="#,##0.00_ "/></numFmts>` +
    `<fonts count="${fontCount}"${producer === "excel" ? ' x14ac:knownFonts="1"' : ""}>${fonts}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right><top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>' +
    `<cellStyleXfs count="${styleCount}">${styleXfs}</cellStyleXfs>` +
    `<cellXfs count="${xfCount}">${xfs}</cellXfs>` +
    `<cellStyles count="${cellStyleCount}">${cellStyles}</cellStyles>` +
    (parts.dxfs ?? '<dxfs count="0"/>') +
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
    (parts.colors ?? "") +
    ext +
    "</styleSheet>"
  );
}

function coreXml(producer: Producer): string {
  const creator = { excel: "张会计", libreoffice: "评价组", openpyxl: "openpyxl", wps: "WPS_1700000000" }[
    producer
  ];
  return (
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T02:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-01T08:00:00Z</dcterms:modified></cp:coreProperties>'
  );
}

function appXml(producer: Producer, names: string[]): string {
  const app = {
    excel: "Microsoft Excel",
    libreoffice: "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2",
    openpyxl: "Microsoft Excel",
    wps: "WPS 表格",
  }[producer];
  return (
    `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>${app}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${esc(n)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
    "<AppVersion>16.0300</AppVersion></Properties>"
  );
}

const THEME =
  `${DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements>` +
  '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>' +
  '<a:fontScheme name="Office"><a:majorFont><a:latin typeface="等线 Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="等线"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>' +
  '<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>' +
  "</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>";

const SAMPLE = new Map(GAOZHUANG_SHEETS.map((s) => [s.name, s]));

function sampleSheet(name: string): { rows: CellValue[][]; merges: string[] } {
  const s = SAMPLE.get(name);
  if (!s) throw new Error(name);
  const merges = s.merges.map(
    (m) => `${col(m.col)}${m.row + 1}:${col(m.col + m.colCount - 1)}${m.row + m.rowCount}`,
  );
  return { rows: s.rows.map((r) => [...r]), merges };
}

/** The sample's budget sheet (预算执行: the product writes 执行率 and 调整率 into G4:H7). */
export function budgetSheet(extra: Partial<SheetSpec> = {}): SheetSpec {
  return { name: "预算执行", ...sampleSheet("预算执行"), ...extra };
}

/** The sample's indicator sheet (指标评分: the product writes 得分 and 得分率 in I and J). */
export function indicatorSheet(extra: Partial<SheetSpec> = {}): SheetSpec {
  return { name: "指标评分", ...sampleSheet("指标评分"), ...extra };
}

export function basicSheet(extra: Partial<SheetSpec> = {}): SheetSpec {
  return { name: "基本信息", ...sampleSheet("基本信息"), ...extra };
}

/** A book of `producer` with the three sample sheets; `edit` adds the feature. */
export function sampleBook(
  producer: Producer,
  edit: (
    book: Book,
    sheets: { basic: SheetSpec; budget: SheetSpec; indicators: SheetSpec },
  ) => void = () => {},
): Book {
  const book = new Book(producer);
  const basic = basicSheet();
  const budget = budgetSheet();
  const indicators = indicatorSheet();
  for (const s of [basic, budget, indicators]) book.sheet(s);
  edit(book, { basic, budget, indicators });
  return book;
}

/** A part of the SpreadsheetML namespace written with prefix `x:` (as the Open XML SDK writes it):
 *  its elements without a prefix get one, the default namespace becomes xmlns:x. */
export function prefixed(xml: string): string {
  return xml
    .replace(`xmlns="${NS.main}"`, `xmlns:x="${NS.main}"`)
    .replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s>/])/g, (m, slash: string, name: string) =>
      name.includes(":") ? m : `<${slash}x:${name}`,
    );
}
