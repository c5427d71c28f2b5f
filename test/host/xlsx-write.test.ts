/** Writing into .xlsx workbooks: a plan lands in a copy and nothing else changes (cell by cell), the
 *  ledger round trip and undo, marks removable without touching the user's formatting, a protected
 *  sheet refuses the whole plan, the summary sheet, and parts ExcelJS would drop (a chart) are never
 *  lost silently. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { SummarySheet, WritePlan } from "../../src/engine/types";
import { HostError } from "../../src/host/port";
import { LEDGER_SHEET } from "../../src/host/xlsx/ledger-sheet";
import { XlsxHost, saveWorkbookFile } from "../../src/host/xlsx/host";
import { readWorkbookFile } from "../../src/host/xlsx/read";
import { MARK_PREFIX } from "../../src/host/xlsx/write";
import { PNG_1X1, renamePart, withChart, withPivotPart } from "./xlsx-fixtures";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-write-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);

/** A workbook with values, formulas, styles, a merge, a user's conditional format, on two sheets. */
async function inputWorkbook(name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标评分");
  ws.addRow(["一级指标", "三级指标", "分值", "得分", "得分率"]);
  ws.addRow(["管理效率", "预算调整率", 3, null, null]);
  ws.addRow(["", "绩效目标合理性", 3, 2.5, null]);
  ws.addRow(["合计", "", { formula: "SUM(C2:C3)", result: 6 }, null, null]);
  ws.getRow(1).font = { bold: true };
  ws.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00FF00" } };
  ws.getCell("C2").numFmt = "0.0";
  ws.getCell("E3").numFmt = "0%";
  ws.mergeCells("A2:A3");
  ws.getColumn(2).width = 30;
  ws.addConditionalFormatting({
    ref: "C2:C4",
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        formulae: [5],
        priority: 1,
        style: { font: { color: { argb: "FFFF0000" } } },
      },
    ],
  });
  const other = wb.addWorksheet("其他");
  other.getCell("A1").value = "备注";
  other.getCell("B2").value = { formula: "指标评分!C4*2", result: 12 };
  other.getCell("C3").value = new Date(Date.UTC(2024, 0, 2));
  other.getCell("A1").font = { italic: true, size: 14 };
  const target = file(name);
  await wb.xlsx.writeFile(target);
  return target;
}

const plan: WritePlan = {
  writes: [
    { sheet: "指标评分", row: 1, col: 3, value: 0.5, numberFormat: "0.00", role: "score" },
    {
      sheet: "指标评分",
      row: 1,
      col: 4,
      value: 0.16666666666666666,
      numberFormat: "0.00%",
      role: "scoreRate",
    },
    {
      sheet: "指标评分",
      row: 2,
      col: 4,
      value: 0.8333333333333334,
      numberFormat: "0.00%",
      role: "scoreRate",
    },
    { sheet: "指标评分", row: 3, col: 3, value: 3, numberFormat: "0.00", role: "total" },
  ],
  marks: [
    {
      sheet: "指标评分",
      range: { row: 1, col: 3, rowCount: 1, colCount: 2 },
      severity: "warning",
      rule: "SCORE_LOW_RATE",
    },
    { sheet: "其他", range: { row: 0, col: 0, rowCount: 1, colCount: 1 }, severity: "error", rule: "X" },
  ],
  skipped: [],
  sheets: ["指标评分", "其他"],
};
const writtenKeys = new Set(plan.writes.map((w) => `${w.sheet}!${w.row + 1}:${w.col + 1}`));

async function load(target: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(target);
  return wb;
}

/** A cell's value and style as plain data. */
function cellState(ws: ExcelJS.Worksheet, r: number, c: number): { value: unknown; style: unknown } {
  const { value, style } = ws.getCell(r, c);
  return { value, style };
}

/** Every cell of every sheet of `before` (except `skip`) has the same value, formula and style in `after`. */
function expectSameCells(before: ExcelJS.Workbook, after: ExcelJS.Workbook, skip: Set<string>): number {
  let compared = 0;
  for (const ws of before.worksheets) {
    const other = after.getWorksheet(ws.name);
    expect(other).toBeDefined();
    const rows = Math.max(ws.rowCount, other!.rowCount);
    const cols = Math.max(ws.columnCount, other!.columnCount);
    for (let r = 1; r <= rows; r++)
      for (let c = 1; c <= cols; c++) {
        if (skip.has(`${ws.name}!${r}:${c}`)) continue;
        const at = `${ws.name}!${r}:${c}`;
        expect({ at, ...cellState(other!, r, c) }).toEqual({ at, ...cellState(ws, r, c) });
        compared++;
      }
    expect((other!.model as { merges: string[] }).merges).toEqual((ws.model as { merges: string[] }).merges);
    expect(other!.columns?.map((col) => col.width)).toEqual(ws.columns?.map((col) => col.width));
  }
  return compared;
}

function userRules(ws: ExcelJS.Worksheet) {
  const cfs = (
    ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: unknown[] }[] }[] }
  ).conditionalFormattings;
  return cfs.filter((cf) => cf.rules.every((r) => !String(r.formulae?.[0] ?? "").startsWith(MARK_PREFIX)));
}
function markRules(ws: ExcelJS.Worksheet) {
  const cfs = (
    ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: unknown[] }[] }[] }
  ).conditionalFormattings;
  return cfs.filter((cf) => cf.rules.some((r) => String(r.formulae?.[0] ?? "").startsWith(MARK_PREFIX)));
}

describe("XlsxHost.applyPlan into a copy", () => {
  it("writes the plan's values and formats and leaves every other cell unchanged", async () => {
    const input = await inputWorkbook("in.xlsx");
    const inputBytes = await fs.readFile(input);
    const { workbook } = await readWorkbookFile(input);
    const host = new XlsxHost(workbook);
    const result = await host.applyPlan(plan);
    expect(result).toEqual({ written: 4, marked: 2, sheets: ["指标评分"] });
    const out = file("out.xlsx");
    await saveWorkbookFile(workbook, out, { source: input });

    expect(await fs.readFile(input)).toEqual(inputBytes); // the input is never modified
    const before = await load(input);
    const after = await load(out);
    expect(expectSameCells(before, after, writtenKeys)).toBeGreaterThan(20);
    const ws = after.getWorksheet("指标评分")!;
    expect(ws.getCell("D2").value).toBe(0.5);
    expect(ws.getCell("D2").numFmt).toBe("0.00");
    expect(ws.getCell("E2").value).toBeCloseTo(1 / 6, 12);
    expect(ws.getCell("E2").numFmt).toBe("0.00%");
    expect(ws.getCell("D4").value).toBe(3);
    // The user's conditional format is kept; the marks are separate rules.
    expect(userRules(ws)).toEqual(userRules(before.getWorksheet("指标评分")!));
    expect(markRules(ws).map((cf) => cf.ref)).toEqual(["D2:E2"]);
    expect(markRules(after.getWorksheet("其他")!).map((cf) => cf.ref)).toEqual(["A1"]);
    expect(after.getWorksheet(LEDGER_SHEET)?.state).toBe("veryHidden");
  });

  it("records a ledger that survives saving, is kept across runs, and undo restores values and formats", async () => {
    const input = await inputWorkbook("ledger-in.xlsx");
    const first = await readWorkbookFile(input);
    await new XlsxHost(first.workbook).applyPlan(plan);
    const once = file("ledger-once.xlsx");
    await saveWorkbookFile(first.workbook, once);

    const second = await readWorkbookFile(once);
    const ledger = second.snapshot.ledger!;
    expect(ledger.entries.find((e) => e.address === "D2")).toMatchObject({
      sheet: "指标评分",
      value: 0.5,
      previous: null,
    });
    expect(ledger.entries.find((e) => e.address === "E3")).toMatchObject({
      previous: null,
      previousFormat: "0%",
    });
    expect(ledger.marks).toEqual([
      { sheet: "指标评分", address: "D2:E2" },
      { sheet: "其他", address: "A1" },
    ]);

    // A second run over its own output keeps the first "previous" values and replaces the marks.
    const host = new XlsxHost(second.workbook);
    await host.applyPlan({
      ...plan,
      writes: plan.writes.map((w) => ({ ...w, value: typeof w.value === "number" ? w.value + 1 : w.value })),
    });
    const again = await host.readSnapshot();
    expect(again.ledger!.entries.find((e) => e.address === "D2")).toMatchObject({
      value: 1.5,
      previous: null,
    });
    const ws = second.workbook.getWorksheet("指标评分")!;
    expect(markRules(ws)).toHaveLength(1);

    // clearMarks removes only the add-in's rules.
    expect(await host.clearMarks()).toBe(2);
    expect(markRules(ws)).toHaveLength(0);
    expect(userRules(ws)).toHaveLength(1);
    expect((await host.readSnapshot()).ledger!.marks).toEqual([]);

    // Undo restores what the cells held before the first run (values and number formats).
    expect(await host.undoLastRun()).toBe(4);
    const restored = file("ledger-undone.xlsx");
    await saveWorkbookFile(second.workbook, restored);
    const before = await load(input);
    const after = await load(restored);
    expectSameCells(before, after, new Set());
    expect((await readWorkbookFile(restored)).snapshot.ledger!.entries).toEqual([]);
  });

  it("refuses a plan touching a protected sheet and writes nothing", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("指标评分").getCell("A1").value = "一级指标";
    const locked = wb.addWorksheet("其他");
    locked.getCell("A1").value = "备注";
    await locked.protect("", {});
    const input = file("protected.xlsx");
    await wb.xlsx.writeFile(input);
    const { workbook } = await readWorkbookFile(input);
    const host = new XlsxHost(workbook);
    const err = await host.applyPlan(plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: "SheetProtected", sheet: "其他" });
    expect((err as Error).message).toContain("其他");
    expect(workbook.getWorksheet("指标评分")!.getCell("D2").value).toBeNull();
    expect(workbook.getWorksheet(LEDGER_SHEET)).toBeUndefined();
    expect(markRules(workbook.getWorksheet("指标评分")!)).toHaveLength(0);
  });

  it("refuses a plan naming a sheet that does not exist", async () => {
    const input = await inputWorkbook("missing.xlsx");
    const { workbook } = await readWorkbookFile(input);
    await expect(
      new XlsxHost(workbook).applyPlan({
        ...plan,
        sheets: ["不存在"],
        writes: [{ ...plan.writes[0], sheet: "不存在" }],
      }),
    ).rejects.toMatchObject({ code: "NotFound", sheet: "不存在" });
    expect(workbook.getWorksheet("指标评分")!.getCell("D2").value).toBeNull();
  });
});

describe("XlsxHost selection and settings", () => {
  it("records the selection and refuses an unknown sheet or address", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("预算执行");
    const host = new XlsxHost(wb);
    await host.select("预算执行", "G4");
    expect(host.selection).toEqual({ sheet: "预算执行", address: "G4" });
    await expect(host.select("无此表", "A1")).rejects.toMatchObject({ code: "NotFound", sheet: "无此表" });
    await expect(host.select("预算执行", "not-a-cell")).rejects.toMatchObject({ code: "NotFound" });
  });

  it("keeps settings in the hidden sheet across saving, beside the ledger", async () => {
    const input = await inputWorkbook("settings.xlsx");
    const { workbook } = await readWorkbookFile(input);
    const host = new XlsxHost(workbook);
    expect(await host.loadSettings()).toBeNull();
    await host.applyPlan(plan);
    await host.saveSettings({ lang: "en-US", thresholds: { executionLow: 0.8 } } as never);
    const out = file("settings-out.xlsx");
    await saveWorkbookFile(workbook, out);
    const back = await readWorkbookFile(out);
    const again = new XlsxHost(back.workbook);
    expect(await again.loadSettings()).toEqual({ lang: "en-US", thresholds: { executionLow: 0.8 } });
    expect(back.snapshot.ledger!.entries).toHaveLength(4);
    expect(back.snapshot.sheets.map((s) => s.name)).toEqual(["指标评分", "其他"]);
  });
});

describe("XlsxHost.insertSummary", () => {
  const summary: SummarySheet = {
    name: "问题汇总",
    rows: [
      [{ value: "部门整体绩效评价指标得分表", style: "title" }],
      [
        { value: "一级指标", style: "header" },
        { value: "得分率", style: "header" },
      ],
      [
        { value: "管理效率", style: "body" },
        { value: 0.678, style: "body", numberFormat: "0.00%" },
      ],
      [{ value: "预算调整率偏高", style: "body", link: { sheet: "指标评分", address: "D2" } }],
    ],
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: 2 }],
    columnWidths: [24, 12],
    chart: null,
    print: { paper: "A4", orientation: "portrait", fitToWidth: true },
  };

  it("writes styles, merges, widths, internal links and A4 page setup, and keeps a user's sheet of that name", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("指标评分").getCell("A1").value = "一级指标";
    wb.addWorksheet("问题汇总").getCell("A1").value = "用户自己的表";
    const host = new XlsxHost(wb);
    const { sheet } = await host.insertSummary(summary);
    expect(sheet).toBe("问题汇总 (2)");
    expect(wb.getWorksheet("问题汇总")!.getCell("A1").value).toBe("用户自己的表");
    // Inserting again reuses the add-in's own sheet.
    expect((await host.insertSummary(summary)).sheet).toBe("问题汇总 (2)");
    expect(wb.worksheets.map((s) => s.name).filter((n) => n.startsWith("问题汇总"))).toHaveLength(2);

    const out = file("summary.xlsx");
    await saveWorkbookFile(wb, out);
    const back = await load(out);
    const ws = back.getWorksheet("问题汇总 (2)")!;
    expect(ws.getCell("A1").value).toBe("部门整体绩效评价指标得分表");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect((ws.model as { merges: string[] }).merges).toEqual(["A1:B1"]);
    expect(ws.getColumn(1).width).toBe(24);
    expect(ws.getCell("B3").numFmt).toBe("0.00%");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    // The link is an internal one: `location` only, no external relationship.
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const xmls = await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
        .map((p) => zip.file(p)!.async("string")),
    );
    const linkTag = xmls.join("").match(/<hyperlink\b[^>]*>/g) ?? [];
    expect(linkTag).toHaveLength(1);
    expect(linkTag[0]).toMatch(/location="(&apos;|')指标评分(&apos;|')!D2"/);
    expect(linkTag[0]).not.toContain("r:id");
    expect((await readWorkbookFile(out)).snapshot.ledger?.summarySheet).toBe("问题汇总 (2)");
  });
});

describe("saveWorkbookFile: parts ExcelJS would drop", () => {
  async function chartWorkbook(name: string, image = false): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["管理效率", 0.678]);
    ws.addRow(["履职效能", 0.95]);
    const other = wb.addWorksheet("图片");
    other.getCell("A1").value = "附图";
    if (image) {
      const id = wb.addImage({ buffer: PNG_1X1 as unknown as ExcelJS.Buffer, extension: "png" });
      other.addImage(id, "B2:C3");
    }
    let bytes: Buffer = Buffer.from(await wb.xlsx.writeBuffer());
    // As Excel numbers them: the chart's drawing on the first sheet is drawing1, the picture's drawing2.
    if (image) bytes = await renamePart(bytes, "xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml");
    const input = file(name);
    await fs.writeFile(input, await withChart(bytes));
    return input;
  }

  async function partsOf(target: string): Promise<Record<string, string>> {
    const zip = await JSZip.loadAsync(await fs.readFile(target));
    const out: Record<string, string> = {};
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir))
      out[name] = /\.(xml|rels)$/.test(name) ? await zip.file(name)!.async("string") : "(binary)";
    return out;
  }

  it("carries a chart ExcelJS drops back into the copy: drawing, chart, relationships, content types", async () => {
    const input = await chartWorkbook("chart.xlsx");
    const { workbook } = await readWorkbookFile(input);
    workbook.getWorksheet("Sheet1")!.getCell("C1").value = "已评分";
    const out = file("chart-out.xlsx");
    const saved = await saveWorkbookFile(workbook, out, { source: input });
    expect(saved.lost).toEqual([]);
    expect(saved.carried).toEqual(
      expect.arrayContaining([
        "xl/charts/chart1.xml",
        "xl/drawings/drawing1.xml",
        "xl/drawings/_rels/drawing1.xml.rels",
      ]),
    );
    const parts = await partsOf(out);
    const inParts = await partsOf(input);
    expect(parts["xl/charts/chart1.xml"]).toBe(inParts["xl/charts/chart1.xml"]);
    expect(parts["xl/drawings/drawing1.xml"]).toBe(inParts["xl/drawings/drawing1.xml"]);
    const rid = /<drawing r:id="([^"]+)"\/>/.exec(parts["xl/worksheets/sheet1.xml"])?.[1];
    expect(rid).toBeDefined();
    // <drawing> sits after pageSetup and before the end, as the schema orders it.
    expect(parts["xl/worksheets/sheet1.xml"].indexOf("<drawing")).toBeGreaterThan(
      parts["xl/worksheets/sheet1.xml"].indexOf("<pageMargins"),
    );
    expect(parts["xl/worksheets/_rels/sheet1.xml.rels"]).toContain(`Id="${rid}"`);
    expect(parts["xl/worksheets/_rels/sheet1.xml.rels"]).toContain('Target="../drawings/drawing1.xml"');
    expect(parts["[Content_Types].xml"]).toContain(
      'PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"',
    );
    expect(parts["[Content_Types].xml"]).toContain('PartName="/xl/drawings/drawing1.xml"');
    const back = await load(out);
    expect(back.getWorksheet("Sheet1")!.getCell("C1").value).toBe("已评分");

    // A second generation (the copy scored again) still keeps it.
    const again = await readWorkbookFile(out);
    const out2 = file("chart-out-2.xlsx");
    expect((await saveWorkbookFile(again.workbook, out2, { source: out })).lost).toEqual([]);
    expect((await partsOf(out2))["xl/charts/chart1.xml"]).toBe(inParts["xl/charts/chart1.xml"]);
  });

  it("gives the chart's drawing a free name when ExcelJS's own picture drawing takes drawing1", async () => {
    const input = await chartWorkbook("chart-image.xlsx", true);
    const inParts = await partsOf(input);
    expect(Object.keys(inParts)).toEqual(
      expect.arrayContaining(["xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"]),
    );
    const { workbook } = await readWorkbookFile(input);
    const out = file("chart-image-out.xlsx");
    const saved = await saveWorkbookFile(workbook, out, { source: input });
    expect(saved.lost).toEqual([]);
    const parts = await partsOf(out);
    // ExcelJS wrote the picture's drawing as drawing1; the chart's drawing was carried as drawing2.
    expect(parts["xl/drawings/drawing1.xml"]).toMatch(/<xdr:pic\b/);
    expect(parts["xl/drawings/drawing2.xml"]).toBe(inParts["xl/drawings/drawing1.xml"]);
    expect(parts["xl/drawings/_rels/drawing2.xml.rels"]).toContain('Target="../charts/chart1.xml"');
    expect(parts["xl/worksheets/_rels/sheet1.xml.rels"]).toContain('Target="../drawings/drawing2.xml"');
    expect(parts["xl/worksheets/_rels/sheet2.xml.rels"]).toContain("drawing1.xml");
    expect(parts["[Content_Types].xml"]).toContain('PartName="/xl/drawings/drawing2.xml"');
    expect((await load(out)).getWorksheet("图片")!.getImages()).toHaveLength(1);
  });

  it("refuses when a chart shares its drawing with a picture (the drawing cannot be split)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["管理效率", 0.678]);
    const id = wb.addImage({ buffer: PNG_1X1 as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(id, "D2:E3");
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const drawing = await zip.file("xl/drawings/drawing1.xml")!.async("string");
    // Add a chart frame into the picture's drawing, with its chart part and relationship.
    const frame =
      '<xdr:twoCellAnchor><xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>9</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="9" name="图表 9"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdC9"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';
    zip.file("xl/drawings/drawing1.xml", drawing.replace("</xdr:wsDr>", `${frame}</xdr:wsDr>`));
    const rels = await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string");
    zip.file(
      "xl/drawings/_rels/drawing1.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdC9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
      ),
    );
    zip.file(
      "xl/charts/chart1.xml",
      '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
    );
    const input = file("mixed.xlsx");
    await fs.writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    const { workbook } = await readWorkbookFile(input);
    const err = await saveWorkbookFile(workbook, file("mixed-out.xlsx"), { source: input }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "WouldLoseContent" });
    expect((err as Error).message).toContain("xl/charts/chart1.xml（图表）");
  });

  it("refuses to save when a part cannot be kept (a pivot table, or a chart with carrying off), naming it", async () => {
    const input = await chartWorkbook("chart-nocarry.xlsx");
    const { workbook } = await readWorkbookFile(input);
    const out = file("nocarry-out.xlsx");
    const err = await saveWorkbookFile(workbook, out, { source: input, carry: false }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "WouldLoseContent" });
    expect((err as Error).message).toContain("xl/charts/chart1.xml（图表）");
    expect((err as Error).message).toContain("xl/drawings/drawing1.xml");
    await expect(fs.access(out)).rejects.toThrow(); // nothing written

    const pivot = file("pivot.xlsx");
    await fs.writeFile(pivot, await withPivotPart(await fs.readFile(input)));
    const p = await readWorkbookFile(pivot);
    const err2 = await saveWorkbookFile(p.workbook, out, { source: pivot }).catch((e: unknown) => e);
    expect((err2 as Error).message).toContain("xl/pivotTables/pivotTable1.xml（数据透视表）");
    const allowed = await saveWorkbookFile(p.workbook, out, { source: pivot, allowLoss: true });
    expect(allowed.lost.map((l) => l.part)).toEqual(["xl/pivotTables/pivotTable1.xml"]);
    expect((await load(out)).getWorksheet("Sheet1")!.getCell("B2").value).toBe(0.95);
  });

  it("saves a plain workbook without complaint and refuses to overwrite its own input", async () => {
    const input = await inputWorkbook("plain.xlsx");
    const { workbook } = await readWorkbookFile(input);
    const saved = await saveWorkbookFile(workbook, file("plain-out.xlsx"), { source: input });
    expect(saved.lost).toEqual([]);
    await expect(saveWorkbookFile(workbook, input, { source: input })).rejects.toThrow("输入文件");
    const link = file("plain-link.xlsx");
    await fs.symlink(input, link);
    const bytes = await fs.readFile(input);
    await expect(saveWorkbookFile(workbook, link, { source: input })).rejects.toThrow("输入文件");
    expect(await fs.readFile(input)).toEqual(bytes);
  });

  it("gives byte-identical output for the same workbook with a fixed date", async () => {
    const input = await inputWorkbook("fixed.xlsx");
    const date = new Date(Date.UTC(2024, 0, 1));
    const a = await readWorkbookFile(input);
    const b = await readWorkbookFile(input);
    await saveWorkbookFile(a.workbook, file("fixed-a.xlsx"), { fixedDate: date });
    await new Promise((r) => setTimeout(r, 1100));
    await saveWorkbookFile(b.workbook, file("fixed-b.xlsx"), { fixedDate: date });
    expect(await fs.readFile(file("fixed-a.xlsx"))).toEqual(await fs.readFile(file("fixed-b.xlsx")));
  });
});
