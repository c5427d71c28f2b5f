/** Detection never crashes and never invents numbers, whatever the sheet holds. */
import fc from "fast-check";
import { resolveConfig } from "../../src/engine/config";
import { detectTables } from "../../src/engine/detect";
import { computeMetrics } from "../../src/engine/metrics";
import type { CellRange, CellValue } from "../../src/engine/types";
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
