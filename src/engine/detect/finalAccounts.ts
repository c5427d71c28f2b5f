/**
 * The 收入支出决算总表: two halves side by side (收入 left, 支出 right), each `项目 | 行次 | 金额`. The
 * figures are found by their row labels (本年收入合计, 本年支出合计, 年初结转和结余, 年末结转和结余): the
 * first number to the right of the label that is not in a 行次 column. `金额单位：元` → ÷ 10000.
 */
import type { SheetGrid } from "../grid";
import { labelKey, unitIn } from "../headers";
import type { FinalAccountsTable, MoneyUnit } from "../types";
import { cellText, readNumber } from "../values";
import type { ProblemLog } from "./problems";

type Figure = "incomeTotal" | "expenditureTotal" | "carriedIn" | "carriedOut";

const LABELS: Record<string, Figure> = {
  本年收入合计: "incomeTotal",
  本年支出合计: "expenditureTotal",
  年初结转和结余: "carriedIn",
  年初结转结余: "carriedIn",
  年末结转和结余: "carriedOut",
  年末结转结余: "carriedOut",
};

/** A 决算总表 is a short form: its labels are looked for in the first rows of a sheet only. */
const MAX_ROWS = 500;
const HINT = /结|决算|本年/;

interface LabelCell {
  figure: Figure;
  row: number;
  col: number;
}

function findLabels(grid: SheetGrid): { labels: LabelCell[]; titleRow: number | null } {
  const labels: LabelCell[] = [];
  let titleRow: number | null = null;
  const last = Math.min(grid.bottom, grid.top + MAX_ROWS);
  for (let r = grid.top; r < last; r++) {
    for (let c = grid.left; c < grid.right; c++) {
      const v = grid.value(r, c);
      if (typeof v !== "string" || v.length > 30 || !HINT.test(v)) continue;
      if (v.includes("决算总表") || v.includes("收入支出决算表")) titleRow ??= r;
      const figure = LABELS[labelKey(v)];
      if (figure && !labels.some((l) => l.figure === figure)) labels.push({ figure, row: r, col: c });
    }
  }
  return { labels, titleRow };
}

/** Columns headed 行次 / 栏次 in the rows above `row`. */
function lineNumberColumns(
  grid: SheetGrid,
  fromRow: number,
  row: number,
): { cols: Set<number>; headerRow: number | null } {
  const cols = new Set<number>();
  let headerRow: number | null = null;
  for (let r = fromRow; r < row; r++) {
    for (let c = grid.left; c < grid.right; c++) {
      const t = cellText(grid.value(r, c));
      if (t !== null && /^(?:行次|栏次)$/.test(t.replace(/\s+/g, ""))) {
        cols.add(c);
        headerRow ??= r;
      }
    }
  }
  return { cols, headerRow };
}

export function parseFinalAccounts(grid: SheetGrid, log: ProblemLog): FinalAccountsTable | null {
  const { labels, titleRow } = findLabels(grid);
  if (labels.length < 2 && !(labels.length === 1 && titleRow !== null)) return null;
  const firstLabelRow = Math.min(...labels.map((l) => l.row));
  const from = Math.max(grid.top, firstLabelRow - 60);
  const { cols: lineCols, headerRow } = lineNumberColumns(grid, from, firstLabelRow);
  let unit: MoneyUnit = "万元";
  for (let r = firstLabelRow; r >= from; r--) {
    let found: MoneyUnit | null = null;
    for (let c = grid.left; c < grid.right && !found; c++) {
      const t = cellText(grid.value(r, c));
      if (t !== null) found = unitIn(t);
    }
    if (found) {
      unit = found;
      break;
    }
  }
  const table: FinalAccountsTable = {
    location: {
      kind: "finalAccounts",
      sheet: grid.name,
      headerRow: headerRow ?? titleRow ?? firstLabelRow,
      headerRows: 1,
      firstDataRow: (headerRow ?? firstLabelRow - 1) + 1,
      lastRow: Math.max(...labels.map((l) => l.row)),
      columns: {},
      unit,
    },
    incomeTotal: null,
    expenditureTotal: null,
    carriedIn: null,
    carriedOut: null,
    cells: {},
  };
  for (const label of labels) {
    for (let c = label.col + 1; c < grid.right; c++) {
      if (lineCols.has(c)) continue;
      const read = readNumber(grid.value(label.row, c));
      if (read.kind === "blank") continue;
      if (read.kind === "error") {
        log.add("DATA_EXCEL_ERROR", grid.name, label.row, c, { value: read.error });
        table.cells[label.figure] = { row: label.row, col: c };
        break;
      }
      if (read.kind === "text") {
        // the next label (a blank amount) ends the search; digits in text are a number gone wrong
        if (/\d/.test(read.text) && !LABELS[labelKey(read.text)])
          log.add("DATA_NOT_A_NUMBER", grid.name, label.row, c, { text: read.text });
        break;
      }
      const cellUnit = read.unit === "元" || read.unit === "万元" ? read.unit : unit;
      table[label.figure] = cellUnit === "元" ? read.value / 10000 : read.value;
      table.cells[label.figure] = { row: label.row, col: c };
      break;
    }
  }
  return table;
}
