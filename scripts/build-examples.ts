/**
 * `npm run build:examples`: writes examples/gaozhuang-2023.xlsx from the readable source
 * examples/source/gaozhuang-2023.ts — values from A1, merges, column widths, notes, bold titles and
 * header rows (found by the engine's own table detection), "0.00" on money columns, frozen header rows.
 * Dates inside the package are fixed, so regenerating gives the same bytes.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { GAOZHUANG_SHEETS, gaozhuangSnapshot, type SampleSheet } from "../examples/source/gaozhuang-2023";
import { detectTables } from "../src/engine/detect";
import { MONEY_FIELDS } from "../src/engine/headers";
import type { TableLocation } from "../src/engine/types";

const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));
const OUT = path.join(__dirname, "..", "examples", "gaozhuang-2023.xlsx");

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const THIN = { style: "thin", color: { argb: "FFBFBFBF" } } as const;
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function moneyColumns(table: TableLocation): number[] {
  if (table.kind !== "budget" && table.kind !== "structure") return [];
  return MONEY_FIELDS.map((f) => table.columns[f]).filter((c): c is number => c !== undefined);
}

function buildSheet(workbook: ExcelJS.Workbook, sample: SampleSheet, tables: TableLocation[]): void {
  const ws = workbook.addWorksheet(sample.name);
  sample.rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== null && value !== undefined) ws.getCell(r + 1, c + 1).value = value;
    }),
  );
  (sample.columnWidths ?? []).forEach((width, c) => {
    ws.getColumn(c + 1).width = width;
  });
  for (const m of sample.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  for (const note of sample.notes ?? []) ws.getCell(note.address).note = note.text;

  // Title (first row) and the illustrative-content note.
  ws.getCell(1, 1).style = {
    font: { bold: true, size: 14 },
    alignment: { horizontal: "center", vertical: "middle" },
  };
  sample.rows.forEach((row, r) => {
    if (typeof row[0] === "string" && row[0].startsWith("说明："))
      ws.getCell(r + 1, 1).style = { font: { italic: true, color: { argb: "FF595959" } } };
  });

  for (const table of tables) {
    const width = Math.max(...Object.values(table.columns).map((c) => c + 1), 1);
    for (let r = table.headerRow; r < table.headerRow + table.headerRows; r++)
      for (let c = 0; c < width; c++)
        ws.getCell(r + 1, c + 1).style = {
          font: { bold: true },
          fill: HEADER_FILL,
          border: BOX,
          alignment: { horizontal: "center", vertical: "middle", wrapText: true },
        };
    const money = moneyColumns(table);
    for (let r = table.firstDataRow; r <= table.lastRow; r++)
      for (let c = 0; c < width; c++)
        ws.getCell(r + 1, c + 1).style = {
          border: BOX,
          alignment: { vertical: "middle", wrapText: true },
          ...(money.includes(c) ? { numFmt: "0.00" } : {}),
        };
  }
  const first = tables.reduce<TableLocation | null>(
    (a, t) => (a && a.headerRow <= t.headerRow ? a : t),
    null,
  );
  if (first) ws.views = [{ state: "frozen", xSplit: 0, ySplit: first.headerRow + first.headerRows }];
}

/** ExcelJS's own package with every zip entry dated `date` (ExcelJS dates them now): the same bytes on
 *  any machine and any day. */
async function fixedDatePackage(workbook: ExcelJS.Workbook, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  for (const entry of Object.values(zip.files)) entry.date = date;
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

export async function buildGaozhuang(target: string = OUT): Promise<string> {
  const detection = detectTables(gaozhuangSnapshot());
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "绩效评价助手";
  workbook.lastModifiedBy = "绩效评价助手";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  for (const sample of GAOZHUANG_SHEETS)
    buildSheet(
      workbook,
      sample,
      detection.tables.filter((t) => t.sheet === sample.name),
    );
  await fs.writeFile(target, await fixedDatePackage(workbook, FIXED_DATE));
  return target;
}

if (require.main === module) {
  buildGaozhuang(process.argv[2] ?? OUT).then(
    (file) => process.stdout.write(`已生成 ${path.relative(process.cwd(), file)}\n`),
    (e: unknown) => {
      process.stderr.write(`build-examples: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
