/**
 * The Office.js adapter against the in-memory Excel, with hand-made write plans (independent of the
 * engine): sync counts, re-checks, repeatability, undo, marks, failure and restore, protection, the
 * summary sheet, older Excel, payload budgets.
 */
import type { CellWrite, SummarySheet, WritePlan } from "../../src/engine/types";
import { HostError } from "../../src/host/port";
import { LEDGER_SETTING_KEY, SETTINGS_KEY, parseLedger } from "../../src/host/ledger";
import { MemoryWorkbook, createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import { PAYLOAD_LIMIT, SYNC_BUDGET } from "../../src/host/office/budget";
import { createOfficeHost } from "../../src/host/office/host";
import { predictReadSyncs } from "../../src/host/office/read";
import { LocalizedHostError } from "../../src/host/errors";
import { STANDARD_INDICATOR_HEADER, STANDARD_BUDGET_HEADER } from "../engine/helpers/grid";

function hostFor(wb: MemoryWorkbook) {
  return createOfficeHost(createExcelApi(wb), {
    isSetSupported: (set, version) => isSetSupportedBy(wb, set, version),
    now: () => "2026-11-27T08:00:00.000Z",
  });
}

/** A host whose `failingSync`-th sync (counted over the whole apply) fails after `afterOps` operations. */
function hostFailingAt(wb: MemoryWorkbook, failingSync: number, afterOps: number) {
  const api = createExcelApi(wb);
  let syncs = 0;
  const run: typeof Excel.run = ((batch: (ctx: Excel.RequestContext) => Promise<unknown>) =>
    api.run(async (ctx: Excel.RequestContext) => {
      const sync = ctx.sync.bind(ctx);
      ctx.sync = (() => {
        syncs++;
        if (syncs === failingSync) wb.failNextSync({ afterOps });
        return sync();
      }) as typeof ctx.sync;
      return batch(ctx);
    })) as typeof Excel.run;
  return createOfficeHost({ run }, { isSetSupported: (s, v) => isSetSupportedBy(wb, s, v) });
}

/** Every cell (value, formula, format, fill, font, hyperlink), merges, conditional formats (without their
 *  marker ids and priorities), charts and sheet names: what a user could see. */
function dump(wb: MemoryWorkbook) {
  return wb.sheets.map((s) => ({
    name: s.name,
    cells: [...s.cells.entries()]
      .filter(
        ([, c]) => !(c.value === null && !c.formula && !c.fill && !c.font && !c.numberFormat && !c.hyperlink),
      )
      .sort(([a], [b]) => a - b)
      .map(([k, c]) => [k, JSON.stringify(c)]),
    merges: s.merges,
    conditionalFormats: s.conditionalFormats
      .map((f) => ({
        range: f.range,
        type: f.type,
        fill: f.fill,
        font: f.font,
        ours: f.formula.includes("绩效评价助手"),
      }))
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    charts: s.charts.map((c) => c.name),
  }));
}

function sampleWorkbook(): MemoryWorkbook {
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
  wb.merge("指标评分", "A2:A4");
  wb.merge("指标评分", "B2:B3");
  // The user's own: a typed 得分 … (E3 above), a formula in an output column, a fill on a cell we mark.
  wb.setCell("预算执行", "F4", { formula: "=C4/B4-1", value: 0 });
  wb.setCell("预算执行", "A2", { value: "财政拨款", fill: "#FFFF00" });
  return wb;
}

function w(sheet: string, address: string, value: number | string, numberFormat?: string): CellWrite {
  const r = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = r[1].charCodeAt(0) - 65;
  return { sheet, row: Number(r[2]) - 1, col, value, numberFormat, role: "score" };
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
        rule: "EXEC_OVER",
      },
      {
        sheet: "预算执行",
        range: { row: 1, col: 4, rowCount: 1, colCount: 1 },
        severity: "error",
        rule: "EXEC_OVER",
      },
      {
        sheet: "指标评分",
        range: { row: 1, col: 4, rowCount: 1, colCount: 2 },
        severity: "warning",
        rule: "LOW",
      },
    ],
    skipped: [],
    sheets: ["预算执行", "指标评分"],
  };
}

describe("Office adapter: readSnapshot", () => {
  it("reads every sheet's used range, formulas and merges in 2 syncs", async () => {
    const wb = sampleWorkbook();
    const snapshot = await hostFor(wb).readSnapshot();
    expect(wb.stats.syncs).toBe(2);
    const budget = snapshot.sheets.find((s) => s.name === "预算执行")!;
    expect(budget.top).toBe(0);
    expect(budget.values[1]).toEqual(["财政拨款", 552.45, 552.45, 667.92, null, null]);
    expect(budget.values[2][3]).toBeNull();
    expect(budget.formulas?.[3][5]).toBe("=C4/B4-1");
    expect(budget.formulas?.[1][1]).toBeNull();
    const scores = snapshot.sheets.find((s) => s.name === "指标评分")!;
    expect(scores.formulas).toBeUndefined();
    expect(scores.merges).toEqual(
      expect.arrayContaining([
        { row: 1, col: 0, rowCount: 3, colCount: 1 },
        { row: 1, col: 1, rowCount: 2, colCount: 1 },
      ]),
    );
    expect(snapshot.ledger).toBeUndefined();
  });

  it("a re-read looks at the known sheets in its first sync; sheets renamed, added or protected since are read as new", async () => {
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    await host.readSnapshot();
    wb.resetStats();
    const again = await host.readSnapshot();
    expect(wb.stats.syncs).toBe(1);
    expect(again).toEqual(await hostFor(wb).readSnapshot());

    wb.sheet("预算执行").name = "预算执行表";
    wb.sheet("指标评分").protected = true;
    wb.setCell("新增", "B2", { formula: "=1+1", value: 2 });
    wb.setCell("指标评分", "G9", "后来写的");
    wb.resetStats();
    const changed = await host.readSnapshot();
    expect(wb.stats.syncs).toBe(2);
    expect(changed.sheets.map((x) => x.name)).toEqual(["预算执行表", "指标评分", "新增"]);
    expect(changed).toEqual(await hostFor(wb).readSnapshot());
    expect(changed.sheets[2].formulas?.[0][0]).toBe("=1+1");
  });

  it("a re-read whose known windows grew too large falls back to names, then the first read's path", async () => {
    const long = (i: number) => `${i}:` + "x".repeat(1000);
    const wb = MemoryWorkbook.fromCells({ 宽表: [["小"]] });
    const host = hostFor(wb);
    await host.readSnapshot();
    for (let r = 0; r < 260; r++)
      for (let c = 0; c < 26; c++)
        wb.setCell("宽表", `${String.fromCharCode(65 + c)}${r + 1}`, long(r * 26 + c));
    wb.resetStats();
    const snapshot = await host.readSnapshot();
    expect(snapshot.sheets[0].values[259][25]).toBe(long(259 * 26 + 25));
    // The first sync (names with the known window) came back too large, then names alone passed.
    expect(wb.stats.requests[0].responseBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(wb.stats.requests[1].responseBytes).toBeLessThan(1024);
    expect(snapshot).toEqual(await hostFor(wb).readSnapshot());
  });

  it("on ExcelApi 1.7 reads no merges (the engine infers them) and still works", async () => {
    const wb = sampleWorkbook();
    wb.supportedApi = "1.7";
    const snapshot = await hostFor(wb).readSnapshot();
    expect(snapshot.sheets.every((s) => s.merges.length === 0)).toBe(true);
    expect(snapshot.sheets[0].values[1][0]).toBe("财政拨款");
  });

  it("reads a sheet whose data starts far from A1, and an empty sheet", async () => {
    const wb = MemoryWorkbook.fromCells({ 空白: {}, 远处: { AD2000: 7, AE2001: "x" } });
    const snapshot = await hostFor(wb).readSnapshot();
    const far = snapshot.sheets.find((s) => s.name === "远处")!;
    expect(far).toMatchObject({ top: 1999, left: 29 });
    expect(far.values).toEqual([
      [7, null],
      [null, "x"],
    ]);
    expect(snapshot.sheets.find((s) => s.name === "空白")!.values).toEqual([]);
  });

  it("reads 50,000 budget rows and 5,000 indicator rows with no sync over 5 MB, in the predicted syncs", async () => {
    const budget: (string | number | null)[][] = [[...STANDARD_BUDGET_HEADER]];
    for (let i = 0; i < 50_000; i++)
      budget.push([
        `项目资金${i}`,
        100 + (i % 97) * 1.37,
        i % 5,
        101.5 + (i % 89),
        99.25,
        97.5 + (i % 13),
        null,
        null,
      ]);
    const indicators: (string | number | null)[][] = [[...STANDARD_INDICATOR_HEADER]];
    for (let i = 0; i < 5_000; i++)
      indicators.push([
        `一级${i % 5}`,
        `二级${i % 20}`,
        `指标${i}`,
        2,
        "≥",
        100,
        90 + (i % 10),
        "按完成比例计算得分",
        null,
        null,
      ]);
    const wb = MemoryWorkbook.fromCells({ 预算执行: budget, 指标评分: indicators });
    const snapshot = await hostFor(wb).readSnapshot();
    expect(snapshot.sheets[0].values.length).toBe(50_001);
    expect(snapshot.sheets[0].values[50_000][0]).toBe("项目资金49999");
    expect(snapshot.sheets[1].values[5_000][2]).toBe("指标4999");
    for (const r of wb.stats.requests) {
      expect(r.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      expect(r.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    }
    const predicted = predictReadSyncs(
      [
        { sheet: "预算执行", top: 0, left: 0, rowCount: 50_001, colCount: 8 },
        { sheet: "指标评分", top: 0, left: 0, rowCount: 5_001, colCount: 10 },
      ],
      2,
    );
    expect(wb.stats.syncs).toBe(predicted);
    expect(wb.stats.syncs).toBeLessThan(10);
  });
});

describe("Office adapter: formulas through special cells", () => {
  /** 6,000 rows with a formula in every row of column C and far right of the window (AD): the first look
   *  and the blocks beyond it both carry formulas. */
  function formulaWorkbook(): MemoryWorkbook {
    const rows: (string | number | null)[][] = [["项目", "金额", "两倍"]];
    for (let i = 0; i < 6_000; i++) rows.push([`项目${i}`, i + 0.5, null]);
    const wb = MemoryWorkbook.fromCells({ 明细: rows, 空白: {} });
    for (let r = 2; r <= 6_001; r++)
      wb.setCell("明细", `C${r}`, { formula: `=B${r}*2`, value: (r - 2 + 0.5) * 2 });
    wb.setCell("明细", "AD7", { formula: "=SUM(B2:B6001)", value: 18_003_000 });
    wb.setCell("明细", "AD5990", { value: "备注" });
    return wb;
  }
  const cellsOf = (wb: MemoryWorkbook) =>
    hostFor(wb)
      .readSnapshot()
      .then((snap) =>
        snap.sheets.map((x) => ({
          name: x.name,
          top: x.top,
          left: x.left,
          values: x.values,
          formulas: x.formulas,
        })),
      );

  it("reads the same values and formulas as values + formulas (ExcelApi 1.8, a protected sheet), in fewer bytes", async () => {
    const modern = formulaWorkbook();
    const read = await cellsOf(modern);
    const sheet = read[0];
    expect(sheet.values.length).toBe(6_001);
    expect(sheet.formulas?.[1][2]).toBe("=B2*2");
    expect(sheet.formulas?.[6_000][2]).toBe("=B6001*2");
    expect(sheet.formulas?.[6][29]).toBe("=SUM(B2:B6001)");
    expect(sheet.formulas?.[5_989][29]).toBeNull();
    expect(sheet.values[5_989][29]).toBe("备注");
    expect(sheet.values[6_000][2]).toBe(11_999);
    const modernBytes = modern.stats.requests.reduce((n, r) => n + r.responseBytes, 0);

    const old = formulaWorkbook();
    old.supportedApi = "1.8";
    expect(await cellsOf(old)).toEqual(read);
    const oldBytes = old.stats.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(modernBytes).toBeLessThan(oldBytes * 0.8);

    const locked = formulaWorkbook();
    locked.sheet("明细").protected = true;
    expect(await cellsOf(locked)).toEqual(read);
  });
});

describe("Office adapter: payload limits", () => {
  const long = (i: number) => `${i}:` + "x".repeat(1000);

  it("halves a block and retries when Excel answers ResponsePayloadSizeLimitExceeded", async () => {
    const data: Record<string, string> = {};
    for (let r = 0; r < 6000; r++) data[`AB${r + 1}`] = long(r);
    const wb = MemoryWorkbook.fromCells({ 长文本: data });
    const snapshot = await hostFor(wb).readSnapshot();
    const sheet = snapshot.sheets[0];
    expect(sheet).toMatchObject({ top: 0, left: 27 });
    expect(sheet.values.length).toBe(6000);
    expect(sheet.values[5999][0]).toBe(long(5999));
    const failed = wb.stats.requests.filter((r) => r.responseBytes > PAYLOAD_LIMIT);
    expect(failed.length).toBeGreaterThan(0);
    // Every sync that delivered stayed within the limit, and halving converged.
    expect(wb.stats.requests.length - failed.length).toBeGreaterThanOrEqual(4);
  });

  it("falls back to blocks when the first-look windows are too large", async () => {
    const rows: string[][] = [];
    // 260 rows × 26 cells of ~1 KB: 6.8 MB of values alone, over the limit in the first look.
    for (let r = 0; r < 260; r++) rows.push(Array.from({ length: 26 }, (_, c) => long(r * 26 + c)));
    const wb = MemoryWorkbook.fromCells({ 宽表: rows });
    const snapshot = await hostFor(wb).readSnapshot();
    expect(snapshot.sheets[0].values[259][25]).toBe(long(259 * 26 + 25));
    expect(snapshot.sheets[0].values[0][0]).toBe(long(0));
    expect(wb.stats.requests.some((r) => r.responseBytes > PAYLOAD_LIMIT)).toBe(true);
  });
});

describe("Office adapter: applyPlan", () => {
  it("writes in one load sync and one write sync; the user's value and formula survive", async () => {
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    await host.readSnapshot();
    wb.resetStats();
    const result = await host.applyPlan(samplePlan());
    expect(wb.stats.syncs).toBe(2);
    expect(result.written).toBe(8);
    expect(result.marked).toBe(3);
    expect(wb.cell("预算执行", "E2")).toMatchObject({ value: 1.209, numberFormat: "0.00%" });
    expect(wb.cell("预算执行", "F4")).toMatchObject({ formula: "=C4/B4-1", numberFormat: "General" });
    expect(wb.cell("指标评分", "E3")).toMatchObject({ value: 2.5, numberFormat: "General" });
    expect(wb.cell("指标评分", "E4")).toMatchObject({ value: 2.91, numberFormat: "0.00" });
    // Marks are conditional formats; the user's fill stays.
    expect(wb.cell("预算执行", "A2").fill).toBe("#FFFF00");
    const ours = wb.sheet("预算执行").conditionalFormats.filter((f) => f.formula.includes("绩效评价助手"));
    expect(ours.map((f) => f.fill)).toEqual(["#F8D7DA"]);
    const ledger = parseLedger(wb.settings.get(LEDGER_SETTING_KEY))!;
    expect(ledger.entries.length).toBe(8);
    expect(ledger.entries.find((e) => e.sheet === "指标评分" && e.address === "E2")).toMatchObject({
      value: 0.5,
      previous: null,
      previousFormat: "General",
    });
  });

  it("on ExcelApi 1.7 writes the same (one conditional format per area)", async () => {
    const modern = sampleWorkbook();
    await hostFor(modern).applyPlan(samplePlan());
    const old = sampleWorkbook();
    old.supportedApi = "1.7";
    await hostFor(old).applyPlan(samplePlan());
    const cellsOf = (wb: MemoryWorkbook) => dump(wb).map((s) => s.cells);
    expect(cellsOf(old)).toEqual(cellsOf(modern));
    const ours = old.sheet("预算执行").conditionalFormats.filter((f) => f.formula.includes("绩效评价助手"));
    expect(ours.map((f) => f.range).sort()).toEqual(["A2", "E2"]);
  });

  it("running twice leaves the same workbook as running once; previous values stay from the first run", async () => {
    const once = sampleWorkbook();
    await hostFor(once).applyPlan(samplePlan());
    const twice = sampleWorkbook();
    const host = hostFor(twice);
    await host.applyPlan(samplePlan());
    await host.readSnapshot();
    await host.applyPlan(samplePlan());
    expect(dump(twice)).toEqual(dump(once));
    const l1 = parseLedger(once.settings.get(LEDGER_SETTING_KEY))!;
    const l2 = parseLedger(twice.settings.get(LEDGER_SETTING_KEY))!;
    expect(l2.entries).toEqual(l1.entries);
  });

  it("a cell we wrote that the user changed since becomes theirs: not overwritten, dropped from the ledger", async () => {
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    await host.applyPlan(samplePlan());
    wb.setCell("指标评分", "E2", 1);
    const result = await host.applyPlan(samplePlan());
    expect(result.written).toBe(7);
    expect(wb.cell("指标评分", "E2").value).toBe(1);
    const ledger = parseLedger(wb.settings.get(LEDGER_SETTING_KEY))!;
    expect(ledger.entries.some((e) => e.sheet === "指标评分" && e.address === "E2")).toBe(false);
    expect(await host.undoLastRun()).toBe(7);
    expect(wb.cell("指标评分", "E2").value).toBe(1);
  });

  it("with plan.overwrite, replaces the user's value and formula unchanged since the read, not a later edit", async () => {
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    await host.readSnapshot();
    wb.setCell("指标评分", "E4", 4); // typed after the read
    const result = await host.applyPlan({ ...samplePlan(), overwrite: true });
    expect(result.written).toBe(9);
    expect(wb.cell("指标评分", "E3").value).toBe(9);
    expect(wb.cell("预算执行", "F4")).toMatchObject({ value: 0, formula: null });
    expect(wb.cell("指标评分", "E4").value).toBe(4);
    expect(await host.undoLastRun()).toBe(9);
    expect(wb.cell("指标评分", "E3").value).toBe(2.5);
    expect(wb.cell("预算执行", "F4").formula).toBe("=C4/B4-1");
  });

  it("a cell the user typed into after the read is not overwritten", async () => {
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    await host.readSnapshot();
    wb.setCell("指标评分", "E4", 4);
    const result = await host.applyPlan(samplePlan());
    expect(result.written).toBe(7);
    expect(wb.cell("指标评分", "E4").value).toBe(4);
  });

  it("undoLastRun returns every cell to its earlier value and format and removes the marks", async () => {
    const wb = sampleWorkbook();
    const before = dump(wb);
    const host = hostFor(wb);
    await host.applyPlan(samplePlan());
    await host.readSnapshot();
    await host.applyPlan(samplePlan());
    expect(await host.undoLastRun()).toBe(8);
    expect(dump(wb)).toEqual(before);
    expect(parseLedger(wb.settings.get(LEDGER_SETTING_KEY))!.entries).toEqual([]);
  });

  it("clearMarks removes only our conditional formats; the user's fill and own format stay", async () => {
    const wb = sampleWorkbook();
    wb.sheet("预算执行").conditionalFormats.push({
      id: "user1",
      range: "A2:A4",
      type: "Custom",
      formula: "=$D2>$C2",
      fill: "#00FF00",
      font: null,
      priority: 0,
    });
    const host = hostFor(wb);
    await host.applyPlan(samplePlan());
    expect(await host.clearMarks()).toBe(3);
    const cfs = wb.sheets.flatMap((s) => s.conditionalFormats);
    expect(cfs.map((f) => f.id)).toEqual(["user1"]);
    expect(wb.cell("预算执行", "A2").fill).toBe("#FFFF00");
    expect(wb.cell("预算执行", "E2").value).toBe(1.209); // values stay
    expect(parseLedger(wb.settings.get(LEDGER_SETTING_KEY))!.marks).toEqual([]);
  });

  const FAIL_POINTS = Array.from({ length: 26 }, (_, i) => i).flatMap((n) => [
    [n, "1.13"],
    [n, "1.7"],
  ]) as [number, string][];
  it.each(FAIL_POINTS)(
    "a write sync failing after %i operations (ExcelApi %s) → SyncFailed and the workbook as before",
    async (afterOps, version) => {
      const wb = sampleWorkbook();
      wb.supportedApi = version;
      const host = hostFor(wb);
      await host.applyPlan(samplePlan()); // a previous run, so marks and ledger exist
      wb.setCell("指标评分", "E4", null);
      const state = dump(wb);
      const ledgerBefore = wb.settings.get(LEDGER_SETTING_KEY);
      const plan = samplePlan();
      plan.writes.push(w("指标评分", "E4", 3.5, "0.00"));
      plan.marks.push({
        sheet: "指标评分",
        range: { row: 3, col: 4, rowCount: 1, colCount: 1 },
        severity: "info",
        rule: "X",
      });
      // Fail the write sync (the 1st sync loads, the 2nd and 3rd find the old marks, the 4th writes).
      const failing = hostFailingAt(wb, 4, afterOps);
      const error = await failing.applyPlan(plan).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostError);
      expect((error as HostError).code).toBe("SyncFailed");
      expect((error as LocalizedHostError).messages["zh-CN"]).toContain("已恢复原状");
      expect((error as LocalizedHostError).messages["en-US"]).toContain("unchanged");
      expect(dump(wb)).toEqual(state);
      expect(wb.settings.get(LEDGER_SETTING_KEY)).toEqual(ledgerBefore);
    },
  );

  it("puts back 5.5 MB of earlier number formats after a failed write, in requests within the budget", async () => {
    const long = `0.00"${"元".repeat(150)}"`;
    const make = () => {
      const rows: (string | number | null)[][] = [["资金来源", "执行率"]];
      for (let i = 0; i < 12_000; i++) rows.push([`来源${i}`, null]);
      const wb = MemoryWorkbook.fromCells({ 预算执行: rows });
      for (let r = 2; r <= 12_001; r++) wb.setCell("预算执行", `B${r}`, { numberFormat: long });
      return wb;
    };
    const plan: WritePlan = {
      writes: Array.from({ length: 12_000 }, (_, i) => w("预算执行", `B${i + 2}`, i / 100, "0.00%")),
      marks: [],
      skipped: [],
      sheets: ["预算执行"],
    };
    // Which sync writes: count them on a run that succeeds.
    const clean = make();
    await hostFor(clean).applyPlan(plan);
    const writeSync = clean.stats.syncs;

    const wb = make();
    const state = dump(wb);
    const failing = hostFailingAt(wb, writeSync, 4);
    const error = await failing.applyPlan(plan).catch((e: unknown) => e);
    expect((error as LocalizedHostError).messages["en-US"]).toContain("unchanged");
    expect(dump(wb)).toEqual(state);
    expect(Math.max(...wb.stats.requests.map((r) => r.requestBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
  });

  it("refuses a plan that writes into a protected sheet, naming it, and writes nothing", async () => {
    const wb = sampleWorkbook();
    wb.sheet("指标评分").protected = true;
    const state = dump(wb);
    const error = await hostFor(wb)
      .applyPlan(samplePlan())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("SheetProtected");
    expect((error as HostError).sheet).toBe("指标评分");
    expect((error as HostError).message).toContain("指标评分");
    expect((error as HostError).message).toContain("撤销工作表保护");
    expect(dump(wb)).toEqual(state);
    expect(wb.settings.has(LEDGER_SETTING_KEY)).toBe(false);
  });

  it("re-reads the targets in halves when their number formats come back larger than estimated", async () => {
    const long = `0.00"${"元".repeat(150)}"`; // ~460 bytes of JSON a cell: 12,000 cells are 5.5 MB
    const rows: (string | number | null)[][] = [["资金来源", "执行率"]];
    for (let i = 0; i < 12_000; i++) rows.push([`来源${i}`, null]);
    const wb = MemoryWorkbook.fromCells({ 预算执行: rows });
    for (let r = 2; r <= 12_001; r++) wb.setCell("预算执行", `B${r}`, { numberFormat: long });
    const host = hostFor(wb);
    await host.readSnapshot();
    wb.resetStats();
    const plan: WritePlan = {
      writes: rows.slice(1).map((_, i) => w("预算执行", `B${i + 2}`, i / 100, "0.00%")),
      marks: [],
      skipped: [],
      sheets: ["预算执行"],
    };
    const result = await host.applyPlan(plan);
    expect(result.written).toBe(12_000);
    expect(wb.stats.requests.some((r) => r.responseBytes > PAYLOAD_LIMIT)).toBe(true);
    expect(wb.cell("预算执行", "B12001")).toMatchObject({ value: 119.99, numberFormat: "0.00%" });
    // The previous formats were recorded row by row across the halves: undo puts every one back.
    wb.resetStats();
    expect(await host.undoLastRun()).toBe(12_000);
    expect(wb.cell("预算执行", "B2")).toMatchObject({ value: null, numberFormat: long });
    expect(wb.cell("预算执行", "B12001")).toMatchObject({ value: null, numberFormat: long });
    // Writing back 5.5 MB of formats took more than one request, none over the budget.
    expect(Math.max(...wb.stats.requests.map((r) => r.requestBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
  });

  it("a re-run after a read finds the previous marks in the re-check sync; a ledger changed since is searched again", async () => {
    const ourMarks = (wb: MemoryWorkbook) =>
      wb.sheets.flatMap((x) =>
        x.conditionalFormats
          .filter((f) => f.formula.includes("绩效评价助手"))
          .map((f) => `${x.name}!${f.range}`),
      );
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    await host.applyPlan(samplePlan());
    const marked = ourMarks(wb).sort();
    await host.readSnapshot();
    wb.resetStats();
    await host.applyPlan(samplePlan());
    expect(wb.stats.syncs).toBe(3); // re-check + mark types, rule formulas, writes
    expect(ourMarks(wb).sort()).toEqual(marked);

    // Another run (another pane) moves the marks after this host's read: its ledger is not the one read.
    await host.readSnapshot();
    const other = samplePlan();
    other.marks = [
      { sheet: "指标评分", range: { row: 3, col: 2, rowCount: 1, colCount: 1 }, severity: "info", rule: "X" },
    ];
    await hostFor(wb).applyPlan(other);
    expect(ourMarks(wb)).toEqual(["指标评分!C4"]);
    wb.resetStats();
    await host.applyPlan(samplePlan());
    expect(wb.stats.syncs).toBe(4); // the stale search is done again
    expect(ourMarks(wb).sort()).toEqual(marked);
  });

  it("names a missing sheet instead of crashing", async () => {
    const wb = sampleWorkbook();
    const plan = samplePlan();
    plan.writes.push(w("不存在", "A1", 1));
    const error = await hostFor(wb)
      .applyPlan(plan)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("NotFound");
  });
});

function summary(name = "问题汇总"): SummarySheet {
  return {
    name,
    rows: [
      [{ value: "部门整体绩效评价指标得分表", style: "title" }],
      [
        { value: "一级指标", style: "header" },
        { value: "分值", style: "header" },
        { value: "得分", style: "header" },
        { value: "得分率", style: "header" },
      ],
      [
        { value: "管理效率" },
        { value: 30, numberFormat: "0.00" },
        { value: 20.34, numberFormat: "0.00" },
        { value: 0.678, numberFormat: "0.00%" },
      ],
      [
        { value: "履职效能" },
        { value: 40, numberFormat: "0.00" },
        { value: 38, numberFormat: "0.00" },
        { value: 0.95, numberFormat: "0.00%" },
      ],
      [
        { value: "合计", style: "total" },
        { value: 100 },
        { value: 85.54, style: "total" },
        { value: "良", style: "total" },
      ],
      [
        {
          value: "财政拨款执行率 120.90%，超过 100%",
          style: "link",
          link: { sheet: "预算执行", address: "E2" },
        },
      ],
    ],
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: 4 }],
    columnWidths: [30, 10, 10, 10],
    chart: {
      title: "一级指标得分率",
      categories: { row: 2, col: 0, rowCount: 2, colCount: 1 },
      values: { row: 2, col: 3, rowCount: 2, colCount: 1 },
      anchor: { row: 0, col: 6 },
    },
    print: { paper: "A4", orientation: "portrait", fitToWidth: true },
  };
}

describe("Office adapter: insertSummary, select, settings", () => {
  it("adds the summary sheet with values, styles, merges, a link per finding, a chart, A4 portrait", async () => {
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    const { sheet } = await host.insertSummary(summary());
    expect(sheet).toBe("问题汇总");
    expect(wb.cell(sheet, "C5").value).toBe(85.54);
    expect(wb.cell(sheet, "D5").value).toBe("良");
    expect(wb.cell(sheet, "D3")).toMatchObject({ value: 0.678, numberFormat: "0.00%" });
    expect(wb.cell(sheet, "A1").font).toMatchObject({ bold: true, size: 16 });
    expect(wb.cell(sheet, "B2").fill).toBe("#DDEBF7");
    expect(wb.cell(sheet, "A6").hyperlink).toMatchObject({ documentReference: "'预算执行'!E2" });
    expect(wb.cell(sheet, "A6").font).toMatchObject({ color: "#0563C1" });
    expect(wb.cell(sheet, "A5").font).toMatchObject({ bold: true });
    expect(wb.sheet(sheet).columnWidths.get(0)).toBeGreaterThan(wb.sheet(sheet).columnWidths.get(1)!);
    expect(wb.sheet(sheet).merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 4 }]);
    expect(wb.sheet(sheet).charts.length).toBe(1);
    expect(wb.sheet(sheet).charts[0]).toMatchObject({ type: "BarClustered", title: "一级指标得分率" });
    expect(wb.sheet(sheet).pageLayout).toMatchObject({ orientation: "Portrait", paperSize: "A4" });
    expect(parseLedger(wb.settings.get(LEDGER_SETTING_KEY))!.summarySheet).toBe("问题汇总");
  });

  it("inserting twice reuses the same sheet (one chart); a user's 问题汇总 is left alone", async () => {
    const wb = sampleWorkbook();
    wb.setCell("问题汇总", "A1", "我的笔记");
    const host = hostFor(wb);
    const first = await host.insertSummary(summary());
    expect(first.sheet).toBe("问题汇总 (2)");
    const second = await host.insertSummary(summary());
    expect(second.sheet).toBe("问题汇总 (2)");
    expect(wb.sheetNames().filter((n) => n.startsWith("问题汇总"))).toEqual(["问题汇总", "问题汇总 (2)"]);
    expect(wb.sheet("问题汇总 (2)").charts.length).toBe(1);
    expect(wb.sheet("问题汇总 (2)").merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 4 }]);
    expect(wb.cell("问题汇总 (2)", "A6").hyperlink).toMatchObject({ documentReference: "'预算执行'!E2" });
    expect(wb.cell("问题汇总", "A1").value).toBe("我的笔记");
  });

  it("works on ExcelApi 1.7 (no page layout)", async () => {
    const wb = sampleWorkbook();
    wb.supportedApi = "1.7";
    const { sheet } = await hostFor(wb).insertSummary(summary());
    expect(wb.cell(sheet, "C5").value).toBe(85.54);
    expect(wb.sheet(sheet).charts.length).toBe(1);
  });

  it("selects a cell on its sheet", async () => {
    const wb = sampleWorkbook();
    await hostFor(wb).select("指标评分", "E4");
    expect(wb.selection).toEqual({ sheet: "指标评分", address: "E4" });
    expect(wb.active()?.name).toBe("指标评分");
  });

  it("saves and loads settings as JSON in the workbook", async () => {
    const wb = sampleWorkbook();
    const host = hostFor(wb);
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ lang: "en-US", thresholds: { executionLow: 0.8 } as never });
    expect(typeof wb.settings.get(SETTINGS_KEY)).toBe("string");
    expect(await host.loadSettings()).toEqual({ lang: "en-US", thresholds: { executionLow: 0.8 } });
  });
});
