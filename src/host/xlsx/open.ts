/**
 * Opening an .xlsx file for the command line without loading it whole: the zip directory (./archive),
 * the workbook's structure, shared strings and styles (./book), then one streaming pass per worksheet
 * (./sheet-scan) for the engine's snapshot and the layout the copy is patched by. The add-in's own
 * very-hidden ledger sheet is found by its content (a sheet of the user's with the same name is the
 * user's) and left out of the snapshot.
 */
import { promises as fs } from "node:fs";
import type { EvalConfig, Ledger, SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import type { Messages } from "../errors";
import { parseSettings } from "../cells";
import { parseLedger } from "../ledger";
import { Archive, unreadable } from "./archive";
import { readBook, readSharedStrings, readStyles, type Book, type SheetEntry, type StyleInfo } from "./book";
import { scanSheet, type SheetLayout } from "./sheet-scan";
import { XmlError } from "./xml";
import { isMarkFormula, LEDGER_SHEET } from "./names";

export interface OpenedSheet {
  entry: SheetEntry;
  part: string;
  layout: SheetLayout;
  snapshot: SheetSnapshot;
}

export interface OpenedWorkbook {
  file: string;
  book: Book;
  styles: StyleInfo | null;
  /** Every worksheet (the ledger sheet included), in workbook order. */
  sheets: OpenedSheet[];
  /** The add-in's ledger sheet, when the workbook has one. */
  ledgerSheet: OpenedSheet | null;
  ledger: Ledger | null;
  settings: Partial<EvalConfig> | null;
  /** What the engine reads: every worksheet but the ledger sheet. */
  snapshot: WorkbookSnapshot;
}

/** The messages' name for a part: its sheet's where it is a worksheet. */
function labeller(book: Book | null): (part: string) => Messages {
  const sheets = new Map((book?.sheets ?? []).filter((s) => s.part).map((s) => [s.part as string, s.name]));
  return (part) => {
    const sheet = sheets.get(part);
    if (sheet !== undefined) return { "zh-CN": `工作表“${sheet}”`, "en-US": `sheet "${sheet}"` };
    if (/sharedStrings/i.test(part)) return { "zh-CN": "共享字符串表", "en-US": "the shared string table" };
    if (/styles/i.test(part)) return { "zh-CN": "样式表", "en-US": "the style table" };
    if (/workbook\.xml$/.test(part)) return { "zh-CN": "工作簿结构", "en-US": "the workbook structure" };
    return { "zh-CN": `部件“${part}”`, "en-US": `part "${part}"` };
  };
}

/** Column `col` of a scanned sheet from row 1 down to the first empty cell, joined. */
function column(snapshot: SheetSnapshot, col: number): string | null {
  if (snapshot.top !== 0 || col < snapshot.left) return null;
  const parts: string[] = [];
  for (const row of snapshot.values) {
    const v = row[col - snapshot.left];
    if (typeof v !== "string" || v === "") break;
    parts.push(v);
  }
  return parts.length ? parts.join("") : null;
}

const LEDGER_NAME = new RegExp(`^${LEDGER_SHEET}( \\(\\d+\\))?$`);

/** Whether a scanned sheet is the add-in's ledger sheet: very hidden, named like it, and holding a
 *  ledger in column A or settings in column B. */
function ledgerOf(
  sheet: OpenedSheet,
): { ledger: Ledger | null; settings: Partial<EvalConfig> | null } | null {
  if (sheet.entry.state !== "veryHidden" || !LEDGER_NAME.test(sheet.entry.name)) return null;
  const a = column(sheet.snapshot, 0);
  const b = column(sheet.snapshot, 1);
  const ledger = a !== null ? parseLedger(a) : null;
  const settings = b !== null ? parseSettings<EvalConfig>(b) : null;
  if (ledger === null && settings === null && (a !== null || b !== null)) return null;
  if (a === null && b === null && sheet.snapshot.values.length > 0) return null;
  return { ledger, settings };
}

/** Read a workbook from its bytes (`file` names it in messages). HostError "Unreadable" (or
 *  "TooLarge") in the user's language for a file that is not a readable workbook. */
export async function openWorkbook(file: string, data: Uint8Array): Promise<OpenedWorkbook> {
  const archive = await Archive.open(file, data, labeller(null));
  const book = await readBook(archive);
  archive.setLabel(labeller(book));
  const root = book.workbookTree.children.find((c) => c.name === "workbook");
  if (root && Object.values(root.attrs).some((v) => v.startsWith("http://purl.oclc.org/ooxml/")))
    throw unreadable(
      file,
      "工作簿以“严格 Open XML”格式保存。请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再试。",
      'the workbook is saved as "Strict Open XML". Save it as "Excel Workbook (*.xlsx)" in Excel and try again.',
    );
  const sharedStrings = await readSharedStrings(book);
  const styles = await readStyles(book);
  const sheets: OpenedSheet[] = [];
  for (const entry of book.sheets) {
    if (entry.kind !== "worksheet" || entry.part === null) continue;
    const xml = (await archive.text(entry.part)) as string;
    let scanned;
    try {
      scanned = scanSheet(xml, {
        name: entry.name,
        sharedStrings,
        date1904: book.date1904,
        isMark: isMarkFormula,
      });
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      throw unreadable(
        file,
        `文件已损坏：工作表“${entry.name}”的内容不是有效的 XML。请在 Excel 或 WPS 中打开并重新保存后再试。`,
        `the file is damaged: sheet "${entry.name}" is not valid XML. Open it in Excel or WPS, save it again and retry.`,
      );
    }
    sheets.push({ entry, part: entry.part, layout: scanned.layout, snapshot: scanned.snapshot });
  }
  let ledgerSheet: OpenedSheet | null = null;
  let ledger: Ledger | null = null;
  let settings: Partial<EvalConfig> | null = null;
  for (const s of sheets) {
    const found = ledgerOf(s);
    if (!found) continue;
    ledgerSheet = s;
    ({ ledger, settings } = found);
    break;
  }
  const snapshot: WorkbookSnapshot = {
    sheets: sheets.filter((s) => s !== ledgerSheet).map((s) => s.snapshot),
  };
  if (ledger) snapshot.ledger = ledger;
  archive.resetCount();
  return { file, book, styles, sheets, ledgerSheet, ledger, settings, snapshot };
}

/** Read a workbook file; HostError "Unreadable" naming it when it is missing or not a workbook. */
export async function openWorkbookFile(path: string): Promise<OpenedWorkbook & { data: Buffer }> {
  let data: Buffer;
  try {
    data = await fs.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw unreadable(path, "文件不存在。", "the file does not exist.");
    if (code === "EISDIR")
      throw unreadable(path, "这是一个文件夹，不是文件。", "it is a folder, not a file.");
    throw unreadable(path, "没有读取权限或读取失败。", "it cannot be read (no permission, or a read error).");
  }
  return { ...(await openWorkbook(path, data)), data };
}
