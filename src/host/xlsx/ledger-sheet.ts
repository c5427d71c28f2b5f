/**
 * The add-in's own very-hidden sheet in an .xlsx file (`_绩效评价助手`): the ledger of the last run in
 * column A and the saved settings in column B, each as JSON split into cells of at most 32,000
 * characters (Excel's cell limit is 32,767) starting at row 1 and read until the first empty cell.
 */
import type ExcelJS from "exceljs";
import type { EvalConfig, Ledger } from "../../engine/types";
import { parseLedger, serializeLedger } from "../ledger";

export const LEDGER_SHEET = "_绩效评价助手";
/** Characters per cell; below Excel's 32,767 limit. */
export const CHUNK = 32000;

const LEDGER_COL = 1;
const SETTINGS_COL = 2;

function readColumn(sheet: ExcelJS.Worksheet, col: number): string | null {
  const parts: string[] = [];
  for (let row = 1; ; row++) {
    const value = sheet.getRow(row).getCell(col).value;
    if (typeof value !== "string" || value === "") break;
    parts.push(value);
  }
  return parts.length ? parts.join("") : null;
}

function writeColumn(sheet: ExcelJS.Worksheet, col: number, text: string | null): void {
  for (let row = 1; sheet.getRow(row).getCell(col).value !== null; row++)
    sheet.getRow(row).getCell(col).value = null;
  if (text === null) return;
  for (let i = 0, row = 1; i < text.length; i += CHUNK, row++)
    sheet.getRow(row).getCell(col).value = text.slice(i, i + CHUNK);
}

function ledgerSheet(workbook: ExcelJS.Workbook, create: boolean): ExcelJS.Worksheet | undefined {
  const existing = workbook.getWorksheet(LEDGER_SHEET);
  if (existing || !create) return existing;
  const sheet = workbook.addWorksheet(LEDGER_SHEET);
  sheet.state = "veryHidden";
  return sheet;
}

/** The ledger stored in the workbook, or null (none, or unreadable — then the next run starts afresh). */
export function readLedger(workbook: ExcelJS.Workbook): Ledger | null {
  const sheet = ledgerSheet(workbook, false);
  const text = sheet ? readColumn(sheet, LEDGER_COL) : null;
  return text === null ? null : parseLedger(text);
}

export function writeLedger(workbook: ExcelJS.Workbook, ledger: Ledger): void {
  const sheet = ledgerSheet(workbook, true) as ExcelJS.Worksheet;
  writeColumn(sheet, LEDGER_COL, serializeLedger(ledger));
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
