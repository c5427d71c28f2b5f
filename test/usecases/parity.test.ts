/**
 * Parity: the cell values and number formats the Office adapter leaves in Excel (here the in-memory
 * Excel loaded from examples/gaozhuang-2023.xlsx) equal those the command line writes into scored.xlsx.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { resolveConfig } from "../../src/engine/config";
import { main } from "../../src/cli/main";
import { MemoryWorkbook, createExcelApi } from "../../src/host/memory";
import { memoryWorkbookFromExcelJS } from "../../src/host/memory/xlsx";
import { createOfficeHost } from "../../src/host/office/host";
import { insertSummarySheet, scoreWorkbook } from "../../src/usecases";

const SAMPLE = path.join(__dirname, "../../examples/gaozhuang-2023.xlsx");

type Seen = Map<string, { value: unknown; format: string }>;

function normalFormat(format: string | undefined | null): string {
  return !format || format === "General" ? "General" : format;
}

/** Every non-empty cell of the given sheets: "sheet!A1" → value (formulas as "=…") and number format. */
function fromMemory(wb: MemoryWorkbook, sheets: string[]): Seen {
  const out: Seen = new Map();
  for (const name of sheets) {
    const sheet = wb.sheet(name);
    for (const [key, c] of sheet.cells) {
      const value = c.formula ?? (c.value === "" ? null : c.value);
      if (value === null || value === undefined) continue;
      const row = Math.floor(key / 16384);
      const col = key % 16384;
      out.set(`${name}!${row}:${col}`, { value, format: normalFormat(c.numberFormat) });
    }
  }
  return out;
}

function excelJsValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("formula" in v && v.formula) return `=${v.formula}`;
    if ("sharedFormula" in v && v.sharedFormula) return `=${v.sharedFormula}`;
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v && "hyperlink" in v)
      return typeof v.text === "string" ? v.text : excelJsValue(v.text as ExcelJS.CellValue);
    if ("error" in v) return v.error;
  }
  return v;
}

function fromXlsx(book: ExcelJS.Workbook, sheets: string[]): Seen {
  const out: Seen = new Map();
  for (const name of sheets) {
    const ws = book.getWorksheet(name);
    if (!ws) throw new Error(`scored.xlsx has no sheet ${name}`);
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master.address !== cell.address) return; // ExcelJS repeats the master's value
        const value = excelJsValue(cell.value);
        if (value === null) return;
        out.set(`${name}!${r - 1}:${c - 1}`, { value, format: normalFormat(cell.numFmt) });
      }),
    );
  }
  return out;
}

describe("parity with the command line", () => {
  jest.setTimeout(120_000);

  it("leaves the same values and number formats as perf-eval score --out", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perf-eval-parity-"));
    try {
      const out = path.join(dir, "scored.xlsx");
      const io = { stdout: () => undefined, stderr: () => undefined };
      expect(await main(["score", SAMPLE, "--out", out, "--allow-loss"], io)).toBe(0);
      const scored = new ExcelJS.Workbook();
      await scored.xlsx.readFile(out);

      const source = new ExcelJS.Workbook();
      await source.xlsx.readFile(SAMPLE);
      const wb = memoryWorkbookFromExcelJS(source);
      const host = createOfficeHost(createExcelApi(wb));
      const { evaluation } = await scoreWorkbook(host, resolveConfig());
      const { sheet } = await insertSummarySheet(host, evaluation);

      const userSheets = source.worksheets.map((w) => w.name);
      const office = fromMemory(wb, userSheets);
      const cli = fromXlsx(scored, userSheets);
      expect([...office.keys()].sort()).toEqual([...cli.keys()].sort());
      for (const [key, o] of office) {
        const c = cli.get(key)!;
        if (typeof o.value === "number" && typeof c.value === "number")
          expect([key, c.value]).toEqual([key, expect.closeTo(o.value, 12)]);
        else expect([key, c.value]).toEqual([key, o.value]);
        expect([key, c.format]).toEqual([key, o.format]);
      }
      // The summary sheet holds the same values too.
      const sorted = (seen: Seen) =>
        [...seen.entries()]
          .map(([k, x]) => [k, x.value, x.format])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(sorted(fromMemory(wb, [sheet]))).toEqual(sorted(fromXlsx(scored, [sheet])));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
