/** The copy never overwrites a user's sheet that has the ledger sheet's name (the ledger goes under a
 *  free name, and the user's sheet is read like any other), and text is cut to Excel's 32,767
 *  characters with a visible "…（已截断）". */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { fitCellText, MAX_CELL_CHARS, TRUNCATED_MARK } from "../../src/host/cells";
import { XlsxHost, saveWorkbookFile } from "../../src/host/xlsx/host";
import { LEDGER_SHEET } from "../../src/host/xlsx/ledger-sheet";
import { openWorkbookFile } from "../../src/host/xlsx/open";
import { readWorkbookFile } from "../../src/host/xlsx/read";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-limits-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("fitCellText", () => {
  it("keeps text up to 32,767 characters and cuts longer text with the mark, never inside a pair", () => {
    const exact = "字".repeat(MAX_CELL_CHARS);
    expect(fitCellText(exact)).toBe(exact);
    const cut = fitCellText("字".repeat(MAX_CELL_CHARS + 1));
    expect(cut.length).toBe(MAX_CELL_CHARS);
    expect(cut.endsWith(TRUNCATED_MARK)).toBe(true);
    // a surrogate pair straddling the cut is dropped whole: one code unit shorter
    const keep = MAX_CELL_CHARS - TRUNCATED_MARK.length; // 32,761 code units before the mark
    const astral = "a".repeat(keep - 1) + "𠀀" + "b".repeat(10);
    const cutPair = fitCellText(astral);
    expect(cutPair).toBe("a".repeat(keep - 1) + TRUNCATED_MARK);
  });
});

describe("the ledger sheet's name", () => {
  it("a user's visible _绩效评价助手 sheet is kept; the ledger goes to _绩效评价助手 (2); long summary text is cut", async () => {
    const input = path.join(dir, "in.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("指标").getCell("A1").value = "得分";
    const mine = wb.addWorksheet(LEDGER_SHEET);
    mine.getCell("A1").value = "我的笔记";
    await wb.xlsx.writeFile(input);

    const { workbook, snapshot } = await readWorkbookFile(input);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["指标", LEDGER_SHEET]);
    const opened = await openWorkbookFile(input);
    expect(opened.snapshot.sheets.map((s) => s.name)).toEqual(["指标", LEDGER_SHEET]);

    const host = new XlsxHost(workbook);
    await host.applyPlan({
      writes: [{ sheet: "指标", row: 0, col: 1, value: "x".repeat(40000), role: "score" }],
      marks: [],
      skipped: [],
      sheets: ["指标"],
    } as never);
    await host.insertSummary({
      name: "问题汇总",
      rows: [[{ value: "问".repeat(40000), style: "body" }]],
      merges: [],
      columnWidths: [20],
      chart: null,
      print: { paper: "A4", orientation: "portrait", fitToWidth: true },
    });
    const out = path.join(dir, "out.xlsx");
    await saveWorkbookFile(workbook, out, { source: input });

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    expect(back.getWorksheet(LEDGER_SHEET)?.getCell("A1").value).toBe("我的笔记");
    expect(back.getWorksheet(LEDGER_SHEET)?.state).toBe("visible");
    const ledger = back.getWorksheet(`${LEDGER_SHEET} (2)`);
    expect(ledger?.state).toBe("veryHidden");
    expect(String(ledger?.getCell("A1").value)).toContain('"v":1');
    const written = String(back.getWorksheet("指标")?.getCell("B1").value);
    expect(written.length).toBe(MAX_CELL_CHARS);
    expect(written.endsWith(TRUNCATED_MARK)).toBe(true);
    const summary = String(back.getWorksheet("问题汇总")?.getCell("A1").value);
    expect(summary.length).toBe(MAX_CELL_CHARS);

    // read again, the ledger is found under its new name and the user's sheet is still theirs
    const again = await openWorkbookFile(out);
    expect(again.ledgerSheet?.entry.name).toBe(`${LEDGER_SHEET} (2)`);
    expect(again.ledger?.entries.map((e) => e.address)).toEqual(["B1"]);
    expect(again.snapshot.sheets.map((s) => s.name)).toEqual(["指标", LEDGER_SHEET, "问题汇总"]);
    const old = await readWorkbookFile(out);
    expect(old.snapshot.ledger?.entries.map((e) => e.address)).toEqual(["B1"]);
  });
});
