/**
 * Expenditure-structure tables by columns, as 部门整体 reports and the 支出决算表 write them:
 * `项目 | 收入合计 | 人员经费支出 | 公用经费支出 | 项目支出 | 支出合计` (or `本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出
 * …`, or `基本支出` over `人员经费 | 公用经费`), one row per unit and maybe a 合计 row. Money in 万元 (元 tables
 * ÷ 10000). Other spending columns (a header with 支出 that names no field) are kept, since 支出合计 adds
 * them too.
 */
import type { SheetGrid } from "../grid";
import { isTotalLabel, matchHeader, OTHER_SPENDING_WORD, SPENDING_FIELDS } from "../headers";
import type { MoneyUnit, SpendingField, SpendingRow, SpendingTable } from "../types";
import { cellText } from "../values";
import { columnsOf, lastRowOf, scanBody } from "./body";
import { resolveMergedFields, type HeaderInfo } from "./header";
import { readMoneyCell, type ProblemLog } from "./problems";

interface SpendingParse {
  table: SpendingTable;
  /** Last row of the table (inclusive). */
  lastRow: number;
}

/** The header text of a column: its header cells top down (a merge read once), group first. */
function columnHeader(grid: SheetGrid, header: HeaderInfo, col: number): string {
  const parts: string[] = [];
  for (let r = header.row; r < header.firstDataRow; r++) {
    const t = cellText(grid.mergedValue(r, col));
    if (t !== null && parts[parts.length - 1] !== t) parts.push(t);
  }
  return parts.join("");
}

/** Columns whose lowest header cell has 支出 in it but names no field (上缴上级支出, 经营支出 …). */
function otherSpendingColumns(grid: SheetGrid, header: HeaderInfo): { col: number; header: string }[] {
  const used = new Set(Object.values(header.columns));
  const out: { col: number; header: string }[] = [];
  const bottom = header.firstDataRow - 1;
  for (let c = header.left; c <= header.right; c++) {
    if (used.has(c)) continue;
    const m = grid.mergeAt(bottom, c);
    if (m && m.col !== c) continue;
    const text = cellText(grid.mergedValue(bottom, c));
    if (text === null || !text.includes(OTHER_SPENDING_WORD) || matchHeader(text) !== null) continue;
    out.push({ col: c, header: columnHeader(grid, header, c) });
  }
  return out;
}

export function parseSpending(
  grid: SheetGrid,
  header: HeaderInfo,
  unit: MoneyUnit,
  log: ProblemLog,
): SpendingParse {
  const cols = header.columns;
  const figureCols = columnsOf(header, [...SPENDING_FIELDS]);
  const body = scanBody(grid, header, {
    keyCols: columnsOf(header, ["name", "project", ...SPENDING_FIELDS]),
    continueAfterRepeat: true,
  });
  resolveMergedFields(grid, header, body, log);
  const nameCol = cols.name ?? cols.project;
  const others = otherSpendingColumns(grid, header);
  const headers: SpendingTable["headers"] = {};
  // a column is named by its lowest header cell when that names the field (`人员经费` under `基本支出`),
  // else with its groups (`基本支出` over `合计` → 基本支出合计)
  const bottom = header.firstDataRow - 1;
  for (const f of SPENDING_FIELDS) {
    const c = cols[f];
    if (c === undefined) continue;
    const lowest = cellText(grid.mergedValue(bottom, c));
    headers[f] = lowest !== null && matchHeader(lowest) === f ? lowest : columnHeader(grid, header, c);
  }
  const rows: SpendingRow[] = [];
  for (const r of body) {
    const name = nameCol === undefined ? null : cellText(grid.value(r, nameCol));
    const money = (f: SpendingField) => readMoneyCell(grid, r, cols[f], unit, log);
    const row: SpendingRow = {
      row: r,
      name: name ?? "",
      isTotal: name !== null && isTotalLabel(name),
      incomeTotal: money("incomeTotal"),
      personnel: money("personnel"),
      publicFunds: money("publicFunds"),
      basicSpending: money("basicSpending"),
      projectSpending: money("projectSpending"),
      spendingTotal: money("spendingTotal"),
      other: others.map((o) => readMoneyCell(grid, r, o.col, unit, log)),
    };
    const hasFigure = figureCols.some((c) => grid.value(r, c) !== null);
    if (name === null && !hasFigure) continue;
    rows.push(row);
  }
  const lastRow = lastRowOf(body, header);
  return {
    table: {
      location: {
        kind: "structure",
        sheet: grid.name,
        headerRow: header.row,
        headerRows: header.rows,
        firstDataRow: header.firstDataRow,
        lastRow,
        columns: { ...cols },
        unit,
      },
      headers,
      otherColumns: others,
      rows,
    },
    lastRow,
  };
}
