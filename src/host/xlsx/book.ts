/**
 * The workbook's structure as the package holds it: the sheets listed in xl/workbook.xml (name, part,
 * visibility), the relationships and content types, the shared strings and the number format of each
 * cell style. Read through ./archive and ./xml; nothing here edits a part.
 */
import path from "node:path";
import type { Messages } from "../errors";
import { unreadable, type Archive } from "./archive";
import { CLOSE, decodeXstring, END, OPEN, XmlLexer } from "./lexer";
import { attr, child, children, parseXml, XmlError, type XmlElement } from "./xml";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const WORKSHEET_REL = `${REL_NS}/worksheet`;
const OFFICE_DOCUMENT_REL = `${REL_NS}/officeDocument`;
export const STYLES_REL = `${REL_NS}/styles`;
const SHARED_STRINGS_REL = `${REL_NS}/sharedStrings`;
export const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
  el: XmlElement;
}

function relsPathOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), "_rels", `${path.posix.basename(part)}.rels`);
}

/** A relationship target resolved against its source part ("worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"). */
function resolveTarget(fromPart: string, target: string): string {
  const t = decodeURI(target.split("#")[0]);
  if (t.startsWith("/")) return t.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromPart), t));
}

function parseRels(xml: string): { root: XmlElement; rels: Rel[] } {
  const root = parseXml(xml);
  const top = child(root, "Relationships");
  const rels = children(top, "Relationship").map((el) => ({
    id: el.attrs.Id ?? "",
    type: el.attrs.Type ?? "",
    target: el.attrs.Target ?? "",
    external: el.attrs.TargetMode === "External",
    el,
  }));
  return { root, rels };
}

export interface SheetEntry {
  /** The sheet's name as Excel shows it. */
  name: string;
  /** Its part ("xl/worksheets/sheet1.xml"); null for a chart sheet or a dangling reference. */
  part: string | null;
  kind: "worksheet" | "chartsheet" | "other";
  state: "visible" | "hidden" | "veryHidden";
  sheetId: number;
  rid: string;
  el: XmlElement;
}

export interface Book {
  archive: Archive;
  workbookPart: string;
  workbookXml: string;
  workbookTree: XmlElement;
  workbookRelsPart: string;
  workbookRelsXml: string;
  workbookRels: Rel[];
  sheets: SheetEntry[];
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
  contentTypesXml: string;
}

function parseOrThrow(archive: Archive, xml: string, what: Messages): XmlElement {
  try {
    return parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    throw unreadable(
      archive.file,
      `文件已损坏：${what["zh-CN"]}的内容不是有效的 XML。请在 Excel 或 WPS 中打开并重新保存后再试。`,
      `the file is damaged: ${what["en-US"]} is not valid XML. Open it in Excel or WPS, save it again and retry.`,
    );
  }
}

function missing(archive: Archive, zh: string, en: string): never {
  throw unreadable(
    archive.file,
    `文件缺少${zh}，不是完整的 .xlsx 工作簿。请在 Excel 或 WPS 中打开并重新保存后再试。`,
    `the file has no ${en}; it is not a complete .xlsx workbook. Open it in Excel or WPS, save it again and retry.`,
  );
}

const WORKBOOK_STRUCTURE: Messages = {
  "zh-CN": "工作簿结构（workbook.xml）",
  "en-US": "the workbook structure",
};

/** The workbook's structure; HostError "Unreadable" naming what is missing or damaged. */
export async function readBook(archive: Archive): Promise<Book> {
  const typesXml = await archive.text("[Content_Types].xml");
  if (typesXml === null) {
    if (archive.has("xl/workbook.bin"))
      throw unreadable(
        archive.file,
        "这是二进制工作簿（.xlsb）。请在 Excel 或 WPS 中另存为 .xlsx 后再试。",
        "this is a binary workbook (.xlsb). Save it as .xlsx in Excel or WPS and try again.",
      );
    missing(archive, "内容类型清单", "content type list");
  }
  const rootRelsXml = await archive.text("_rels/.rels");
  let workbookPart = "xl/workbook.xml";
  if (rootRelsXml !== null) {
    const office = parseRels(rootRelsXml).rels.find((r) => r.type === OFFICE_DOCUMENT_REL && !r.external);
    if (office) workbookPart = resolveTarget("", office.target);
  }
  if (workbookPart.endsWith(".bin"))
    throw unreadable(
      archive.file,
      "这是二进制工作簿（.xlsb）。请在 Excel 或 WPS 中另存为 .xlsx 后再试。",
      "this is a binary workbook (.xlsb). Save it as .xlsx in Excel or WPS and try again.",
    );
  const workbookXml = await archive.text(workbookPart);
  if (workbookXml === null)
    missing(archive, "工作簿结构（xl/workbook.xml）", "workbook part (xl/workbook.xml)");
  const workbookTree = parseOrThrow(archive, workbookXml, WORKBOOK_STRUCTURE);
  const workbookRelsPart = relsPathOf(workbookPart);
  const workbookRelsXml = await archive.text(workbookRelsPart);
  if (workbookRelsXml === null) missing(archive, "工作簿的关系清单", "workbook relationships");
  let workbookRels: Rel[];
  try {
    workbookRels = parseRels(workbookRelsXml).rels;
  } catch {
    parseOrThrow(archive, "<", { "zh-CN": "工作簿的关系清单", "en-US": "the workbook relationships" });
    throw new Error("unreachable");
  }
  const byId = new Map(workbookRels.map((r) => [r.id, r]));
  const wb = child(workbookTree, "workbook");
  const sheets: SheetEntry[] = children(child(wb, "sheets"), "sheet").map((el) => {
    const rid = attr(el, "id") ?? "";
    const rel = byId.get(rid);
    const part = rel && !rel.external ? resolveTarget(workbookPart, rel.target) : null;
    const kind =
      rel?.type === WORKSHEET_REL ? "worksheet" : rel?.type.endsWith("/chartsheet") ? "chartsheet" : "other";
    const state = el.attrs.state === "hidden" || el.attrs.state === "veryHidden" ? el.attrs.state : "visible";
    return {
      name: el.attrs.name ?? "",
      part: part && archive.has(part) ? part : null,
      kind,
      state,
      sheetId: Number(el.attrs.sheetId) || 0,
      rid,
      el,
    };
  });
  for (const s of sheets)
    if (s.kind === "worksheet" && s.part === null)
      throw unreadable(
        archive.file,
        `文件不完整：工作表“${s.name}”的数据缺失。请在 Excel 或 WPS 中打开并重新保存后再试。`,
        `the file is incomplete: the data of sheet "${s.name}" is missing. Open it in Excel or WPS, save it again and retry.`,
      );
  const pr = child(wb, "workbookPr");
  const date1904 = pr ? ["1", "true"].includes(pr.attrs.date1904 ?? "") : false;
  const relPart = (type: string) => {
    const rel = workbookRels.find((r) => r.type === type && !r.external);
    const part = rel ? resolveTarget(workbookPart, rel.target) : null;
    return part && archive.has(part) ? part : null;
  };
  return {
    archive,
    workbookPart,
    workbookXml,
    workbookTree,
    workbookRelsPart,
    workbookRelsXml,
    workbookRels,
    sheets,
    date1904,
    sharedStringsPart: relPart(SHARED_STRINGS_REL),
    stylesPart: relPart(STYLES_REL),
    contentTypesXml: typesXml,
  };
}

/** The shared strings of a table's text: each `<si>`'s `<t>` texts (phonetic runs left out), Excel's
 *  `_xHHHH_` escapes decoded. Throws XmlError when the text is not well-formed. */
export function sharedStringsOf(xml: string): string[] {
  const lex = new XmlLexer(xml);
  const out: string[] = [];
  let P = "";
  let item = "";
  let inT = false;
  let skip = 0;
  for (let kind = lex.next(); kind !== END; kind = lex.next()) {
    if (kind === OPEN) {
      const name = lex.name;
      if (lex.depth === 1) {
        const at = name.indexOf(":");
        P = at < 0 ? "" : name.slice(0, at + 1);
      } else if (lex.depth === 2) item = "";
      else if (name === `${P}rPh` || name === `${P}phoneticPr`) skip++;
      else if (name === `${P}t` && skip === 0) inT = true;
    } else if (kind === CLOSE) {
      const name = lex.name;
      if (lex.depth === 2) out.push(decodeXstring(item));
      else if (name === `${P}rPh` || name === `${P}phoneticPr`) skip--;
      else if (name === `${P}t`) inT = false;
    } else if (inT) item += lex.text();
  }
  return out;
}

/** Every shared string, in order (rich text as its plain text). */
export async function readSharedStrings(book: Book): Promise<string[]> {
  if (!book.sharedStringsPart) return [];
  const xml = (await book.archive.text(book.sharedStringsPart)) as string;
  try {
    return sharedStringsOf(xml);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    parseOrThrow(book.archive, "<", { "zh-CN": "共享字符串表", "en-US": "the shared string table" });
    throw e;
  }
}

/** Excel's built-in number formats that matter for a ledger's "previous format". */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

export function builtinFormat(id: number): string | undefined {
  return BUILTIN_FORMATS[id];
}

export interface StyleInfo {
  xml: string;
  tree: XmlElement;
  /** Number format code per custom id. */
  formats: Map<number, string>;
  /** numFmtId of each cellXfs record. */
  xfFormats: number[];
}

/** The styles part, its custom number formats and each cell style's number format. */
export async function readStyles(book: Book): Promise<StyleInfo | null> {
  if (!book.stylesPart) return null;
  const xml = (await book.archive.text(book.stylesPart)) as string;
  const tree = parseOrThrow(book.archive, xml, { "zh-CN": "样式表", "en-US": "the style table" });
  const sheet = child(tree, "styleSheet");
  const formats = new Map<number, string>();
  for (const f of children(child(sheet, "numFmts"), "numFmt"))
    formats.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
  const xfFormats = children(child(sheet, "cellXfs"), "xf").map((xf) => Number(xf.attrs.numFmtId ?? 0) || 0);
  return { xml, tree, formats, xfFormats };
}

/** The number format code of a cell style index ("General" when none). */
export function formatOfStyle(styles: StyleInfo | null, s: number): string {
  if (!styles) return "General";
  const id = styles.xfFormats[s] ?? 0;
  return styles.formats.get(id) ?? builtinFormat(id) ?? "General";
}
