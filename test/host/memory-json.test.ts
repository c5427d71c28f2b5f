// The in-memory workbook as JSON (what the build makes of the sample for the office.js stand-in):
// JSON → workbook equals ExcelJS → workbook cell for cell, for the sample and for a workbook using every
// property; the pane's snapshot is the same from both; bad data is refused with a reason.
import * as path from "node:path";
import ExcelJS from "exceljs";
import { MemoryWorkbook, createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import {
  WORKBOOK_JSON_FORMAT,
  memoryWorkbookFromJSON,
  memoryWorkbookToJSON,
  type WorkbookJSON,
} from "../../src/host/memory/json";
import { memoryWorkbookFromExcelJS } from "../../src/host/memory/xlsx";
import { createOfficeHost } from "../../src/host/office/host";
import { workbookJSONFromXlsxFile } from "../../src/demo/sample-json";

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");

/** Everything a workbook holds except sheet ids and test instrumentation, cells in stored order. */
function contents(wb: MemoryWorkbook) {
  return {
    sheets: wb.sheets.map(({ id: _id, cells, columnWidths, ...rest }) => ({
      ...rest,
      cells: [...cells],
      columnWidths: [...columnWidths],
    })),
    settings: [...wb.settings],
    selection: wb.selection,
    activeSheet: wb.activeSheet,
  };
}

async function sampleFromExcelJS(): Promise<MemoryWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE);
  return memoryWorkbookFromExcelJS(book);
}

const viaText = (wb: MemoryWorkbook) =>
  memoryWorkbookFromJSON(JSON.parse(JSON.stringify(memoryWorkbookToJSON(wb))) as unknown);

function hostFor(wb: MemoryWorkbook) {
  return createOfficeHost(createExcelApi(wb), {
    isSetSupported: (set, version) => isSetSupportedBy(wb, set, version),
  });
}

/** A workbook using every property the JSON carries (ExcelJS's part, then what only the API makes). */
async function everything(): Promise<MemoryWorkbook> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("预算执行");
  ws.getCell("A1").value = "预算执行";
  ws.mergeCells("A1:C1");
  ws.getCell("B3").value = 552.45;
  ws.getCell("B3").numFmt = "0.00";
  ws.getCell("D3").value = { formula: "C3/B3", result: 1.209 };
  ws.getCell("D3").numFmt = "0.00%";
  ws.getCell("E3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("F3").value = { formula: "TODAY()", result: undefined } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell("A4").value = "单位资金";
  ws.getCell("A4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF3CD" } };
  ws.getCell("A4").font = { bold: true, italic: true, size: 12, name: "宋体", color: { argb: "FFC00000" } };
  ws.getCell("A4").alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  ws.getCell("A5").value = { text: "链接", hyperlink: "#'指标评分'!I5", tooltip: "跳转" };
  ws.getCell("A6").value = { text: "财政部", hyperlink: "https://www.mof.gov.cn/" };
  ws.getCell("A7").value = true;
  ws.getCell("B7").value = false;
  ws.getCell("C7").value = 0;
  ws.getColumn(1).width = 20;
  ws.pageSetup.orientation = "landscape";
  ws.pageSetup.paperSize = 9;
  ws.addConditionalFormatting({
    ref: "B3:C3 E5",
    rules: [
      {
        type: "expression",
        priority: 1,
        formulae: ['AND(TRUE,"绩效评价助手|error|1"<>"")'],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFF8D7DA" } },
          font: { color: { argb: "FF9C0006" }, bold: true },
        },
      },
    ],
  });
  book.addWorksheet("_ledger", { state: "veryHidden" }).getCell("A1").value = "x";
  book.addWorksheet("隐藏", { state: "hidden" });
  const locked = book.addWorksheet("指标评分");
  locked.getCell("I5").value = 2.91;
  await locked.protect("", {});
  book.views = [
    { x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 3, visibility: "visible" },
  ];
  const wb = memoryWorkbookFromExcelJS(book);
  wb.sheet("指标评分").charts.push({
    name: "Chart 1",
    type: "ColumnClustered",
    sourceAddress: "'指标评分'!A1:B5",
    seriesBy: "Auto",
    title: "得分率",
    position: { start: "D2", end: "J16" },
  });
  wb.setCell("预算执行", "D7", { value: null, numberFormat: "0.00" }); // formatted but empty
  wb.sheet("指标评分").pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  wb.settings.set("perfEval.settings", { config: { weights: [30, 40] }, lang: "zh-CN" });
  wb.settings.set("flag", true);
  wb.selection = { sheet: "预算执行", address: "D3" };
  return wb;
}

describe("in-memory workbook ↔ JSON", () => {
  it("the sample from the build's JSON equals the sample from ExcelJS, cell for cell", async () => {
    const fromExcelJS = await sampleFromExcelJS();
    const fromJSON = memoryWorkbookFromJSON(JSON.parse(await workbookJSONFromXlsxFile(SAMPLE)) as unknown);
    expect(fromJSON.sheetNames()).toEqual(["基本信息", "预算执行", "指标评分", "绩效目标", "管理情况"]);
    expect(contents(fromJSON)).toStrictEqual(contents(fromExcelJS));
    // Spot checks, so that an empty pair of workbooks cannot pass.
    expect([...fromJSON.sheet("预算执行").cells.keys()].length).toBeGreaterThan(30);
    expect(fromJSON.sheet("预算执行").merges.length).toBeGreaterThan(0);
    expect(fromJSON.cell("基本信息", "A1").font).toEqual({ bold: true, size: 14 });
  });

  it("gives the pane the same snapshot as the ExcelJS path", async () => {
    const a = await hostFor(await sampleFromExcelJS()).readSnapshot();
    const b = await hostFor(
      memoryWorkbookFromJSON(JSON.parse(await workbookJSONFromXlsxFile(SAMPLE))),
    ).readSnapshot();
    expect(b).toStrictEqual(a);
    expect(b.sheets.length).toBe(5);
  });

  it("carries every property: cells, merges, widths, visibility, protection, formats, charts, settings", async () => {
    const wb = await everything();
    const back = viaText(wb);
    expect(contents(back)).toStrictEqual(contents(wb));
    expect(back.sheetNames()).toEqual(["预算执行", "_ledger", "隐藏", "指标评分"]);
    expect(back.cell("预算执行", "E3")).toMatchObject({ value: "#DIV/0!", formula: "=1/0" });
    expect(back.cell("预算执行", "F3")).toMatchObject({ formula: "=TODAY()" });
    expect(back.cell("预算执行", "A4").font).toEqual({
      bold: true,
      italic: true,
      size: 12,
      name: "宋体",
      color: "#C00000",
    });
    expect(back.cell("预算执行", "A5").hyperlink).toEqual({
      documentReference: "'指标评分'!I5",
      textToDisplay: "链接",
      screenTip: "跳转",
    });
    expect(back.cell("预算执行", "D7")).toMatchObject({ value: null, numberFormat: "0.00" });
    expect(back.cell("预算执行", "B7").value).toBe(false);
    expect(back.cell("预算执行", "C7").value).toBe(0);
    const s = back.sheet("预算执行");
    expect(s).toMatchObject({ protected: false });
    expect(s.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4" });
    expect(s.conditionalFormats).toHaveLength(1);
    expect(back.sheet("_ledger").visibility).toBe("VeryHidden");
    expect(back.sheet("指标评分").protected).toBe(true);
    expect(back.sheet("指标评分").charts[0].position).toEqual({ start: "D2", end: "J16" });
    expect(back.settings.get("perfEval.settings")).toEqual({ config: { weights: [30, 40] }, lang: "zh-CN" });
    expect(back.selection).toEqual({ sheet: "预算执行", address: "D3" });
    expect(back.activeSheet).toBe("指标评分");
  });

  it("writes a compact form: a cell without formatting is [row, col, value]", async () => {
    const json = memoryWorkbookToJSON(await everything());
    expect(json.format).toBe(WORKBOOK_JSON_FORMAT);
    const cells = json.sheets[0].cells;
    expect(cells).toContainEqual([6, 0, true]);
    expect(cells).toContainEqual([2, 3, 1.209, { formula: "=C3/B3", numberFormat: "0.00%" }]);
    expect(json.sheets[0].merges).toEqual([[0, 0, 1, 3]]);
  });

  it("makes an independent workbook: sheets get new ids, edits do not reach the JSON or the original", async () => {
    const wb = await everything();
    const json = memoryWorkbookToJSON(wb);
    const a = memoryWorkbookFromJSON(json);
    const b = memoryWorkbookFromJSON(json);
    expect(new Set([...wb.sheets, ...a.sheets, ...b.sheets].map((s) => s.id)).size).toBe(12);
    a.sheet("预算执行").cells.get(3 * 16384)!.font!.bold = false;
    a.sheet("指标评分").charts[0].title = "改";
    (a.settings.get("perfEval.settings") as { lang: string }).lang = "en-US";
    expect(contents(b)).toStrictEqual(contents(wb));
    expect(memoryWorkbookToJSON(wb)).toStrictEqual(json);
  });

  it("behaves like the original through the API (values, formulas, protection)", async () => {
    const wb = viaText(await everything());
    const api = createExcelApi(wb);
    const values = await api.run(async (context) => {
      const range = context.workbook.worksheets.getItem("预算执行").getRange("B3:E3");
      range.load(["values", "formulas"]);
      await context.sync();
      return { values: range.values, formulas: range.formulas };
    });
    expect(values).toEqual({
      values: [[552.45, "", 1.209, "#DIV/0!"]],
      formulas: [[552.45, "", "=C3/B3", "=1/0"]],
    });
    await expect(
      api.run(async (context) => {
        context.workbook.worksheets.getItem("指标评分").getRange("I5").values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", "[]", /format/],
    ["another format", { format: "x", sheets: [] }, /format/],
    ["no sheets", { format: WORKBOOK_JSON_FORMAT }, /no sheets/],
    ["a nameless sheet", { format: WORKBOOK_JSON_FORMAT, sheets: [{ cells: [], merges: [] }] }, /no name/],
    [
      "a bad cell",
      { format: WORKBOOK_JSON_FORMAT, sheets: [{ name: "表", cells: [[0, -1, 1]], merges: [] }] },
      /cell 0 has no valid row/,
    ],
    [
      "an object value",
      { format: WORKBOOK_JSON_FORMAT, sheets: [{ name: "表", cells: [[0, 0, { a: 1 }]], merges: [] }] },
      /bad value/,
    ],
    [
      "a bad merge",
      { format: WORKBOOK_JSON_FORMAT, sheets: [{ name: "表", cells: [], merges: [[0, 0, 1]] }] },
      /bad merge/,
    ],
    [
      "a bad sheet name",
      { format: WORKBOOK_JSON_FORMAT, sheets: [{ name: "a/b", cells: [], merges: [] }] },
      /Invalid sheet name/,
    ],
  ])("refuses %s", (_what, data, message) => {
    expect(() => memoryWorkbookFromJSON(data as WorkbookJSON)).toThrow(message);
  });
});
