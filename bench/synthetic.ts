/**
 * Synthetic workbooks for benchmarks and scale tests: a budget sheet with `budgetRows` funding rows and
 * an indicator sheet with `indicatorRows` rows in five 一级 levels, mixing entered scores, 正向/反向
 * targets and 评分标准 texts, so every scoring way is exercised at scale.
 */
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/engine/types";

const BUDGET_HEADER = [
  "资金来源",
  "年初预算数",
  "预算调整数",
  "调整后预算数",
  "决算数",
  "全年实际支出数",
  "执行率",
  "调整率",
];
const INDICATOR_HEADER = [
  "一级指标",
  "二级指标",
  "三级指标",
  "分值",
  "指标性质",
  "目标值",
  "实际值",
  "评分标准",
  "得分",
  "得分率",
];
const LEVELS = ["管理效率", "履职效能", "运行成本", "社会效应", "可持续发展能力"];
const BANDS = "预算调整率=0，计3分；0-10%(含)，计2分；10-20%(含)，计1分；20-30%(含)，计0.5分；大于30%不得分";

/** A deterministic pseudo-random sequence (mulberry32), so every run builds the same workbook. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function budgetSheet(rows: number, seed = 1): SheetSnapshot {
  const rnd = random(seed);
  const values: CellValue[][] = [
    ["预算执行情况表（金额单位：万元）", null, null, null, null, null, null, null],
    BUDGET_HEADER,
  ];
  let initial = 0;
  let adjustment = 0;
  let adjusted = 0;
  let actual = 0;
  for (let i = 0; i < rows; i++) {
    const a = Math.round(rnd() * 100000) / 100;
    const adj = Math.round((rnd() - 0.3) * a * 30) / 100;
    const spent = Math.round(a * (0.7 + rnd() * 0.5) * 100) / 100;
    initial += a;
    adjustment += adj;
    adjusted += a + adj;
    actual += spent;
    values.push([`资金来源${i + 1}`, a, adj, Math.round((a + adj) * 100) / 100, spent, spent, null, null]);
  }
  const r2 = (x: number) => Math.round(x * 100) / 100;
  values.push(["合计", r2(initial), r2(adjustment), r2(adjusted), r2(actual), r2(actual), null, null]);
  return {
    name: "预算执行",
    top: 0,
    left: 0,
    values,
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: 8 }],
  };
}

export function indicatorSheet(rows: number, seed = 2): SheetSnapshot {
  const rnd = random(seed);
  const values: CellValue[][] = [
    ["指标评分表", null, null, null, null, null, null, null, null, null],
    INDICATOR_HEADER,
  ];
  const merges: CellRange[] = [{ row: 0, col: 0, rowCount: 1, colCount: 10 }];
  const perLevel = Math.ceil(rows / LEVELS.length);
  for (let i = 0; i < rows; i++) {
    const level = Math.min(LEVELS.length - 1, Math.floor(i / perLevel));
    const first = i % perLevel === 0;
    const weight = 2;
    const kind = i % 4;
    const row: CellValue[] = [
      first ? LEVELS[level] : null,
      `二级${Math.floor(i / 10) + 1}`,
      `三级指标${i + 1}`,
      weight,
    ];
    if (kind === 0) row.push(null, null, null, null, Math.round(rnd() * weight * 100) / 100, null);
    else if (kind === 1) row.push("≥", 100, Math.round(60 + rnd() * 60), null, null, null);
    else if (kind === 2) row.push("≤", 100, Math.round(80 + rnd() * 40), null, null, null);
    else
      row.push(null, null, Math.round(rnd() * 40) / 100, BANDS.replace("计3分", `计${weight}分`), null, null);
    values.push(row);
  }
  values.push(["合计", null, null, rows * 2, null, null, null, null, null, null]);
  return { name: "指标评分", top: 0, left: 0, values, merges };
}

export function syntheticWorkbook(budgetRows: number, indicatorRows: number): WorkbookSnapshot {
  return { sheets: [budgetSheet(budgetRows), indicatorSheet(indicatorRows)] };
}
