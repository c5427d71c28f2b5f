/**
 * detectTables(snapshot) → Detection: every table in the workbook found by its header rows, on any
 * sheet and any row — budget (预算执行), expenditure structure, indicators (指标评分表), targets
 * (绩效目标表), checklist (管理情况), and the 收入支出决算总表 found by its row labels. Header rows are
 * looked for only in the first rows of each block (after a blank row or a table), so large sheets stay
 * linear. The pieces live in ./detect/.
 */
import { a1 } from "./address";
import { SheetGrid } from "./grid";
import { unitIn } from "./headers";
import type { Detection, MoneyUnit, TableKind, WorkbookSnapshot } from "./types";
import { cellText } from "./values";
import { parseBudgetLike } from "./detect/budget";
import { parseFinalAccounts } from "./detect/finalAccounts";
import { readHeader } from "./detect/header";
import { ledgerKey, parseIndicators, sameCellValue, type LedgerIndex } from "./detect/indicators";
import { ProblemLog, readNumberCell } from "./detect/problems";
import { parseChecklist, parseTargets } from "./detect/targets";

export { conclusionOk } from "./detect/targets";
export { inferNature, parseNature } from "./detect/indicators";

/** How many rows into a block (after a blank row, the sheet top, or a table) a header may start. */
export const HEADER_WINDOW = 30;

const EXPECTED: TableKind[] = ["budget", "indicators", "targets", "checklist"];

/** A `金额单位：元` line in the rows just above a header (nearest first). */
function unitAbove(grid: SheetGrid, from: number, headerRow: number): MoneyUnit | null {
  for (let r = headerRow - 1; r >= Math.max(from, headerRow - 10); r--) {
    for (let c = grid.left; c < grid.right; c++) {
      const v = grid.value(r, c);
      if (typeof v !== "string") continue;
      const unit = unitIn(cellText(v) ?? "");
      if (unit) return unit;
    }
  }
  return null;
}

function scanSheet(
  grid: SheetGrid,
  out: Detection,
  log: ProblemLog,
  ledger: LedgerIndex,
  skipBudget: boolean,
): void {
  let blockStart = grid.top;
  let prevEnd = grid.top - 1;
  let r = grid.top;
  while (r < grid.bottom) {
    if (grid.isBlankRow(r)) {
      blockStart = ++r;
      continue;
    }
    if (r - blockStart >= HEADER_WINDOW) {
      r++;
      continue;
    }
    const header = readHeader(grid, r);
    if (!header) {
      r++;
      continue;
    }
    let lastRow = header.firstDataRow - 1;
    switch (header.kind) {
      case "budget": {
        const unit = header.unit ?? unitAbove(grid, prevEnd + 1, header.row) ?? "万元";
        const parsed = parseBudgetLike(grid, header, unit, log);
        lastRow = parsed.lastRow;
        if (skipBudget) break;
        if (parsed.budget) {
          out.tables.push(parsed.budget.location);
          out.budget ??= parsed.budget;
        }
        if (parsed.structure) {
          out.tables.push(parsed.structure.location);
          out.structure ??= parsed.structure;
        }
        break;
      }
      case "indicators": {
        const parsed = parseIndicators(grid, header, log, ledger);
        lastRow = parsed.lastRow;
        out.tables.push(parsed.table.location);
        out.indicators.push(parsed.table);
        break;
      }
      case "targets": {
        const parsed = parseTargets(grid, header, log);
        lastRow = parsed.lastRow;
        out.tables.push(parsed.table.location);
        // one project per block (a 项目名称 line above each header): blocks of one sheet are one table
        if (out.targets && out.targets.location.sheet === grid.name) {
          out.targets.rows.push(...parsed.table.rows);
          out.targets.location.lastRow = Math.max(
            out.targets.location.lastRow,
            parsed.table.location.lastRow,
          );
        } else out.targets ??= parsed.table;
        break;
      }
      case "checklist": {
        const parsed = parseChecklist(grid, header, log);
        lastRow = parsed.lastRow;
        out.tables.push(parsed.table.location);
        out.checklist ??= parsed.table;
        break;
      }
    }
    prevEnd = lastRow;
    r = Math.max(lastRow + 1, header.firstDataRow);
    blockStart = r;
  }
}

/** The 自评表's budget block scores too (`分值 | 执行率 | 得分`, 执行率 × 分值): when a budget table with
 *  分值 and 得分 columns shares its sheet with an indicator table, its weighted row
 *  (the 年度资金总额 row holding the 分值) becomes that table's first row, a 一级 of its own
 *  (预算执行), so 总分 = budget 得分 + indicator scores as the form adds them. Its 得分 cell stays the
 *  budget block's (IndicatorRow.scoreCol when the columns differ). */
export const BUDGET_LEVEL = "预算执行";

function attachBudgetScore(grid: SheetGrid, out: Detection, log: ProblemLog, ledger: LedgerIndex): void {
  const budget = out.budget;
  if (!budget || budget.location.sheet !== grid.name) return;
  const cols = budget.location.columns;
  if (cols.weight === undefined || cols.score === undefined) return;
  const table = out.indicators.find(
    (t) => t.location.sheet === grid.name && t.location.columns.score !== undefined,
  );
  if (!table || table.rows.some((r) => r.level1 === BUDGET_LEVEL)) return;
  for (const b of budget.rows) {
    const weight = readNumberCell(grid, b.row, cols.weight, log);
    if (weight === null) continue;
    const denominator = b.adjusted ?? b.initial;
    const rate = b.actual !== null && denominator !== null && denominator > 0 ? b.actual / denominator : null;
    const scoreValue = grid.value(b.row, cols.score);
    const written = ledger.size === 0 ? undefined : ledger.get(ledgerKey(grid.name, a1(b.row, cols.score)));
    const scoreIsOurs = written !== undefined && scoreValue !== null && sameCellValue(written, scoreValue);
    table.rows.unshift({
      row: b.row,
      level1: BUDGET_LEVEL,
      level2: BUDGET_LEVEL,
      level3: "预算执行率",
      weight,
      nature: null,
      target: null,
      actual: rate,
      unit: "%",
      criteria: null,
      entered: scoreIsOurs ? null : readNumberCell(grid, b.row, cols.score, log),
      scoreIsFormula: grid.formula(b.row, cols.score) !== null,
      scoreIsOurs,
      ...(table.location.columns.score === cols.score ? {} : { scoreCol: cols.score }),
    });
    table.levelWeights[BUDGET_LEVEL] ??= weight;
    return;
  }
}

export function detectTables(snapshot: WorkbookSnapshot): Detection {
  const log = new ProblemLog();
  const ledger: LedgerIndex = new Map();
  for (const e of snapshot.ledger?.entries ?? []) ledger.set(ledgerKey(e.sheet, e.address), e.value);
  const out: Detection = {
    tables: [],
    missing: [],
    budget: null,
    structure: null,
    finalAccounts: null,
    indicators: [],
    targets: null,
    checklist: null,
    problems: log.list,
  };
  for (const sheet of snapshot.sheets) {
    const grid = new SheetGrid(sheet);
    const finalAccounts = parseFinalAccounts(grid, log);
    if (finalAccounts) {
      out.tables.push(finalAccounts.location);
      out.finalAccounts ??= finalAccounts;
    }
    // the 决算总表's halves look like budget tables (项目 | 决算数); they are read by label instead
    scanSheet(grid, out, log, ledger, finalAccounts !== null);
    attachBudgetScore(grid, out, log, ledger);
  }
  const found = new Set(out.tables.map((t) => t.kind));
  out.missing = EXPECTED.filter((k) => !found.has(k));
  return out;
}
