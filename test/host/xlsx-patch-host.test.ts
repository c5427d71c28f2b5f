/** PatchHost (the command line's WorkbookHost) on workbooks ExcelJS writes, through its public methods:
 *  a plan lands in the copy and every other cell keeps its value, formula and style (cell by cell, as
 *  ExcelJS reads them back); the ledger survives the copy and a second run, clearMarks keeps the user's
 *  rules, undo restores values, formats and styles (no `s` where a cell had none); refusals write nothing; selection, settings, the summary
 *  sheet; a user's sheet named like the ledger sheet is kept; text is cut to Excel's 32,767 characters.
 *  (Ported from the tests of the ExcelJS copy writer, which is gone.) */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Ledger, SummarySheet, WritePlan } from "../../src/engine/types";
import { MAX_CELL_CHARS, TRUNCATED_MARK } from "../../src/host/cells";
import { LEDGER_SHEET } from "../../src/host/ledger";
import { Archive } from "../../src/host/xlsx/archive";
import { isMarkFormula } from "../../src/host/xlsx/names";
import { openWorkbook } from "../../src/host/xlsx/open";
import { PatchHost } from "../../src/host/xlsx/patch-host";
import { buildPackage, MINIMAL_STYLES } from "./xlsx-parts";

/** A workbook with values, formulas, styles, a merge, a user's conditional format, on two sheets. */
async function inputBytes(): Promise<Uint8Array> {
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
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const plan: WritePlan = {
  writes: [
    { sheet: "指标评分", row: 1, col: 3, value: 0.5, numberFormat: "0.00", role: "score" },
    { sheet: "指标评分", row: 1, col: 4, value: 1 / 6, numberFormat: "0.00%", role: "scoreRate" },
    { sheet: "指标评分", row: 2, col: 4, value: 2.5 / 3, numberFormat: "0.00%", role: "scoreRate" },
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

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

async function host(data: Uint8Array): Promise<PatchHost> {
  return new PatchHost(await openWorkbook("in.xlsx", data), () => "2026-12-03T07:00:00.000Z");
}

/** A cell's value and style as ExcelJS reads them. */
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
        const at = `${ws.name}!${r}:${c}`;
        if (skip.has(at)) continue;
        expect({ at, ...cellState(other!, r, c) }).toEqual({ at, ...cellState(ws, r, c) });
        compared++;
      }
    expect((other!.model as { merges: string[] }).merges).toEqual((ws.model as { merges: string[] }).merges);
    expect(other!.columns?.map((col) => col.width)).toEqual(ws.columns?.map((col) => col.width));
  }
  return compared;
}

type Cf = { ref: string; rules: { formulae?: unknown[] }[] };
function formats(ws: ExcelJS.Worksheet): Cf[] {
  return (ws as unknown as { conditionalFormattings: Cf[] }).conditionalFormattings;
}
const isMark = (cf: Cf) => cf.rules.some((r) => isMarkFormula(String(r.formulae?.[0] ?? "")));
const userRules = (ws: ExcelJS.Worksheet) => formats(ws).filter((cf) => !isMark(cf));
const markRules = (ws: ExcelJS.Worksheet) => formats(ws).filter(isMark);

describe("PatchHost.applyPlan into a copy", () => {
  it("writes the plan's values and formats and leaves every other cell unchanged", async () => {
    const input = await inputBytes();
    const h = await host(input);
    expect(await h.applyPlan(plan)).toEqual({ written: 4, marked: 2, sheets: ["指标评分"] });
    const before = await load(input);
    const after = await load(await h.package());
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

  it("records a ledger that survives the copy, is kept across runs, and undo restores values and formats", async () => {
    const input = await inputBytes();
    const first = await host(input);
    await first.applyPlan(plan);
    const once = await first.package();

    const second = await host(once);
    const ledger = (await second.readSnapshot()).ledger!;
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
    await second.applyPlan({
      ...plan,
      writes: plan.writes.map((w) => ({ ...w, value: typeof w.value === "number" ? w.value + 1 : w.value })),
    });
    const again = await second.readSnapshot();
    expect(again.ledger!.entries.find((e) => e.address === "D2")).toMatchObject({
      value: 1.5,
      previous: null,
    });
    const twice = await load(await second.package());
    expect(markRules(twice.getWorksheet("指标评分")!)).toHaveLength(1);

    // clearMarks removes only the add-in's rules.
    expect(await second.clearMarks()).toBe(2);
    const cleared = await load(await second.package());
    expect(markRules(cleared.getWorksheet("指标评分")!)).toHaveLength(0);
    expect(userRules(cleared.getWorksheet("指标评分")!)).toHaveLength(1);
    expect((await second.readSnapshot()).ledger!.marks).toEqual([]);

    // Undo restores what the cells held before the first run (values and number formats).
    expect(await second.undoLastRun()).toBe(4);
    const restored = await second.package();
    const [before, after] = [await load(input), await load(restored)];
    expectSameCells(before, after, writtenKeys);
    // the cells written and undone: the input's values and number formats again (and styles: below)
    for (const w of plan.writes) {
      const [was, now] = [before, after].map((b) => b.getWorksheet(w.sheet)!.getCell(w.row + 1, w.col + 1));
      expect({ at: now.address, value: now.value, numFmt: now.numFmt ?? "General" }).toEqual({
        at: was.address,
        value: was.value,
        numFmt: was.numFmt ?? "General",
      });
    }
    expect((await openWorkbook("r.xlsx", restored)).ledger!.entries).toEqual([]);
  });

  it("undo gives a cell its own style again: no `s` where it had none, not a copy of the default style", async () => {
    const bold = `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>`;
    const styles = MINIMAL_STYLES.replace(
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>',
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>',
    ).replace(/<cellXfs count="1">(<xf [^>]*\/>)<\/cellXfs>/, `<cellXfs count="2">$1${bold}</cellXfs>`);
    expect(styles).toContain(bold);
    const input = await buildPackage({
      styles,
      sheets: [
        {
          name: "指标评分",
          // B2 empty without a style, C2 empty in the bold style, D2 not there at all
          body:
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>三级指标</t></is></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>预算执行率</t></is></c><c r="B2"/><c r="C2" s="1"/></row></sheetData>',
        },
      ],
    });
    const writes: WritePlan = {
      writes: [1, 2, 3].map((col) => ({
        sheet: "指标评分",
        row: 1,
        col,
        value: 0.25,
        numberFormat: "0.00%",
        role: "scoreRate" as const,
      })),
      marks: [],
      skipped: [],
      sheets: ["指标评分"],
    };
    const tags = async (data: Uint8Array) => {
      const xml = (await Archive.open("x.xlsx", data).then((a) => a.text("xl/worksheets/sheet1.xml")))!;
      return ["B2", "C2", "D2"].map((r) => new RegExp(`<c r="${r}"[^>]*>`).exec(xml)?.[0]);
    };
    const xfCount = async (data: Uint8Array) => {
      const xml = (await Archive.open("x.xlsx", data).then((a) => a.text("xl/styles.xml")))!;
      return (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)![1].match(/<xf\b/g) ?? []).length;
    };
    const restored = ['<c r="B2"/>', '<c r="C2" s="1"/>', '<c r="D2"/>'];

    // in the session that scored
    const same = await host(input);
    await same.applyPlan(writes);
    expect((await tags(await same.package())).every((t) => /\ss="\d+"/.test(t ?? ""))).toBe(true);
    expect(await same.undoLastRun()).toBe(3);
    expect(await tags(await same.package())).toEqual(restored);

    // on the scored copy, in a later run: undo adds no style record either
    const first = await host(input);
    await first.applyPlan(writes);
    const scored = await first.package();
    const later = await host(scored);
    expect(await later.undoLastRun()).toBe(3);
    const undone = await later.package();
    expect(await tags(undone)).toEqual(restored);
    expect(await xfCount(undone)).toBe(await xfCount(scored));
  });

  it("refuses a plan touching a protected sheet, or naming a sheet that does not exist, and writes nothing", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("指标评分").getCell("A1").value = "一级指标";
    const locked = wb.addWorksheet("其他");
    locked.getCell("A1").value = "备注";
    await locked.protect("", {});
    const input = new Uint8Array(await wb.xlsx.writeBuffer());
    const h = await host(input);
    const err = await h.applyPlan(plan).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "SheetProtected", sheet: "其他" });
    expect((err as Error).message).toContain("其他");
    await expect(
      h.applyPlan({
        ...plan,
        sheets: ["不存在"],
        writes: [{ ...plan.writes[0], sheet: "不存在" }],
        marks: [],
      }),
    ).rejects.toMatchObject({ code: "NotFound", sheet: "不存在" });
    const copy = await JSZip.loadAsync(await h.package());
    const source = await JSZip.loadAsync(input);
    const parts = (zip: JSZip) => Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(parts(copy)).toEqual(parts(source));
    for (const name of parts(source))
      expect(await copy.file(name)?.async("string")).toBe(await source.file(name)?.async("string"));
  });
});

describe("PatchHost selection and settings", () => {
  it("records the selection and refuses an unknown sheet or address", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("预算执行");
    const h = await host(new Uint8Array(await wb.xlsx.writeBuffer()));
    await h.select("预算执行", "G4");
    expect(h.selection).toEqual({ sheet: "预算执行", address: "G4" });
    await expect(h.select("无此表", "A1")).rejects.toMatchObject({ code: "NotFound", sheet: "无此表" });
    await expect(h.select("预算执行", "not-a-cell")).rejects.toMatchObject({ code: "NotFound" });
  });

  it("keeps settings in the hidden sheet beside the ledger, and a long ledger split across cells", async () => {
    const h = await host(await inputBytes());
    expect(await h.loadSettings()).toBeNull();
    await h.applyPlan({
      ...plan,
      writes: Array.from({ length: 4000 }, (_, i) => ({
        sheet: "其他",
        row: i + 10,
        col: 6,
        value: `说明文字 ${i} ${"长".repeat(10)}`,
        role: "note" as const,
      })),
      marks: [],
    } as never);
    await h.saveSettings({ lang: "en-US", thresholds: { executionLow: 0.8 } } as never);
    const back = await openWorkbook("out.xlsx", await h.package());
    expect(back.settings).toEqual({ lang: "en-US", thresholds: { executionLow: 0.8 } });
    expect(back.ledger!.entries).toHaveLength(4000);
    expect(back.ledger!.entries[3999]).toMatchObject({ address: "G4010", previous: null });
    expect(back.ledgerSheet!.snapshot.values.length).toBeGreaterThan(1); // more than one chunk
    expect(back.snapshot.sheets.map((s) => s.name)).toEqual(["指标评分", "其他"]);
    const ledger: Ledger = back.ledger!;
    expect(ledger.entries.every((e) => e.sheet === "其他")).toBe(true);
  });
});

describe("PatchHost.insertSummary", () => {
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
    const h = await host(new Uint8Array(await wb.xlsx.writeBuffer()));
    const { sheet } = await h.insertSummary(summary);
    expect(sheet).toBe("问题汇总 (2)");
    // Inserting again reuses the add-in's own sheet.
    expect((await h.insertSummary(summary)).sheet).toBe("问题汇总 (2)");
    const data = await h.package();
    const back = await load(data);
    expect(back.worksheets.map((s) => s.name).filter((n) => n.startsWith("问题汇总"))).toHaveLength(2);
    expect(back.getWorksheet("问题汇总")!.getCell("A1").value).toBe("用户自己的表");
    const ws = back.getWorksheet("问题汇总 (2)")!;
    expect(ws.getCell("A1").value).toBe("部门整体绩效评价指标得分表");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect((ws.model as { merges: string[] }).merges).toEqual(["A1:B1"]);
    expect(ws.getColumn(1).width).toBe(24);
    expect(ws.getCell("B3").numFmt).toBe("0.00%");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    // The link is an internal one: `location` only, no external relationship.
    const zip = await JSZip.loadAsync(data);
    const xmls = await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
        .map((p) => zip.file(p)!.async("string")),
    );
    const linkTag = xmls.join("").match(/<hyperlink\b[^>]*>/g) ?? [];
    expect(linkTag).toHaveLength(1);
    expect(linkTag[0]).toMatch(/location="(&apos;|')指标评分(&apos;|')!D2"/);
    expect(linkTag[0]).not.toContain("r:id");
    expect((await openWorkbook("s.xlsx", data)).ledger?.summarySheet).toBe("问题汇总 (2)");
  });
});

describe("the ledger sheet's name and Excel's cell limit", () => {
  it("a user's visible _绩效评价助手 sheet is kept; the ledger goes to _绩效评价助手 (2); long text is cut", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("指标").getCell("A1").value = "得分";
    wb.addWorksheet(LEDGER_SHEET).getCell("A1").value = "我的笔记";
    const opened = await openWorkbook("in.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(opened.snapshot.sheets.map((s) => s.name)).toEqual(["指标", LEDGER_SHEET]);

    const h = new PatchHost(opened);
    await h.applyPlan({
      writes: [{ sheet: "指标", row: 0, col: 1, value: "x".repeat(40000), role: "score" }],
      marks: [],
      skipped: [],
      sheets: ["指标"],
    } as never);
    await h.insertSummary({
      name: "问题汇总",
      rows: [[{ value: "问".repeat(40000), style: "body" }]],
      merges: [],
      columnWidths: [20],
      chart: null,
      print: { paper: "A4", orientation: "portrait", fitToWidth: true },
    });
    const out = await h.package();

    const back = await load(out);
    expect(back.getWorksheet(LEDGER_SHEET)?.getCell("A1").value).toBe("我的笔记");
    expect(back.getWorksheet(LEDGER_SHEET)?.state).toBe("visible");
    const ledger = back.getWorksheet(`${LEDGER_SHEET} (2)`);
    expect(ledger?.state).toBe("veryHidden");
    expect(String(ledger?.getCell("A1").value)).toContain('"v":1');
    const written = String(back.getWorksheet("指标")?.getCell("B1").value);
    expect(written.length).toBe(MAX_CELL_CHARS);
    expect(written.endsWith(TRUNCATED_MARK)).toBe(true);
    const summaryText = String(back.getWorksheet("问题汇总")?.getCell("A1").value);
    expect(summaryText.length).toBe(MAX_CELL_CHARS);
    expect(summaryText.endsWith(TRUNCATED_MARK)).toBe(true);

    // read again, the ledger is found under its new name and the user's sheet is still theirs
    const again = await openWorkbook("out.xlsx", out);
    expect(again.ledgerSheet?.entry.name).toBe(`${LEDGER_SHEET} (2)`);
    expect(again.ledger?.entries.map((e) => e.address)).toEqual(["B1"]);
    expect(again.snapshot.sheets.map((s) => s.name)).toEqual(["指标", LEDGER_SHEET, "问题汇总"]);
  });
});
