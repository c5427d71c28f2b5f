/**
 * "三公"经费 figures of a 三公 table (财预〔2013〕53号):
 * - "三公经费"变动率 = (本年“三公经费”总额 − 上年“三公经费”总额) / 上年“三公经费”总额;
 * - "三公经费"控制率 = “三公经费”实际支出数 / “三公经费”预算安排数 (only with a budget column).
 * The totals are the 合计 row's figures as written, or the sum of the items without a 合计 row (or with a
 * blank one); a 合计 that differs from its items is a finding (./rules/sangong.ts), not silently replaced.
 * Items: 因公出国（境）费 + 公务用车购置及运行维护费 (or, without that row, 公务用车购置费 + 公务用车运行维护费) +
 * 公务接待费.
 */
import { ncText, type NotComputedKey } from "./not-computed";
import type { Lang, SangongColumn, SangongMetrics, SangongRow, SangongTable } from "./types";

/** Names under which indicator rows find the figures (Metrics.named; quotes are ignored by the lookup). */
const SANGONG_CHANGE = '"三公经费"变动率';
const SANGONG_CONTROL = '"三公经费"控制率';

/** Drop binary noise from sums of decimals (17.349999999 → 17.35). */
function clean(x: number): number {
  return Number(x.toFixed(9));
}

/** The rows added into the total: every item, with 公务用车购置费 / 运行维护费 only when the table has no
 *  公务用车购置及运行维护费 row (otherwise they are its parts). */
export function sangongParts(table: SangongTable): SangongRow[] {
  const hasVehicle = table.rows.some((r) => r.item === "vehicle");
  return table.rows.filter(
    (r) =>
      r.item !== "total" && !(hasVehicle && (r.item === "vehiclePurchase" || r.item === "vehicleRunning")),
  );
}

/** Σ of the rows' figures in a column; null when none has one. */
function sumOf(rows: SangongRow[], column: SangongColumn): number | null {
  let sum: number | null = null;
  for (const r of rows) if (r[column] !== null) sum = (sum ?? 0) + (r[column] as number);
  return sum === null ? null : clean(sum);
}

/** The cell of a row's figure in a column: (row, column) or, in a transposed table, (the figure's row,
 *  the item's column). Null when the table has no such column. */
export function sangongCell(
  table: SangongTable,
  r: SangongRow,
  column: SangongColumn,
): { row: number; col: number } | null {
  const c = table.columns[column];
  if (!c) return null;
  return c.row !== undefined && r.col !== undefined ? { row: c.row, col: r.col } : { row: r.row, col: c.col };
}

export function sangongTotalRow(table: SangongTable): SangongRow | null {
  return table.rows.find((r) => r.item === "total") ?? null;
}

/** Figures are shown to two decimals: a prior year or budget below 0.005 reads as 0.00 (or is negative)
 *  and gives no rate. */
const SHOWN_ZERO = 0.005;

/** The figures and rates of a 三公 table, with what could not be computed and why. */
export function computeSangong(
  table: SangongTable,
  lang: Lang,
): {
  metrics: SangongMetrics;
  named: Record<string, number>;
  notComputed: { metric: string; reason: string }[];
} {
  const total = sangongTotalRow(table);
  const parts = sangongParts(table);
  const figure = (k: SangongColumn) => total?.[k] ?? sumOf(parts, k);
  const current = figure("current");
  const prior = figure("prior");
  const budget = figure("budget");
  const notComputed: { metric: string; reason: string }[] = [];
  const miss = (metric: NotComputedKey, reason: NotComputedKey) =>
    notComputed.push({ metric: ncText(lang, metric), reason: ncText(lang, reason) });
  const named: Record<string, number> = {};
  let change: number | null = null;
  if (current === null) miss("sangongChange", "sangongCurrentEmpty");
  else if (!table.columns.prior) miss("sangongChange", "sangongNoPriorColumn");
  else if (prior === null) miss("sangongChange", "sangongPriorEmpty");
  else if (prior < SHOWN_ZERO) miss("sangongChange", "sangongPriorZero");
  else if (!Number.isFinite((current - prior) / prior)) miss("sangongChange", "cannotCompute");
  else named[SANGONG_CHANGE] = change = (current - prior) / prior;
  let control: number | null = null;
  if (!table.columns.budget) miss("sangongControl", "sangongNoBudgetColumn");
  else if (current === null) miss("sangongControl", "sangongCurrentEmpty");
  else if (budget === null) miss("sangongControl", "sangongBudgetEmpty");
  else if (budget < SHOWN_ZERO) miss("sangongControl", "sangongBudgetZero");
  else if (!Number.isFinite(current / budget)) miss("sangongControl", "cannotCompute");
  else named[SANGONG_CONTROL] = control = current / budget;
  return {
    metrics: {
      sheet: table.location.sheet,
      totalRow: total && total.current !== null ? total.row : null,
      current,
      prior,
      budget,
      change,
      control,
    },
    named,
    notComputed,
  };
}
