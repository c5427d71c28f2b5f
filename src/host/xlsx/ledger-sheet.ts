/**
 * The add-in's own very-hidden sheet in an .xlsx file (`_绩效评价助手`): the ledger of the last run in
 * column A and the saved settings in column B, each as JSON split into cells of at most 32,000
 * characters (Excel's cell limit is 32,767) starting at row 1 and read until the first empty cell.
 */
import type ExcelJS from "exceljs";
import type { EvalConfig, Ledger } from "../../engine/types";
import { freeSheetName } from "../cells";
import { ledgerBody, ledgerText, parseLedger } from "../ledger";
import { CHUNK, LEDGER_SHEET } from "./names";

export { CHUNK, LEDGER_SHEET };

const LEDGER_NAME = new RegExp(`^${LEDGER_SHEET}( \\(\\d+\\))?$`);

/** The add-in's own ledger sheet: very hidden and named like it. A user's sheet that merely has the
 *  name is the user's (never written, and read like any other sheet). */
export function isLedgerSheet(sheet: ExcelJS.Worksheet): boolean {
  return sheet.state === "veryHidden" && LEDGER_NAME.test(sheet.name);
}

const LEDGER_COL = 1;
const SETTINGS_COL = 2;

function readChunks(sheet: ExcelJS.Worksheet, col: number): string[] {
  const parts: string[] = [];
  for (let row = 1; ; row++) {
    const value = sheet.getRow(row).getCell(col).value;
    if (typeof value !== "string" || value === "") break;
    parts.push(value);
  }
  return parts;
}

function readColumn(sheet: ExcelJS.Worksheet, col: number): string | null {
  const parts = readChunks(sheet, col);
  return parts.length ? parts.join("") : null;
}

/** Writes the text's chunks (returned) in place of the column's old ones. */
function writeColumn(sheet: ExcelJS.Worksheet, col: number, text: string | null): string[] {
  for (let row = 1; sheet.getRow(row).getCell(col).value !== null; row++)
    sheet.getRow(row).getCell(col).value = null;
  const chunks: string[] = [];
  if (text === null) return chunks;
  for (let i = 0, row = 1; i < text.length; i += CHUNK, row++) {
    const chunk = text.slice(i, i + CHUNK);
    sheet.getRow(row).getCell(col).value = chunk;
    chunks.push(chunk);
  }
  return chunks;
}

/** The ledger this process last wrote into a workbook, with the cells it wrote it as: read back while
 *  the sheet still holds those very cells, instead of parsing them again; and written again with the
 *  same entries and marks (a new summary sheet name), its body is not serialised again. Entries and
 *  marks are kept in frozen arrays (callers build new ones to change them). */
interface Written {
  chunks: string[];
  ledger: Ledger;
  body: string;
}

const written = new WeakMap<ExcelJS.Workbook, Written>();

function sameChunks(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((chunk, i) => chunk === b[i]);
}

function ledgerSheet(workbook: ExcelJS.Workbook, create: boolean): ExcelJS.Worksheet | undefined {
  const existing = workbook.worksheets.find(isLedgerSheet);
  if (existing || !create) return existing;
  const name = freeSheetName(
    LEDGER_SHEET,
    workbook.worksheets.map((s) => s.name),
  );
  const sheet = workbook.addWorksheet(name);
  sheet.state = "veryHidden";
  return sheet;
}

/** The ledger stored in the workbook, or null (none, or unreadable — then the next run starts afresh). */
export function readLedger(workbook: ExcelJS.Workbook): Ledger | null {
  const sheet = ledgerSheet(workbook, false);
  if (!sheet) return null;
  const chunks = readChunks(sheet, LEDGER_COL);
  if (chunks.length === 0) return null;
  const last = written.get(workbook);
  if (last && sameChunks(chunks, last.chunks)) return { ...last.ledger };
  return parseLedger(chunks.join(""));
}

export function writeLedger(workbook: ExcelJS.Workbook, ledger: Ledger): void {
  const sheet = ledgerSheet(workbook, true) as ExcelJS.Worksheet;
  const last = written.get(workbook);
  const body =
    last && ledger.entries === last.ledger.entries && ledger.marks === last.ledger.marks
      ? last.body
      : ledgerBody(ledger);
  const chunks = writeColumn(sheet, LEDGER_COL, ledgerText(ledger, body));
  const kept: Ledger = {
    ...ledger,
    entries: Object.freeze([...ledger.entries]) as Ledger["entries"],
    marks: Object.freeze([...ledger.marks]) as Ledger["marks"],
  };
  written.set(workbook, { chunks, ledger: kept, body });
}

export function readSettings(workbook: ExcelJS.Workbook): Partial<EvalConfig> | null {
  const sheet = ledgerSheet(workbook, false);
  const text = sheet ? readColumn(sheet, SETTINGS_COL) : null;
  if (text === null) return null;
  try {
    const data: unknown = JSON.parse(text);
    return data !== null && typeof data === "object" && !Array.isArray(data)
      ? (data as Partial<EvalConfig>)
      : null;
  } catch {
    return null;
  }
}

export function writeSettings(workbook: ExcelJS.Workbook, settings: Partial<EvalConfig>): void {
  const sheet = ledgerSheet(workbook, true) as ExcelJS.Worksheet;
  writeColumn(sheet, SETTINGS_COL, JSON.stringify(settings));
}
