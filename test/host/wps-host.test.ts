/**
 * The WPS adapter against the typed ET fake (test/host/wps-fake.ts), mirroring the Office adapter's tests:
 * the sample scores 85.54 → 良 and leaves the same cells as the Office adapter (through the in-memory
 * Excel), the user's values and formulas survive, twice == once, undo, 清除标记 keeps the user's fills, a
 * write cut off halfway restores the workbook, a protected sheet is refused by name; and the ET quirks
 * (Value2 shapes, Value() fallback, Address as a property), blocks instead of cells.
 */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { resolveConfig } from "../../src/engine/config";
import type { CellWrite, SummarySheet, WritePlan } from "../../src/engine/types";
import { LocalizedHostError } from "../../src/host/errors";
import { parseLedger } from "../../src/host/ledger";
import { MemoryWorkbook, createExcelApi } from "../../src/host/memory";
import { memoryWorkbookFromExcelJS } from "../../src/host/memory/xlsx";
import { createOfficeHost } from "../../src/host/office/host";
import { HostError } from "../../src/host/port";
import { bgrToHex, hexToBgr, toGrid } from "../../src/host/wps/et";
import { createWpsHost } from "../../src/host/wps/host";
import { LEDGER_SHEET } from "../../src/host/ledger";
import { insertSummarySheet, scoreWorkbook } from "../../src/usecases";
import { FakeApplication, FakeWorkbook, type FakeOptions } from "./wps-fake";

const SAMPLE_XLSX = path.join(__dirname, "../../examples/gaozhuang-2023.xlsx");
const NOW = () => "2026-11-27T08:00:00.000Z";

async function sampleMemory(): Promise<MemoryWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE_XLSX);
  return memoryWorkbookFromExcelJS(book);
}

function wpsFor(fake: FakeWorkbook) {
  return createWpsHost(new FakeApplication(fake), { now: NOW });
}

/** The small workbook of the Office adapter's tests. */
function smallMemory(): MemoryWorkbook {
  const wb = MemoryWorkbook.fromCells({
    预算执行: [
      ["资金来源", "年初预算数", "调整后预算数", "全年实际支出数", "执行率", "调整率"],
      ["财政拨款", 552.45, 552.45, 667.92, null, null],
      ["政府性基金", 387, 387, null, null, null],
      ["合计", 939.45, 939.45, 994.07, null, null],
    ],
    指标评分: [
      ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率"],
      ["管理效率", "预算编制", "预算调整率", 3, null, null],
      [null, null, "绩效目标合理性", 3, 2.5, null],
      [null, "预算执行", "预算执行率", 5, null, null],
    ],
  });
  wb.setCell("预算执行", "F4", { formula: "=C4/B4-1", value: 0 });
  wb.setCell("预算执行", "A2", { value: "财政拨款", fill: "#FFFF00" });
  return wb;
}

function small(options: FakeOptions = {}): FakeWorkbook {
  return FakeWorkbook.fromMemory(smallMemory(), options);
}

function w(sheet: string, address: string, value: number | string, numberFormat?: string): CellWrite {
  const r = /^([A-Z]+)(\d+)$/.exec(address)!;
  return { sheet, row: Number(r[2]) - 1, col: r[1].charCodeAt(0) - 65, value, numberFormat, role: "score" };
}

function samplePlan(): WritePlan {
  return {
    writes: [
      w("预算执行", "E2", 1.209, "0.00%"),
      w("预算执行", "F2", 0, "0.00%"),
      w("预算执行", "E4", 1.0581, "0.00%"),
      w("预算执行", "F4", 0, "0.00%"), // the user's formula: must survive
      w("指标评分", "E2", 0.5, "0.00"),
      w("指标评分", "E3", 9, "0.00"), // the user's typed 2.5: must survive
      w("指标评分", "E4", 2.91, "0.00"),
      w("指标评分", "F2", 0.1667, "0.00%"),
      w("指标评分", "F3", 0.8333, "0.00%"),
      w("指标评分", "F4", 0.582, "0.00%"),
    ],
    marks: [
      {
        sheet: "预算执行",
        range: { row: 1, col: 0, rowCount: 1, colCount: 1 },
        severity: "error",
        rule: "A",
      },
      {
        sheet: "预算执行",
        range: { row: 1, col: 4, rowCount: 1, colCount: 1 },
        severity: "error",
        rule: "A",
      },
      {
        sheet: "指标评分",
        range: { row: 1, col: 4, rowCount: 1, colCount: 2 },
        severity: "warning",
        rule: "B",
      },
    ],
    skipped: [],
    sheets: ["预算执行", "指标评分"],
  };
}

const ledgerOf = (fake: FakeWorkbook) => {
  const sheet = fake.sheets.find((s) => s.name === LEDGER_SHEET);
  const parts: string[] = [];
  for (let r = 1; sheet; r++) {
    const v = sheet.cell(`A${r}`).value;
    if (typeof v !== "string" || v === "") break;
    parts.push(v);
  }
  return parseLedger(parts.join(""));
};

describe("ET decoding", () => {
  it("normalises Value2 shapes to a grid", () => {
    expect(toGrid(5, 1, 1)).toEqual([[5]]);
    expect(toGrid([1, 2, 3], 1, 3)).toEqual([[1, 2, 3]]);
    expect(toGrid([1, 2, 3], 3, 1)).toEqual([[1], [2], [3]]);
    expect(
      toGrid(
        [
          [1, 2],
          [3, 4],
        ],
        2,
        2,
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("converts colours between #RRGGBB and BGR", () => {
    // #F8D7DA: R=0xF8 (248), G=0xD7 (215), B=0xDA (218) → 248 + 215·256 + 218·65536 = 14342136.
    expect(hexToBgr("#F8D7DA")).toBe(248 + 215 * 256 + 218 * 65536);
    expect(bgrToHex(248 + 215 * 256 + 218 * 65536)).toBe("#F8D7DA");
    expect(bgrToHex(0x0000ff)).toBe("#FF0000");
  });
});

describe("WPS adapter on the sample", () => {
  jest.setTimeout(60_000);

  it("scores the sample 85.54 → 良 and writes it into the cells", async () => {
    const fake = FakeWorkbook.fromMemory(await sampleMemory());
    const { evaluation } = await scoreWorkbook(wpsFor(fake), resolveConfig());
    // 85.54 is the report's total (docs/domain.md §7: the sample's 一级指标 subtotals add up to it).
    expect(evaluation.scores[0].total.score).toBeCloseTo(85.54, 2);
    expect(evaluation.scores[0].total.grade).toBe("良");
    const values = fake.sheets.flatMap((s) => [...s.cells.values()].map((c) => c.value));
    expect(values).toEqual(expect.arrayContaining([85.54, "良"]));
  });

  it("leaves the same cells as the Office adapter through the in-memory Excel, cell for cell", async () => {
    const memory = await sampleMemory();
    const fake = FakeWorkbook.fromMemory(await sampleMemory());
    const office = createOfficeHost(createExcelApi(memory), { now: NOW });
    const wps = wpsFor(fake);
    const a = await scoreWorkbook(office, resolveConfig());
    const b = await scoreWorkbook(wps, resolveConfig());
    expect(b.applied).toEqual(a.applied);
    const sa = await insertSummarySheet(office, a.evaluation);
    const sb = await insertSummarySheet(wps, b.evaluation);
    expect(sb.sheet).toBe(sa.sheet);

    const fromMemory = () => {
      const out: string[] = [];
      for (const s of memory.sheets)
        for (const [k, c] of s.cells) {
          const value = c.formula ?? (c.value === "" ? null : c.value);
          if (value === null) continue;
          const fmt = c.numberFormat && c.numberFormat !== "General" ? c.numberFormat : "General";
          out.push(`${s.name}!${Math.floor(k / 16384)}:${k % 16384}=${JSON.stringify(value)}|${fmt}`);
        }
      return out.sort();
    };
    const fromFake = () => {
      const out: string[] = [];
      for (const s of fake.sheets) {
        if (s.name === LEDGER_SHEET) continue;
        for (const [k, c] of s.cells) {
          const value = c.formula ?? c.value;
          if (value === null) continue;
          out.push(
            `${s.name}!${Math.floor(k / 16384)}:${k % 16384}=${JSON.stringify(value)}|${c.numberFormat ?? "General"}`,
          );
        }
      }
      return out.sort();
    };
    const office_ = fromMemory();
    expect(office_.length).toBeGreaterThan(100);
    expect(fromFake()).toEqual(office_);
    // The summary's links point where the Office adapter's do.
    const links = (s: string) =>
      [...fake.sheet(s).cells.values()].filter((c) => c.hyperlink).map((c) => c.hyperlink!.subAddress);
    const officeLinks = [...memory.sheet(sa.sheet).cells.values()]
      .filter((c) => c.hyperlink)
      .map((c) => c.hyperlink!.documentReference);
    expect(links(sb.sheet).sort()).toEqual(officeLinks.sort());
    expect(officeLinks.length).toBeGreaterThan(0);
  });

  it("reads the same snapshot whatever shape Value2 comes in, with Value() only, and Address as a property", async () => {
    const memory = await sampleMemory();
    const plain = await wpsFor(FakeWorkbook.fromMemory(memory)).readSnapshot();
    for (const options of [{ oneD: true }, { noValue2: true }, { addressAsProperty: true }] as FakeOptions[])
      expect(await wpsFor(FakeWorkbook.fromMemory(memory, options)).readSnapshot()).toEqual(plain);
  });

  it("reads each sheet in block calls, never cell by cell", async () => {
    const fake = FakeWorkbook.fromMemory(await sampleMemory());
    await wpsFor(fake).readSnapshot();
    const blockReads = fake.stats.log.filter((c) => c.what === "Value2" && c.cells > 1);
    const sheets = fake.sheets.filter((s) => s.used()).length;
    // One Value2 call per used range (each under 500,000 cells) and one for the used range's first cell
    // check is made only for 1×1 ranges.
    expect(blockReads.length).toBe(sheets);
    expect(
      fake.stats.log.filter((c) => c.kind === "read" && c.what === "Formula").length,
    ).toBeLessThanOrEqual(sheets);
  });
});

describe("WPS adapter: applyPlan, undo, marks", () => {
  it("writes the plan; the user's value and formula survive; marks are conditional formats", async () => {
    const fake = small();
    const host = wpsFor(fake);
    await host.readSnapshot();
    const result = await host.applyPlan(samplePlan());
    expect(result.written).toBe(8);
    expect(result.marked).toBe(3);
    expect(fake.sheet("预算执行").cell("E2")).toMatchObject({ value: 1.209, numberFormat: "0.00%" });
    expect(fake.sheet("预算执行").cell("F4").formula).toBe("=C4/B4-1");
    expect(fake.sheet("预算执行").cell("F4").numberFormat).toBeUndefined();
    expect(fake.sheet("指标评分").cell("E3").value).toBe(2.5);
    expect(fake.sheet("指标评分").cell("E4")).toMatchObject({ value: 2.91, numberFormat: "0.00" });
    expect(bgrToHex(fake.sheet("预算执行").cell("A2").fill)).toBe("#FFFF00");
    const ours = fake.sheet("预算执行").conditions.filter((f) => f.formula.includes("绩效评价助手"));
    expect(ours.map((f) => bgrToHex(f.fill))).toEqual(["#F8D7DA"]);
    expect(fake.sheet(LEDGER_SHEET).visible).toBe(2); // xlSheetVeryHidden
    const ledger = ledgerOf(fake)!;
    expect(ledger.entries.length).toBe(8);
    // No write call per cell: 预算执行 E2:F2 is one block, E4 another; 指标评分 E2, E4, F2:F4 …
    const valueWrites = fake.stats.log.filter(
      (c) => c.kind === "write" && c.what === "Value2" && c.sheet !== LEDGER_SHEET,
    );
    expect(valueWrites.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual(
      ["预算执行!E2:F2", "预算执行!E4", "指标评分!E2", "指标评分!E4", "指标评分!F2:F4"].sort(),
    );
  });

  it("running twice leaves the same workbook as once; the ledger keeps the first run's previous values", async () => {
    const once = small();
    await wpsFor(once).applyPlan(samplePlan());
    const twice = small();
    const host = wpsFor(twice);
    await host.applyPlan(samplePlan());
    await host.readSnapshot();
    await host.applyPlan(samplePlan());
    expect(twice.dump()).toEqual(once.dump());
    expect(ledgerOf(twice)!.entries).toEqual(ledgerOf(once)!.entries);
  });

  it("undo puts every cell and format back and removes the marks (a cell the user changed since stays)", async () => {
    const fake = small();
    const before = fake.dump();
    const host = wpsFor(fake);
    await host.applyPlan(samplePlan());
    await host.applyPlan(samplePlan());
    expect(await host.undoLastRun()).toBe(8);
    const after = fake.dump().filter((s) => s.name !== LEDGER_SHEET);
    expect(after).toEqual(before);
    expect(ledgerOf(fake)!.entries).toEqual([]);

    await host.applyPlan(samplePlan());
    fake.sheet("指标评分").set("E2", 1);
    expect(await host.undoLastRun()).toBe(7);
    expect(fake.sheet("指标评分").cell("E2").value).toBe(1);
  });

  it("清除标记 removes only our conditional formats; the user's fill and own format stay", async () => {
    const fake = small();
    fake.sheet("预算执行").conditions.push({
      id: 999,
      areas: [{ row: 1, col: 0, rowCount: 3, colCount: 1 }],
      type: 2,
      formula: "=$D2>$C2",
      fill: 0x00ff00,
    });
    const host = wpsFor(fake);
    await host.applyPlan(samplePlan());
    expect(await host.clearMarks()).toBe(3);
    expect(fake.sheets.flatMap((s) => s.conditions).map((c) => c.id)).toEqual([999]);
    expect(bgrToHex(fake.sheet("预算执行").cell("A2").fill)).toBe("#FFFF00");
    expect(fake.sheet("预算执行").cell("E2").value).toBe(1.209);
    expect(ledgerOf(fake)!.marks).toEqual([]);
  });

  it("a re-run makes 17 write calls (the cases below cut off each one)", async () => {
    const fake = small();
    const host = wpsFor(fake);
    await host.applyPlan(samplePlan());
    const plan = samplePlan();
    plan.writes.push(w("指标评分", "E4", 3.5, "0.00"));
    plan.marks.push({
      sheet: "指标评分",
      range: { row: 3, col: 4, rowCount: 1, colCount: 1 },
      severity: "info",
      rule: "X",
    });
    fake.sheet("指标评分").set("E4", null);
    fake.resetStats();
    await host.applyPlan(plan);
    expect(fake.stats.writes).toBe(17);
  });

  // Writes of a re-run: 5 value blocks, their number formats, the old marks' removal (not writes), 2 mark
  // adds + 2 fills, the ledger — every one of them cut off halfway in turn.
  it.each(Array.from({ length: 17 }, (_, i) => i + 1))(
    "a write cut off halfway (write call %i of a re-run) → SyncFailed and the workbook as before",
    async (n) => {
      const fake = small();
      const host = wpsFor(fake);
      await host.applyPlan(samplePlan()); // a previous run: marks and ledger exist
      fake.sheet("指标评分").set("E4", null);
      const state = fake.dump();
      const plan = samplePlan();
      plan.writes.push(w("指标评分", "E4", 3.5, "0.00"));
      plan.marks.push({
        sheet: "指标评分",
        range: { row: 3, col: 4, rowCount: 1, colCount: 1 },
        severity: "info",
        rule: "X",
      });
      fake.failWriteAfter(n);
      const error = await host.applyPlan(plan).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostError);
      expect((error as HostError).code).toBe("SyncFailed");
      expect((error as LocalizedHostError).messages["zh-CN"]).toContain("已恢复原状");
      expect((error as LocalizedHostError).messages["en-US"]).toContain("unchanged");
      expect((error as LocalizedHostError).messages["zh-CN"]).toContain("WPS 表格");
      const norm = (d: ReturnType<FakeWorkbook["dump"]>) =>
        d.map((s) => ({ ...s, conditions: s.conditions }));
      expect(norm(fake.dump())).toEqual(norm(state));
    },
  );

  it("refuses a plan that writes into a protected sheet, naming it in both languages, and writes nothing", async () => {
    const fake = small();
    fake.sheet("指标评分").protected = true;
    const state = fake.dump();
    const error = await wpsFor(fake)
      .applyPlan(samplePlan())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalizedHostError);
    const e = error as LocalizedHostError;
    expect(e.code).toBe("SheetProtected");
    expect(e.sheet).toBe("指标评分");
    expect(e.messages["zh-CN"]).toContain("指标评分");
    expect(e.messages["zh-CN"]).toContain("撤销工作表保护");
    expect(e.messages["en-US"]).toContain('Sheet "指标评分" is protected');
    expect(fake.dump()).toEqual(state);
    expect(fake.stats.writes).toBe(0);
  });

  it("names a missing sheet instead of crashing", async () => {
    const plan = samplePlan();
    plan.writes.push(w("不存在", "A1", 1));
    const error = await wpsFor(small())
      .applyPlan(plan)
      .catch((e: unknown) => e);
    expect((error as HostError).code).toBe("NotFound");
    expect((error as HostError).message).toContain("不存在");
  });
});

function summary(): SummarySheet {
  return {
    name: "问题汇总",
    rows: [
      [{ value: "部门整体绩效评价指标得分表", style: "title" }],
      [
        { value: "一级指标", style: "header" },
        { value: "得分率", style: "header" },
      ],
      [{ value: "管理效率" }, { value: 0.678, numberFormat: "0.00%" }],
      [
        {
          value: "财政拨款执行率 120.90%，超过 100%",
          style: "link",
          link: { sheet: "预算执行", address: "E2" },
        },
      ],
    ],
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: 2 }],
    columnWidths: [30, 10],
    chart: null,
    print: { paper: "A4", orientation: "portrait", fitToWidth: true },
  };
}

describe("WPS adapter: summary, select, settings", () => {
  it("adds the summary sheet with values, formats, styles, merges, widths and a hyperlink per finding; twice → one sheet", async () => {
    const fake = small();
    fake.addSheet("问题汇总").set("A1", "我的笔记");
    const host = wpsFor(fake);
    const { sheet } = await host.insertSummary(summary());
    expect(sheet).toBe("问题汇总 (2)");
    const s = fake.sheet(sheet);
    expect(s.cell("B3")).toMatchObject({ value: 0.678, numberFormat: "0.00%" });
    expect(s.cell("A1").font).toMatchObject({ bold: true, size: 16 });
    expect(bgrToHex(s.cell("A2").fill)).toBe("#DDEBF7");
    expect(s.cell("A4").hyperlink).toMatchObject({ subAddress: "'预算执行'!E2" });
    expect(bgrToHex(s.cell("A4").font?.color)).toBe("#0563C1");
    expect(s.merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 2 }]);
    expect(s.columnWidths.get(0)).toBe(30);
    expect((await host.insertSummary(summary())).sheet).toBe("问题汇总 (2)");
    expect(fake.sheets.map((x) => x.name).filter((n) => n.startsWith("问题汇总"))).toEqual([
      "问题汇总",
      "问题汇总 (2)",
    ]);
    expect(fake.sheet(sheet).merges.length).toBe(1);
    expect(fake.sheet("问题汇总").cell("A1").value).toBe("我的笔记");
    expect(fake.activeSheet).toBe(sheet);
  });

  it("selects a cell on its sheet", async () => {
    const fake = small();
    await wpsFor(fake).select("指标评分", "'指标评分'!E4");
    expect(fake.selection).toEqual({ sheet: "指标评分", address: "E4" });
    expect(fake.activeSheet).toBe("指标评分");
  });

  it("keeps settings in the workbook's hidden sheet, beside the ledger", async () => {
    const fake = small();
    const host = wpsFor(fake);
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ lang: "en-US" });
    await host.applyPlan(samplePlan());
    expect(await host.loadSettings()).toEqual({ lang: "en-US" });
    expect(ledgerOf(fake)!.entries.length).toBe(8);
    expect((await host.readSnapshot()).sheets.map((s) => s.name)).toEqual(["预算执行", "指标评分"]);
  });

  it("says so when WPS has no workbook open", async () => {
    const error = await createWpsHost(new FakeApplication(null))
      .readSnapshot()
      .catch((e: unknown) => e);
    expect((error as HostError).code).toBe("NoExcel");
  });
});
