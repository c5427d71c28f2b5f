/**
 * Budget tables (预算执行) and expenditure-structure tables (支出结构). Both have a name column and money
 * columns; a table whose rows are 基本支出 / 项目支出 (/ 其他) is a structure table, and structure rows
 * inside a funding-source table are split out into one. Money is read in 万元 (元 tables ÷ 10000).
 */
import type { SheetGrid } from "../grid";
import { labelInfo, MONEY_FIELDS } from "../headers";
import type {
  BudgetRow,
  BudgetTable,
  FieldKey,
  MoneyUnit,
  StructureRow,
  StructureTable,
  TableLocation,
} from "../types";
import { cellText, readNumber } from "../values";
import { columnsOf, lastRowOf, scanBody } from "./body";
import { resolveMergedFields, type HeaderInfo } from "./header";
import { readMoneyCell, type ProblemLog } from "./problems";

interface BudgetParse {
  budget: BudgetTable | null;
  structure: StructureTable | null;
  /** Last row of the table (inclusive). */
  lastRow: number;
}

const BUDGET_COLUMNS: FieldKey[] = ["initial", "adjustment", "adjusted"];

/** A row that is not part of the figures: a merged prose cell across ≥3 columns, or text in ≥2 money
 *  cells (the 年度总体目标 block under a 自评表's budget block). */
function breakRow(grid: SheetGrid, header: HeaderInfo, moneyCols: number[], row: number): boolean {
  for (const m of grid.mergesIn(row)) {
    if (m.row !== row || m.colCount < 3) continue;
    let covered = 0;
    for (const f of Object.values(header.columns) as number[])
      if (f >= m.col && f < m.col + m.colCount) covered++;
    if (covered >= 3) return true;
  }
  let texts = 0;
  for (let i = 0; i < moneyCols.length; i++) {
    const c = moneyCols[i];
    const v = grid.value(row, c);
    if (typeof v !== "string") continue; // numbers, booleans and blanks never read as text here
    const r = readNumber(v);
    if (r.kind === "text" && r.text.length > 1) texts++;
  }
  return texts >= 2;
}

function location(
  kind: "budget" | "structure",
  grid: SheetGrid,
  header: HeaderInfo,
  lastRow: number,
  unit: MoneyUnit,
): TableLocation {
  return {
    kind,
    sheet: grid.name,
    headerRow: header.row,
    headerRows: header.rows,
    firstDataRow: header.firstDataRow,
    lastRow,
    columns: { ...header.columns },
    unit,
  };
}

/**
 * The column the row labels sit in. Usually the name column; but when the name header is a group label
 * merged down the rows (`项目资金（万元）` over 年度资金总额 / 其中：当年财政拨款 …, the 财政部 自评表), the
 * labels sit in the column beside it, before the first figure: that column, when the name column holds
 * no label of its own in any data row.
 */
function labelColumn(grid: SheetGrid, header: HeaderInfo, body: number[], nameCol: number): number {
  let firstField = Infinity;
  for (const c of Object.values(header.columns) as number[])
    if (c > nameCol && c < firstField) firstField = c;
  if (firstField === Infinity || firstField === nameCol + 1) return nameCol;
  const sample = body.length > 50 ? body.slice(0, 50) : body;
  if (sample.some((r) => cellText(grid.value(r, nameCol)) !== null)) return nameCol;
  for (let c = nameCol + 1; c < firstField; c++)
    if (sample.some((r) => cellText(grid.value(r, c)) !== null)) return c;
  return nameCol;
}

export function parseBudgetLike(
  grid: SheetGrid,
  header: HeaderInfo,
  unit: MoneyUnit,
  log: ProblemLog,
): BudgetParse {
  const keyCols = columnsOf(header, ["name", "project", ...MONEY_FIELDS]);
  const moneyCols = columnsOf(header, MONEY_FIELDS);
  const body = scanBody(grid, header, {
    keyCols,
    isBreak: (r) => breakRow(grid, header, moneyCols, r),
    continueAfterRepeat: true,
  });
  resolveMergedFields(grid, header, body, log);
  const cols = header.columns;
  let nameCol = cols.name ?? cols.project;
  const lastRow = lastRowOf(body, header);
  const labelCol = nameCol === undefined ? undefined : labelColumn(grid, header, body, nameCol);
  if (labelCol !== undefined && labelCol !== nameCol) {
    nameCol = labelCol;
    cols[cols.name !== undefined ? "name" : "project"] = labelCol;
  }

  // rows in their final shape, with each row's structure word alongside (no second copy of 100k rows)
  const rows: BudgetRow[] = [];
  const kinds: (StructureRow["type"] | null)[] = [];
  // a "其中：" row right under the total row (年度资金总额 / 其中：当年财政拨款 / 上年结转资金 …) opens the
  // list of the total's parts: it is a part, not a sub-row of the row above
  let partsOfTotal = false;
  for (let i = 0; i < body.length; i++) {
    const r = body[i];
    const name = nameCol === undefined ? null : cellText(grid.value(r, nameCol));
    const label = name === null ? null : labelInfo(name);
    const isTotal = label?.isTotal ?? false;
    const isPart: boolean = partsOfTotal && (label?.isSubItem ?? false);
    partsOfTotal = isTotal || isPart;
    const row: BudgetRow = {
      row: r,
      name: name ?? "",
      isTotal,
      isSubItem: (label?.isSubItem ?? false) && !isPart,
      initial: readMoneyCell(grid, r, cols.initial, unit, log),
      adjustment: readMoneyCell(grid, r, cols.adjustment, unit, log),
      adjusted: readMoneyCell(grid, r, cols.adjusted, unit, log),
      finalAccounts: readMoneyCell(grid, r, cols.finalAccounts, unit, log),
      actual: readMoneyCell(grid, r, cols.actual, unit, log),
    };
    const hasFigure =
      row.initial !== null ||
      row.adjustment !== null ||
      row.adjusted !== null ||
      row.finalAccounts !== null ||
      row.actual !== null;
    if (name === null && !hasFigure) continue;
    rows.push(row);
    kinds.push(label?.structure ?? null);
  }

  let plainCount = 0;
  let structuralCount = 0;
  let allTyped = true;
  rows.forEach((r, i) => {
    if (r.isTotal || r.isSubItem) return;
    plainCount++;
    if (kinds[i] === "basic" || kinds[i] === "project") structuralCount++;
    if (kinds[i] === null) allTyped = false;
  });
  const allStructural = plainCount > 0 && structuralCount > 0 && allTyped;
  const hasBudgetColumns = BUDGET_COLUMNS.some((f) => cols[f] !== undefined);

  let structure: StructureTable | null = null;
  const amountCol = cols.finalAccounts ?? cols.actual;
  if (structuralCount > 0 && amountCol !== undefined) {
    const amountField = cols.finalAccounts !== undefined ? "finalAccounts" : "actual";
    structure = {
      location: location("structure", grid, header, lastRow, unit),
      rows: rows
        .map((r, i) => ({ r, kind: kinds[i] }))
        .filter(({ r, kind }) => !r.isSubItem && (kind !== null || r.isTotal))
        .map(({ r, kind }) => ({
          row: r.row,
          name: r.name,
          type: r.isTotal ? "total" : (kind as StructureRow["type"]),
          amount: r[amountField],
          col: amountCol,
        })),
    };
  }

  let budget: BudgetTable | null = null;
  if (!structure || hasBudgetColumns) {
    const keep = allStructural ? rows : rows.filter((_, i) => kinds[i] !== "basic" && kinds[i] !== "project");
    budget = { location: location("budget", grid, header, lastRow, unit), rows: keep };
  }
  return { budget, structure, lastRow };
}
