/**
 * computeMetrics(detection, config) → Metrics (docs/domain.md §3), all from unrounded inputs:
 * - 预算执行率 = 实际支出 (or 决算 when there is no 实际) / 调整后预算 (年初 when there is no 调整后, or
 *   always 年初 with executionDenominator "initial");
 * - 预算调整率 = 调整数 / 年初, or (调整后 − 年初) / 年初 without an 调整数; 年初 0 or blank → not
 *   computable (with the reason), never Infinity/NaN;
 * - department rates from the 财政拨款 row (metricBasisRow "fiscal") or the total row;
 * - 决算完整性: Σ决算 vs Σ实际支出 over funding-source rows;
 * - 结转结余率 from the 决算总表;
 * - 支出结构 from an expenditure-structure table by columns (./spending.ts).
 */
import { blankRateNotes } from "./blank-rates";
import { displayName, fundingSourceOf } from "./headers";
import { ncText, type NotComputedKey } from "./not-computed";
import { computeSangong } from "./sangong";
import { computeSpending } from "./spending";
import type { BudgetRow, BudgetTable, Detection, EvalConfig, Lang, Metrics, RowRate } from "./types";

function finite(x: number): boolean {
  return Number.isFinite(x);
}

function rate(
  table: BudgetTable,
  row: BudgetRow,
  numerator: number | null,
  denominator: number | null,
  basis: RowRate["basis"],
  reason: string | null,
  lang: Lang,
  numeratorBasis?: RowRate["numeratorBasis"],
): RowRate {
  let value: number | null = null;
  if (!reason) {
    const q = (numerator as number) / (denominator as number);
    if (finite(q)) value = q;
    else reason = ncText(lang, "cannotCompute");
  }
  // each shape as one literal, keys in the order they always had (reason, then numeratorBasis, last):
  // no property added afterwards, so 100k-row tables allocate one compact object per rate
  const sheet = table.location.sheet;
  const { row: at, name, isTotal } = row;
  if (reason)
    return numeratorBasis
      ? { sheet, row: at, name, isTotal, value, numerator, denominator, basis, reason, numeratorBasis }
      : { sheet, row: at, name, isTotal, value, numerator, denominator, basis, reason };
  return numeratorBasis
    ? { sheet, row: at, name, isTotal, value, numerator, denominator, basis, numeratorBasis }
    : { sheet, row: at, name, isTotal, value, numerator, denominator, basis };
}

function executionOf(table: BudgetTable, row: BudgetRow, config: EvalConfig): RowRate {
  const numerator = row.actual ?? row.finalAccounts;
  const useInitial = config.executionDenominator === "initial" || row.adjusted === null;
  const denominator = useInitial ? row.initial : row.adjusted;
  const basis: RowRate["basis"] = useInitial ? "initial" : "adjusted";
  const { lang } = config;
  let reason: string | null = null;
  if (numerator === null) reason = ncText(lang, "noSpendingFigure");
  else if (denominator === null)
    reason = ncText(lang, config.executionDenominator === "initial" ? "noInitial" : "noAdjustedNorInitial");
  else if (denominator === 0) reason = ncText(lang, basis === "initial" ? "initialZero" : "adjustedZero");
  const numeratorBasis =
    numerator === null ? undefined : row.actual !== null ? ("actual" as const) : ("finalAccounts" as const);
  return rate(table, row, numerator, denominator, basis, reason, lang, numeratorBasis);
}

function adjustmentOf(table: BudgetTable, row: BudgetRow, lang: Lang): RowRate {
  const initial = row.initial;
  let numerator: number | null = null;
  let reason: string | null = null;
  if (row.adjustment !== null) numerator = row.adjustment;
  else if (row.adjusted !== null && initial !== null) numerator = row.adjusted - initial;
  if (initial === null) reason = ncText(lang, "noInitial");
  else if (initial === 0) reason = ncText(lang, "initialZeroAdjustment");
  else if (numerator === null)
    reason = ncText(
      lang,
      table.location.columns.adjustment === undefined ? "noAdjustmentColumns" : "adjustmentEmpty",
    );
  return rate(table, row, numerator, initial, "initial", reason, lang);
}

/** A row with a budget or spending figure other than 0 (an empty 其中 row, or a total row of zeros on a
 *  form the units filled badly, has none). */
function hasData(row: BudgetRow): boolean {
  return [row.initial, row.adjusted, row.actual, row.finalAccounts].some((v) => v !== null && v !== 0);
}

/** The budget row behind department-level metrics: 财政拨款 (fiscal 口径) when present and filled, else
 *  the total row when filled, else the only funded part (a total row of zeros over one funded part),
 *  else the fiscal or total row as they are, else the only row of a one-row table. */
function departmentRow(table: BudgetTable, config: EvalConfig): BudgetRow | null {
  const fiscal =
    config.metricBasisRow === "fiscal"
      ? (table.rows.find((r) => !r.isTotal && fundingSourceOf(r.name) === "fiscal") ?? null)
      : null;
  const total = table.rows.find((r) => r.isTotal) ?? null;
  if (fiscal && hasData(fiscal)) return fiscal;
  if (total && hasData(total)) return total;
  const funded = table.rows.filter((r) => !r.isTotal && !r.isSubItem && hasData(r));
  if (total && funded.length === 1) return funded[0];
  if (fiscal ?? total) return fiscal ?? total;
  const plain = table.rows.filter((r) => !r.isSubItem);
  return plain.length === 1 ? plain[0] : null;
}

/** Drop binary noise from sums of decimals (994.0699999999999 → 994.07); far below 0.01 元. */
function clean(x: number): number {
  return Number(x.toFixed(9));
}

function sumOf(rows: BudgetRow[], field: "finalAccounts" | "actual"): number | null {
  let sum: number | null = null;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][field];
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum === null ? null : clean(sum);
}

/** Every budget table of a detection, the main one first (a detection built by hand may give only
 *  `budget`). */
export function budgetTablesOf(detection: Detection): BudgetTable[] {
  const all = detection.budgets ?? [];
  const main = detection.budget;
  if (!main) return all;
  return all[0] === main ? all : [main, ...all.filter((t) => t !== main)];
}

export function computeMetrics(detection: Detection, config: EvalConfig): Metrics {
  const metrics: Metrics = {
    execution: [],
    adjustment: [],
    departmentExecution: null,
    departmentAdjustment: null,
    finalAccounts: null,
    named: {},
    notComputed: [],
  };
  const { lang } = config;
  const miss = (metric: NotComputedKey, reason: string) =>
    metrics.notComputed.push({ metric: ncText(lang, metric), reason });
  const why = (key: NotComputedKey) => ncText(lang, key);
  const table = detection.budget;
  // every budget table's rows get their rates (budgets[0] is `budget`), in table order
  const tables = budgetTablesOf(detection);
  for (let t = 0; t < tables.length; t++) {
    const each = tables[t];
    for (let i = 0; i < each.rows.length; i++) {
      const row = each.rows[i];
      metrics.execution.push(executionOf(each, row, config));
      metrics.adjustment.push(adjustmentOf(each, row, lang));
    }
  }

  if (!table) {
    miss("execution", why("noBudgetTable"));
    miss("adjustment", why("noBudgetTable"));
    miss("finalAccounts", why("noBudgetTable"));
  } else {
    const dept = departmentRow(table, config);
    if (!dept) {
      miss("execution", why("noDepartmentRow"));
      miss("adjustment", why("noDepartmentRow"));
    } else {
      // the first table's rates come first
      const i = table.rows.indexOf(dept);
      metrics.departmentExecution = metrics.execution[i];
      metrics.departmentAdjustment = metrics.adjustment[i];
      const exec = metrics.departmentExecution;
      const adj = metrics.departmentAdjustment;
      const row = displayName(dept.name) || why("departmentRow");
      const rowReason = (r: RowRate) =>
        ncText(lang, "rowReason", { row, reason: r.reason ?? why("cannotCompute") });
      if (exec.value !== null) metrics.named["预算执行率"] = exec.value;
      else miss("execution", rowReason(exec));
      if (adj.value !== null) metrics.named["预算调整率"] = adj.value;
      else miss("adjustment", rowReason(adj));
    }

    metrics.notComputed.push(...blankRateNotes(table, metrics, lang));

    // 决算完整性 over funding-source rows; the total row when it alone has the figure
    const sources = table.rows.filter((r) => !r.isTotal && !r.isSubItem);
    const total = table.rows.find((r) => r.isTotal) ?? null;
    // without a 决算数 column, the 收入支出决算总表's 本年支出合计 is the 决算 figure
    const fromBudget = sumOf(sources, "finalAccounts") ?? total?.finalAccounts ?? null;
    const fromStatement = detection.finalAccounts?.expenditureTotal ?? null;
    const finalTotal = fromBudget ?? fromStatement;
    const actualTotal = sumOf(sources, "actual") ?? total?.actual ?? null;
    if (finalTotal !== null && actualTotal !== null) {
      metrics.finalAccounts = { finalTotal, actualTotal, gap: clean(actualTotal - finalTotal) };
      if (fromBudget === null) metrics.finalAccounts.source = "finalAccountsTable";
    } else
      miss(
        "finalAccounts",
        why(
          table.location.columns.finalAccounts === undefined
            ? "noFinalAccountsColumn"
            : table.location.columns.actual === undefined
              ? "noActualColumn"
              : "finalOrActualEmpty",
        ),
      );
  }

  // 结转结余率 (财预〔2013〕53号) = 结转结余总额 / 支出预算数; without a budget, / (本年收入 + 年初结转)
  const fa = detection.finalAccounts;
  if (fa && fa.carriedOut !== null) {
    const totalRow = table?.rows.find((r) => r.isTotal) ?? null;
    const deptBudget = totalRow?.adjusted ?? totalRow?.initial ?? null;
    const available = fa.incomeTotal !== null ? fa.incomeTotal + (fa.carriedIn ?? 0) : null;
    const denominator = deptBudget !== null && deptBudget !== 0 ? deptBudget : available;
    if (denominator !== null && denominator !== 0) metrics.named["结转结余率"] = fa.carriedOut / denominator;
    else miss("carryover", why("carryoverNoDenominator"));
  } else if (fa) miss("carryover", why("carryoverNoFigure"));

  // "三公经费"变动率 / 控制率 from the "三公"经费 table (./sangong.ts)
  if (detection.sangong) {
    const sangong = computeSangong(detection.sangong, lang);
    metrics.sangong = sangong.metrics;
    Object.assign(metrics.named, sangong.named);
    metrics.notComputed.push(...sangong.notComputed);
  }

  // 支出结构 (基本支出 = 人员经费 + 公用经费; 支出合计 = 基本支出 + 项目支出) from a table by columns (./spending.ts)
  if (detection.spending) {
    const spending = computeSpending(detection.spending, lang);
    metrics.spending = spending.metrics;
    metrics.notComputed.push(...spending.notComputed);
  }
  return metrics;
}
