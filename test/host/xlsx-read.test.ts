/** Reading .xlsx files into a WorkbookSnapshot: every value kind, merges, hidden rows, protection,
 *  used-range trimming, the ledger sheet, and unreadable files. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Ledger } from "../../src/engine/types";
import { HostError } from "../../src/host/port";
import { LEDGER_SHEET, writeLedger } from "../../src/host/xlsx/ledger-sheet";
import { readWorkbookFile } from "../../src/host/xlsx/read";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-read-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function saved(workbook: ExcelJS.Workbook, name: string): Promise<string> {
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe("readWorkbookFile", () => {
  it("reads every value kind as the engine expects", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.getCell("C3").value = 552.45;
    ws.getCell("D3").value = "财政拨款";
    ws.getCell("E3").value = true;
    ws.getCell("F3").value = new Date(Date.UTC(2023, 11, 31));
    ws.getCell("C4").value = { richText: [{ text: "调整后" }, { font: { bold: true }, text: "预算数" }] };
    ws.getCell("D4").value = { text: "政策依据", hyperlink: "https://example.org/x" };
    ws.getCell("E4").value = { formula: "C3*2", result: 1104.9 };
    ws.getCell("E5").value = { sharedFormula: "E4", result: 7 } as unknown as ExcelJS.CellValue;
    ws.getCell("F4").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
    ws.getCell("F5").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("C5").value = "";
    const file = await saved(wb, "kinds.xlsx");

    const { snapshot } = await readWorkbookFile(file);
    expect(snapshot.sheets).toHaveLength(1);
    const s = snapshot.sheets[0];
    expect(s.name).toBe("数据");
    // Used range trimmed to C3:F5.
    expect([s.top, s.left]).toEqual([2, 2]);
    expect(s.values).toEqual([
      [552.45, "财政拨款", true, 45291],
      ["调整后预算数", "政策依据", 1104.9, "#DIV/0!"],
      [null, null, 7, "#DIV/0!"],
    ]);
    expect(s.formulas).toEqual([
      [null, null, null, null],
      [null, null, "=C3*2", null],
      [null, null, "=C4*2", "=1/0"],
    ]);
    expect(s.protected).toBeUndefined();
    expect(snapshot.ledger).toBeUndefined();
  });

  it("reads merges (only the top-left cell holds the value), hidden rows and protection", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("指标评分");
    ws.getCell("A2").value = "管理效率";
    ws.mergeCells("A2:A4");
    ws.getCell("B2").value = "预算调整率";
    ws.getCell("B3").value = "预算执行率";
    ws.getCell("B4").value = "决算编制完整性";
    ws.getRow(3).hidden = true;
    await ws.protect("", {});
    wb.addWorksheet("空表");
    const file = await saved(wb, "merges.xlsx");

    const { snapshot } = await readWorkbookFile(file);
    const s = snapshot.sheets[0];
    expect(s.merges).toEqual([{ row: 1, col: 0, rowCount: 3, colCount: 1 }]);
    expect(s.top).toBe(1);
    expect(s.values.map((r) => r[0])).toEqual(["管理效率", null, null]);
    expect(s.hiddenRows).toEqual([2]);
    expect(s.protected).toBe(true);
    expect(snapshot.sheets[1]).toMatchObject({ name: "空表", values: [] });
  });

  it("reads the ledger from the very-hidden sheet (split across cells) and leaves that sheet out", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("预算执行").getCell("A1").value = "资金来源";
    const entries = Array.from({ length: 4000 }, (_, i) => ({
      sheet: "预算执行",
      address: `G${i + 2}`,
      value: `说明文字 ${i} ${"长".repeat(10)}`,
      previous: null,
    }));
    const ledger: Ledger = {
      version: 1,
      runAt: "2026-11-27T07:00:00.000Z",
      entries,
      marks: [],
      summarySheet: "问题汇总",
    };
    writeLedger(wb, ledger);
    const hidden = wb.getWorksheet(LEDGER_SHEET)!;
    expect(hidden.state).toBe("veryHidden");
    expect(typeof hidden.getCell("A2").value).toBe("string"); // more than one chunk
    const file = await saved(wb, "ledger.xlsx");

    const { snapshot, workbook } = await readWorkbookFile(file);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["预算执行"]);
    expect(workbook.getWorksheet(LEDGER_SHEET)?.state).toBe("veryHidden");
    expect(snapshot.ledger?.entries).toHaveLength(4000);
    expect(snapshot.ledger?.entries[3999]).toEqual(entries[3999]);
    expect(snapshot.ledger?.summarySheet).toBe("问题汇总");
  });

  it("refuses a missing or non-xlsx file with an Unreadable HostError naming it", async () => {
    const missing = path.join(dir, "nope.xlsx");
    await expect(readWorkbookFile(missing)).rejects.toMatchObject({ code: "Unreadable" });
    await expect(readWorkbookFile(missing)).rejects.toThrow(missing);
    const bogus = path.join(dir, "bogus.xlsx");
    await fs.writeFile(bogus, "这不是工作簿");
    const err = await readWorkbookFile(bogus).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe("Unreadable");
    expect((err as HostError).message).toContain(bogus);
  });
});
