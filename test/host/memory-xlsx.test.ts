// The in-memory Excel and files: ExcelJS → memory → ExcelJS → bytes → memory keeps what the add-in
// relies on; the sample workbook loads with the seed's numbers; the demo's grid view formats numbers.
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { MemoryWorkbook, createExcelApi, formatValue, sheetGrid } from "../../src/host/memory";
import {
  memoryWorkbookFromExcelJS,
  memoryWorkbookToExcelJS,
  partsExcelJSCannotWrite,
} from "../../src/host/memory/xlsx";

async function sourceBook(): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("预算执行");
  ws.getCell("A1").value = "预算执行";
  ws.mergeCells("A1:C1");
  ws.getCell("A3").value = "财政拨款";
  ws.getCell("B3").value = 552.45;
  ws.getCell("B3").numFmt = "0.00";
  ws.getCell("C3").value = 667.92;
  ws.getCell("D3").value = { formula: "C3/B3", result: 1.209 };
  ws.getCell("D3").numFmt = "0.00%";
  ws.getCell("E3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("A4").value = { richText: [{ text: "单位" }, { text: "资金", font: { bold: true } }] };
  ws.getCell("A4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF3CD" } };
  ws.getCell("A4").font = { bold: true, color: { argb: "FFC00000" } };
  ws.getCell("A4").alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  ws.getCell("B4").value = new Date(Date.UTC(2023, 11, 31));
  ws.getCell("A5").value = { text: "链接", hyperlink: "#'指标评分'!I5", tooltip: "跳转" };
  ws.getCell("A6").value = { text: "财政部", hyperlink: "https://www.mof.gov.cn/" };
  ws.getCell("A7").value = true;
  ws.getColumn(1).width = 20;
  ws.addConditionalFormatting({
    ref: "B3:C3",
    rules: [
      {
        type: "expression",
        priority: 1,
        formulae: ['AND(TRUE,"绩效评价助手|error|1"<>"")'],
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFF8D7DA" } } },
      },
    ],
  });
  const hidden = book.addWorksheet("_ledger", { state: "veryHidden" });
  hidden.getCell("A1").value = "x";
  const locked = book.addWorksheet("指标评分");
  locked.getCell("I5").value = 2.91;
  await locked.protect("", {});
  return book;
}

/** viaFile: ExcelJS does not read a hyperlink's tooltip back from a file, so the screen tip is lost there. */
function expectCarried(mw: MemoryWorkbook, viaFile = false): void {
  expect(mw.sheetNames()).toEqual(["预算执行", "_ledger", "指标评分"]);
  expect(mw.cell("预算执行", "B3")).toMatchObject({ value: 552.45, numberFormat: "0.00" });
  expect(mw.cell("预算执行", "D3")).toMatchObject({ value: 1.209, formula: "=C3/B3", numberFormat: "0.00%" });
  expect(mw.cell("预算执行", "E3")).toMatchObject({ value: "#DIV/0!", formula: "=1/0" });
  expect(mw.cell("预算执行", "A4")).toMatchObject({
    value: "单位资金",
    fill: "#FFF3CD",
    font: { bold: true, color: "#C00000" },
  });
  expect(mw.sheet("预算执行").cells.get(3 * 16384)).toMatchObject({
    horizontalAlignment: "Center",
    verticalAlignment: "Center",
    wrapText: true,
  });
  expect(mw.cell("预算执行", "B4").value).toBe(45291); // 2023-12-31 as Excel's serial
  expect(mw.cell("预算执行", "A5")).toMatchObject({
    value: "链接",
    hyperlink: {
      documentReference: "'指标评分'!I5",
      textToDisplay: "链接",
      ...(viaFile ? {} : { screenTip: "跳转" }),
    },
  });
  expect(mw.cell("预算执行", "A6").hyperlink).toMatchObject({ address: "https://www.mof.gov.cn/" });
  expect(mw.cell("预算执行", "A7").value).toBe(true);
  const s = mw.sheet("预算执行");
  expect(s.merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 3 }]);
  expect(s.columnWidths.get(0)).toBe(108.75); // 20 characters
  expect(s.conditionalFormats).toHaveLength(1);
  expect(s.conditionalFormats[0]).toMatchObject({
    range: "B3:C3",
    formula: '=AND(TRUE,"绩效评价助手|error|1"<>"")',
    fill: "#F8D7DA",
  });
  expect(mw.sheet("_ledger").visibility).toBe("VeryHidden");
  expect(mw.sheet("指标评分").protected).toBe(true);
  expect(mw.sheet("预算执行").protected).toBe(false);
}

describe("ExcelJS round trip", () => {
  test("ExcelJS → memory carries values, cached formula results, formats, merges, fills, links, widths, protection, visibility", async () => {
    expectCarried(memoryWorkbookFromExcelJS(await sourceBook()));
  });

  test("memory → ExcelJS → .xlsx bytes → memory loses none of it", async () => {
    const first = memoryWorkbookFromExcelJS(await sourceBook());
    const buffer = await memoryWorkbookToExcelJS(first).xlsx.writeBuffer();
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(buffer as ArrayBuffer);
    expectCarried(memoryWorkbookFromExcelJS(reread), true);
  });

  test("writes made through the API survive the trip to a file", async () => {
    const mw = memoryWorkbookFromExcelJS(await sourceBook());
    const Excel = createExcelApi(mw);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("预算执行");
      s.getRange("F3:G3").values = [[1.209, "=D3*100"]];
      s.getRange("F3").numberFormat = [["0.00%"]];
      s.getRange("F3").format.fill.color = "#FFFF00";
    });
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load((await memoryWorkbookToExcelJS(mw).xlsx.writeBuffer()) as ArrayBuffer);
    const back = memoryWorkbookFromExcelJS(reread);
    expect(back.cell("预算执行", "F3")).toMatchObject({
      value: 1.209,
      numberFormat: "0.00%",
      fill: "#FFFF00",
    });
    expect(back.cell("预算执行", "G3").formula).toBe("=D3*100");
  });

  test("charts cannot go through ExcelJS: they are listed, not silently dropped", async () => {
    const mw = MemoryWorkbook.fromCells({ 汇总: [["a", 1]] });
    expect(partsExcelJSCannotWrite(mw)).toEqual([]);
    const Excel = createExcelApi(mw);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("汇总");
      s.charts.add(Excel.ChartType.barClustered, s.getRange("A1:B1"), Excel.ChartSeriesBy.auto);
    });
    expect(partsExcelJSCannotWrite(mw)).toEqual(["汇总: 1 chart"]);
  });
});

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");
const sampleTest = fs.existsSync(SAMPLE) ? test : test.skip;

describe("the sample workbook", () => {
  sampleTest("loads with the seed's budget figures, readable through the API", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(SAMPLE);
    const mw = memoryWorkbookFromExcelJS(book);
    expect(mw.sheetNames()).toEqual(expect.arrayContaining(["预算执行", "指标评分", "绩效目标", "管理情况"]));
    const Excel = createExcelApi(mw);
    const values = await Excel.run(async (context) => {
      const used = context.workbook.worksheets
        .getItem("预算执行")
        .getUsedRangeOrNullObject(true)
        .load("values");
      await context.sync();
      return used.values.flat();
    });
    for (const n of [552.45, 115.47, 387, 667.92, 994.07, 326.15, 471.17, 196.75])
      expect(values).toContain(n);
    expect(mw.sheet("指标评分").merges.length).toBeGreaterThan(0);
  });
});

describe("sheetGrid and number formats", () => {
  test("formats numbers by their number format, half up", () => {
    expect(formatValue(1.209, "0.00%")).toBe("120.90%");
    expect(formatValue(0.209, "0.00%")).toBe("20.90%");
    expect(formatValue(1.005, "0.00")).toBe("1.01");
    expect(formatValue(2.905, "0.00")).toBe("2.91");
    expect(formatValue(12345.678, "#,##0.00")).toBe("12,345.68");
    expect(formatValue(0.5, "0%")).toBe("50%");
    expect(formatValue(85.54, '0.00"分"')).toBe("85.54分");
    expect(formatValue(0.1 + 0.2, "General")).toBe("0.3");
    expect(formatValue(-0.001, "0.00")).toBe("0.00");
    expect(formatValue(true)).toBe("TRUE");
    expect(formatValue(null, "0.00")).toBe("");
  });

  test("the grid runs from A1 to the used range; fills, formulas, merges and marks come through", async () => {
    const wb = new MemoryWorkbook();
    wb.setCell("S", "A1", { value: "管理效率", fill: "#D9E1F2" });
    wb.setCell("S", "B2", { value: 1.209, numberFormat: "0.00%" });
    wb.setCell("S", "C2", { formula: "=B2*5", value: 6.045, numberFormat: "0.00" });
    wb.merge("S", "A1:A2");
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      context.workbook.worksheets
        .getItem("S")
        .getRange("B2")
        .conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.format.fill.color = "#F8D7DA";
    });
    const grid = sheetGrid(wb, "S");
    expect(grid.rows).toHaveLength(2);
    expect(grid.rows[0]).toHaveLength(3);
    expect(grid.rows[0][0]).toEqual({ value: "管理效率", fill: "#D9E1F2", marked: false });
    expect(grid.rows[1][1]).toMatchObject({
      value: "120.90%",
      numberFormat: "0.00%",
      marked: true,
      markFill: "#F8D7DA",
    });
    expect(grid.rows[1][2]).toMatchObject({ value: "6.05", formula: "=B2*5", marked: false });
    expect(grid.merges).toEqual([{ row: 0, col: 0, rowCount: 2, colCount: 1 }]);
  });
});
