/**
 * Rates the add-in leaves blank in the sheet's own 执行率 / 调整率 column, and why: the evaluator sees an
 * empty cell and should read the reason where they look (the console's 未能检查, the pane, the JSON
 * notChecked), not only in the JSON's per-row rates. Rows with no figure at all are left out (their
 * blank is self-explanatory), and so is the department row, whose reason is listed on its own.
 */
import { a1 } from "./address";
import { displayName } from "./headers";
import { ncText } from "./not-computed";
import type { BudgetRow, BudgetTable, Lang, Metrics, RowRate } from "./types";

/** At most this many rows are named per rate; the rest are counted. */
const MAX_NAMED = 10;

function hasFigure(row: BudgetRow): boolean {
  return (
    row.initial !== null ||
    row.adjustment !== null ||
    row.adjusted !== null ||
    row.actual !== null ||
    row.finalAccounts !== null
  );
}

function listOf(
  table: BudgetTable,
  rates: RowRate[],
  col: number,
  skipRow: number | null,
  lang: Lang,
): string | null {
  const parts: string[] = [];
  let count = 0;
  // the table's own rates come first (a subject's further budget tables follow them)
  const n = Math.min(rates.length, table.rows.length);
  for (let i = 0; i < n; i++) {
    const r = rates[i];
    if (r.value !== null || r.row === skipRow || !hasFigure(table.rows[i])) continue;
    count++;
    if (parts.length < MAX_NAMED)
      parts.push(
        ncText(lang, "blankRow", {
          name: displayName(r.name) || ncText(lang, "rowNumber", { row: r.row + 1 }),
          cell: a1(r.row, col),
          reason: r.reason ?? ncText(lang, "cannotCompute"),
        }),
      );
  }
  if (count === 0) return null;
  const more = count > parts.length ? ncText(lang, "blankMore", { count }) : "";
  return parts.join(ncText(lang, "blankSeparator")) + more;
}

/** notComputed entries for the blank 执行率 / 调整率 cells of the table (none without those columns). */
export function blankRateNotes(table: BudgetTable, metrics: Metrics, lang: Lang): Metrics["notComputed"] {
  const out: Metrics["notComputed"] = [];
  const { executionRate, adjustmentRate } = table.location.columns;
  if (executionRate !== undefined) {
    const skip = metrics.departmentExecution?.value === null ? metrics.departmentExecution.row : null;
    const list = listOf(table, metrics.execution, executionRate, skip, lang);
    if (list) out.push({ metric: ncText(lang, "blankExecution"), reason: list });
  }
  if (adjustmentRate !== undefined) {
    const skip = metrics.departmentAdjustment?.value === null ? metrics.departmentAdjustment.row : null;
    const list = listOf(table, metrics.adjustment, adjustmentRate, skip, lang);
    if (list) out.push({ metric: ncText(lang, "blankAdjustment"), reason: list });
  }
  return out;
}
