/**
 * Test helpers: build SheetSnapshot / WorkbookSnapshot values from plain arrays.
 *
 *   sheet("预算执行", [["资金来源", "年初预算数"], ["财政拨款", 552.45]], { top: 5, merges: ["A7:A9"] })
 *
 * `top`/`left` place rows[0][0] at that absolute 0-based cell (default A1). Rows are padded with null to
 * a rectangle. Merges are A1 ranges ("A2:A5") or CellRange objects, always absolute. `formulas` are given
 * like rows (same offsets), null where no formula. `undefined` in a row becomes null.
 */
import { parseRange } from "../../../src/engine/address";
import type {
  CellRange,
  CellValue,
  Ledger,
  SheetSnapshot,
  WorkbookSnapshot,
} from "../../../src/engine/types";

export type Row = (CellValue | undefined)[];

export interface SheetOptions {
  top?: number;
  left?: number;
  merges?: (string | CellRange)[];
  formulas?: (string | null | undefined)[][];
  hiddenRows?: number[];
  protected?: boolean;
}

function widthOf(rows: unknown[][]): number {
  return rows.reduce((w, r) => Math.max(w, r.length), 0);
}

export function sheet(name: string, rows: Row[], options: SheetOptions = {}): SheetSnapshot {
  const formulaRows = options.formulas ?? [];
  const width = Math.max(widthOf(rows), widthOf(formulaRows));
  const height = Math.max(rows.length, formulaRows.length);
  const values: CellValue[][] = [];
  for (let r = 0; r < height; r++) {
    const src = rows[r] ?? [];
    const out: CellValue[] = [];
    for (let c = 0; c < width; c++) out.push(src[c] ?? null);
    values.push(out);
  }
  const snapshot: SheetSnapshot = {
    name,
    top: options.top ?? 0,
    left: options.left ?? 0,
    values,
    merges: (options.merges ?? []).map((m) => (typeof m === "string" ? parseRange(m) : m)),
  };
  if (options.formulas) {
    snapshot.formulas = values.map((row, r) => row.map((_, c) => formulaRows[r]?.[c] ?? null));
  }
  if (options.hiddenRows) snapshot.hiddenRows = options.hiddenRows;
  if (options.protected) snapshot.protected = true;
  return snapshot;
}

/** A workbook from sheets, with an optional ledger. */
export function workbook(sheets: SheetSnapshot[], ledger?: Ledger): WorkbookSnapshot {
  return ledger ? { sheets, ledger } : { sheets };
}

/** A ledger holding the given (sheet, address, value) entries. */
export function ledgerOf(entries: { sheet: string; address: string; value: CellValue }[]): Ledger {
  return {
    version: 1,
    runAt: "2026-01-01T00:00:00.000Z",
    entries: entries.map((e) => ({ ...e, previous: null })),
    marks: [],
  };
}

/** The usual 指标评分表 header row (test fixtures that need a plain indicator table). */
export const STANDARD_INDICATOR_HEADER: readonly string[] = [
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

/** The usual 预算执行 header row. */
export const STANDARD_BUDGET_HEADER: readonly string[] = [
  "资金来源",
  "年初预算数",
  "预算调整数",
  "调整后预算数",
  "决算数",
  "全年实际支出数",
  "执行率",
  "调整率",
];
