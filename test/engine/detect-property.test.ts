/** Detection never crashes and never invents numbers, whatever the sheet holds. */
import fc from "fast-check";
import { resolveConfig } from "../../src/engine/config";
import { detectTables } from "../../src/engine/detect";
import { evaluate } from "../../src/engine/evaluate";
import { computeMetrics } from "../../src/engine/metrics";
import { renderMessage } from "../../src/engine/rules/catalogue";
import type { CellRange, CellValue } from "../../src/engine/types";
import { sangongIndicators } from "./fixtures/sangong";
import { sheet, workbook } from "./helpers/grid";

const WORDS = [
  "资金来源",
  "年初预算数",
  "调整后预算数",
  "预算调整数",
  "全年执行数",
  "决算数",
  "一级指标",
  "二级指标",
  "三级指标",
  "分值",
  "得分",
  "目标值",
  "实际值",
  "指标性质",
  "项目名称",
  "指标值",
  "检查事项",
  "结论",
  "合计",
  "其中：财政拨款",
  "财政拨款",
  "基本支出",
  "项目支出",
  "本年收入合计",
  "年末结转和结余",
  "行次",
  "金额单位：元",
  "产出指标（50分）",
  "≥12个",
  "95%",
  "否",
  "是",
  "#DIV/0!",
  "#N/A",
  "-",
  "等级：良",
];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 552.45, 100) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.boolean() },
);

const grid = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 14 });
const merge: fc.Arbitrary<CellRange> = fc.record({
  row: fc.nat(13),
  col: fc.nat(7),
  rowCount: fc.integer({ min: 1, max: 4 }),
  colCount: fc.integer({ min: 1, max: 4 }),
});

function numbersFinite(x: unknown): boolean {
  if (typeof x === "number") return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(numbersFinite);
  if (x && typeof x === "object") return Object.values(x).every(numbersFinite);
  return true;
}

describe("detectTables on arbitrary sheets", () => {
  it("never throws; every number it returns is finite; every problem names a cell inside the sheet", () => {
    fc.assert(
      fc.property(grid, fc.array(merge, { maxLength: 4 }), fc.nat(3), (rows, merges, top) => {
        // merges are absolute; the used range starts on row `top`
        const s = sheet("表", rows, { top, merges: merges.map((m) => ({ ...m, row: m.row + top })) });
        const d = detectTables(workbook([s]));
        const m = computeMetrics(d, resolveConfig());
        expect(numbersFinite(d)).toBe(true);
        expect(numbersFinite(m)).toBe(true);
        for (const p of d.problems) {
          expect(p.sheet).toBe("表");
          expect(p.row).toBeGreaterThanOrEqual(top);
          expect(p.row).toBeLessThan(top + s.values.length + 4);
        }
        for (const t of d.tables) expect(t.lastRow).toBeGreaterThanOrEqual(t.headerRow);
      }),
      { numRuns: 400 },
    );
  });
});

// ───────────── three-row headers and print-repeated header rows (issue 14) ─────────────

const GROUPS = ["预算数", "支出", "金额（万元）", "资金", "执行情况", "本年", null];
const SUBS = [
  "年初",
  "调整后",
  "决算数",
  "占比",
  "实际支出",
  "年初预算数",
  "调整后预算数",
  "分值",
  "得分",
  null,
];
const NAMES = ["财政拨款", "单位资金", "其他资金", "项目一", "专项经费", "合计"];

/** A random header over 2–3 rows: a name column merged down, group cells merged across 1–3 columns,
 *  sub-headers in the last row; data rows of numbers below. */
const multiRowSheet = fc
  .record({
    threeRows: fc.boolean(),
    title: fc.constantFrom("2023年度支出情况表", "金额单位：万元", null),
    spans: fc.array(fc.record({ group: fc.constantFrom(...GROUPS), width: fc.integer({ min: 1, max: 3 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
    subs: fc.array(fc.constantFrom(...SUBS), { minLength: 12, maxLength: 12 }),
    data: fc.array(
      fc.array(fc.oneof(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.constant(null)), {
        minLength: 12,
        maxLength: 12,
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ threeRows, title, spans, subs, data }) => {
    const width = 1 + spans.reduce((w, s) => w + s.width, 0);
    const rows: (CellValue | undefined)[][] = [];
    const merges: CellRange[] = [];
    const headerTop = threeRows ? 1 : 0;
    if (threeRows) {
      rows.push(["项目", title]);
      merges.push({ row: 0, col: 1, rowCount: 1, colCount: width - 1 });
    }
    const group: CellValue[] = [threeRows ? null : "项目"];
    const sub: CellValue[] = [null];
    let col = 1;
    for (const s of spans) {
      group.push(s.group);
      for (let i = 1; i < s.width; i++) group.push(null);
      if (s.width > 1) merges.push({ row: headerTop, col, rowCount: 1, colCount: s.width });
      for (let i = 0; i < s.width; i++) sub.push(subs[col + i - 1]);
      col += s.width;
    }
    rows.push(group, sub);
    merges.push({ row: 0, col: 0, rowCount: headerTop + 2, colCount: 1 });
    data.forEach((d, i) => rows.push([NAMES[i % NAMES.length], ...d.slice(0, width - 1)]));
    const wellFormed =
      (!threeRows || (title !== null && width >= 3)) &&
      spans.every((s) => s.group !== null && s.width >= 2) &&
      sub.slice(1).every((t) => t !== null);
    return { rows, merges, headerBottom: headerTop + 1, wellFormed };
  });

describe("detectTables on random three-row and two-row headers", () => {
  it("never throws; a table found starts below its last header row and keeps its numbers finite", () => {
    fc.assert(
      fc.property(multiRowSheet, ({ rows, merges, headerBottom, wellFormed }) => {
        const d = detectTables(workbook([sheet("表", rows, { merges })]));
        expect(numbersFinite(d)).toBe(true);
        expect(numbersFinite(computeMetrics(d, resolveConfig()))).toBe(true);
        for (const t of d.tables) {
          expect(t.firstDataRow).toBe(t.headerRow + t.headerRows);
          expect(t.headerRows).toBeLessThanOrEqual(3);
          // a well-formed header (every group merged over named sub-headers): no header row read as data
          if (wellFormed && t.headerRow <= headerBottom) expect(t.firstDataRow).toBe(headerBottom + 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const BUDGET_HEADERS = [
  ["资金来源", "年初预算数", "调整后预算数", "全年实际支出数"],
  ["项目", "年初预算数", "预算调整数", "调整后预算数", "决算数", "执行率"],
  ["资金来源", "年初预算数(A)", "全年执行数(B)", "分值(10分)", "得分"],
];
const INDICATOR_HEADERS = [
  ["一级指标", "二级指标", "三级指标", "分值", "目标值", "实际值", "得分"],
  ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分"],
];

const repeatedSheet = fc.record({
  kind: fc.constantFrom("budget" as const, "indicators" as const),
  variant: fc.nat(2),
  title: fc.boolean(),
  before: fc.integer({ min: 0, max: 5 }),
  after: fc.integer({ min: 0, max: 5 }),
  blankBefore: fc.boolean(),
  numbers: fc.array(fc.oneof(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.constant(null)), {
    minLength: 80,
    maxLength: 80,
  }),
});

describe("a header repeated further down the sheet", () => {
  it("never throws and never makes two tables of one header", () => {
    fc.assert(
      fc.property(repeatedSheet, ({ kind, variant, title, before, after, blankBefore, numbers }) => {
        const headers = kind === "budget" ? BUDGET_HEADERS : INDICATOR_HEADERS;
        const header = headers[variant % headers.length];
        let n = 0;
        const dataRow = (i: number): CellValue[] =>
          kind === "budget"
            ? [NAMES[i % (NAMES.length - 1)], ...header.slice(1).map(() => numbers[n++ % numbers.length])]
            : ["产出", "数量", `指标${i}`, ...header.slice(3).map(() => numbers[n++ % numbers.length])];
        const rows: CellValue[][] = [];
        const merges: CellRange[] = [];
        const block = () => {
          if (title) {
            merges.push({ row: rows.length, col: 0, rowCount: 1, colCount: header.length });
            rows.push(["预算执行情况表"]);
          }
          rows.push([...header]);
        };
        block();
        const headerRow = rows.length - 1;
        for (let i = 0; i < before; i++) rows.push(dataRow(i));
        if (blankBefore) rows.push([]);
        block();
        for (let i = 0; i < after; i++) rows.push(dataRow(before + i));
        const d = detectTables(workbook([sheet("表", rows, { merges })]));
        const found = d.tables.filter((t) => t.kind === kind);
        expect(found.map((t) => t.headerRow)).toEqual([headerRow]);
        expect(found[0].lastRow).toBeGreaterThanOrEqual(after > 0 ? rows.length - 1 : headerRow);
      }),
      { numRuns: 300 },
    );
  });
});

// ───────────── "三公"经费 tables (issue 14) ─────────────

const SANGONG_LABELS = [
  "因公出国（境）费",
  "公务用车购置及运行维护费",
  "其中：公务用车购置费",
  "公务用车运行维护费",
  "公务接待费",
  "合计",
  "“三公”经费合计",
  "会议费",
  null,
];
const SANGONG_HEADERS = [
  "本年",
  "上年",
  "2019年",
  "2018年",
  "决算数",
  "上年决算数",
  "预算数",
  "本年预算数",
  "增减率",
  "金额",
  null,
];

/** A random "三公" block: a title or unit line, a header row (sometimes a group row over it), labels from
 *  the 三公 words (and a few others) and figures that are numbers, text, errors or blanks. */
const sangongSheet = fc.record({
  above: fc.constantFrom("“三公”经费支出情况表", "金额单位：元", "单位：万元", null),
  group: fc.option(fc.array(fc.constantFrom("本年", "上年", null), { minLength: 4, maxLength: 4 })),
  headers: fc.array(fc.constantFrom(...SANGONG_HEADERS), { minLength: 4, maxLength: 4 }),
  labels: fc.array(fc.constantFrom(...SANGONG_LABELS), { minLength: 1, maxLength: 8 }),
  data: fc.array(
    fc.array(
      fc.oneof(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.constantFrom(null, 0, "1,234.50", "(12.5)", "#DIV/0!", "—", "无"),
      ),
      { minLength: 4, maxLength: 4 },
    ),
    { minLength: 8, maxLength: 8 },
  ),
  merges: fc.array(merge, { maxLength: 3 }),
});

describe('detectTables on random "三公"经费 blocks', () => {
  it("never throws; figures stay finite; no row is read both as 三公 and as a budget row", () => {
    fc.assert(
      fc.property(sangongSheet, ({ above, group, headers, labels, data, merges }) => {
        const rows: (CellValue | undefined)[][] = [[above]];
        if (group) rows.push(["项目", ...group]);
        rows.push([group ? null : "项目", ...headers]);
        labels.forEach((label, i) => rows.push([label, ...data[i]]));
        const snapshot = workbook([sheet("三公", rows, { merges }), sheet("评分表", sangongIndicators())]);
        const e = evaluate(snapshot);
        expect(numbersFinite(e.metrics)).toBe(true);
        const sangong = e.detection.sangong;
        if (sangong) {
          const { headerRow, lastRow } = sangong.location;
          expect(sangong.rows.every((r) => r.row > headerRow - 1 && r.row <= lastRow)).toBe(true);
          for (const b of e.detection.budgets ?? [])
            for (const r of b.rows)
              if (b.location.sheet === "三公") expect(r.row < headerRow || r.row > lastRow).toBe(true);
        }
        for (const f of e.findings) {
          expect(renderMessage(f, "zh-CN")).not.toMatch(/undefined|NaN|Infinity/);
          expect(renderMessage(f, "en-US")).not.toMatch(/undefined|NaN|Infinity/);
        }
      }),
      { numRuns: 300 },
    );
  });
  it("leaves a group row over the 三公 header to the 三公 block (a counterexample fast-check found)", () => {
    const rows: (CellValue | undefined)[][] = [
      ["“三公”经费支出情况表"],
      ["项目", "本年", "本年", "本年", null],
      [null, "本年", "本年", "决算数", "本年"],
      ["公务用车运行维护费", 0, 0, 0, null],
      ["因公出国（境）费", null, null, 0, null],
    ];
    const merges = [{ row: 1, col: 0, rowCount: 1, colCount: 4 }];
    const e = evaluate(workbook([sheet("三公", rows, { merges }), sheet("评分表", sangongIndicators())]));
    expect(e.detection.sangong?.rows.map((r) => r.item)).toEqual(["vehicleRunning", "abroad"]);
    expect((e.detection.budgets ?? []).filter((b) => b.location.sheet === "三公")).toEqual([]);
  });

  it("gives no 变动率 over a prior year that is 0 at the fen or negative (another counterexample)", () => {
    const rows: (CellValue | undefined)[][] = [
      ["“三公”经费支出情况表"],
      ["项目", "上年决算数", "本年", "本年", "本年"],
      ["合计", -6.953355807835005e-308, "(12.5)", 0, 0],
      ["因公出国（境）费", 0, null, 0, null],
      ["其中：公务用车购置费", 0, null, 0, 0],
    ];
    const e = evaluate(workbook([sheet("三公", rows), sheet("评分表", sangongIndicators())]));
    expect(e.detection.sangong?.rows.map((r) => r.item)).toEqual(["total", "abroad", "vehiclePurchase"]);
    expect(e.metrics.sangong?.current).toBe(-12.5);
    expect(e.metrics.sangong?.change).toBeNull();
    expect(e.findings.map((f) => f.rule)).not.toContain("SANGONG_INCREASE");
  });
});
