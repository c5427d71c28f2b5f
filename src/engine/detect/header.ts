/**
 * Recognising a table's header row(s): which fields sit in which columns, whether the header spans two
 * rows (a merged group cell over sub-headers), the money unit written in it, and what kind of table the
 * fields describe. A row is a header when its cells name at least two distinct fields that make up a
 * known kind of table.
 */
import type { SheetGrid } from "../grid";
import {
  canonical,
  isTotalLabel,
  matchHeaderAll,
  MAX_HEADER_TEXT,
  SPENDING_FIELDS,
  unitIn,
} from "../headers";
import type { CellRange, FieldKey, MoneyUnit } from "../types";
import { cellText } from "../values";
import type { ProblemLog } from "./problems";

type HeaderKind = "budget" | "indicators" | "targets" | "checklist" | "spending";

export interface HeaderInfo {
  /** First header row (absolute). */
  row: number;
  rows: 1 | 2 | 3;
  firstDataRow: number;
  /** Inclusive column span of the header's non-blank cells. */
  left: number;
  right: number;
  columns: Partial<Record<FieldKey, number>>;
  kind: HeaderKind;
  /** A unit written in a header cell (`年初预算数（元）`), if any. */
  unit: MoneyUnit | null;
  /** Merged header cells whose field could sit in several columns, resolved once data is seen. */
  mergedFields: { field: FieldKey; merge: CellRange; text: string }[];
}

interface Candidate {
  col: number;
  field: FieldKey;
  rank: number;
  /** The alternative fields the same text may mean (项目名称 → name or project). */
  alternatives: FieldKey[];
  /** The merged header cell the field came from, when the header text spans several columns. */
  merge: CellRange | null;
  text: string;
}

const MONEY: FieldKey[] = ["initial", "adjustment", "adjusted", "finalAccounts", "actual"];
const BUDGETED: FieldKey[] = ["initial", "adjustment", "adjusted"];
const LEVELS: FieldKey[] = ["level1", "level2", "level3"];
const SCORING: FieldKey[] = [
  "weight",
  "weight1",
  "weight2",
  "weight3",
  "score",
  "criteria",
  "actualValue",
  "nature",
];

function headerText(grid: SheetGrid, row: number, col: number): string | null {
  const v = grid.value(row, col);
  return typeof v === "string" ? cellText(v) : null;
}

/** Distinct fields the short text cells of a row name (cheap test for "could this be a header"). */
function rowFieldCount(grid: SheetGrid, row: number): number {
  const fields = new Set<FieldKey>();
  for (let c = grid.left; c < grid.right; c++) {
    const v = grid.value(row, c);
    if (typeof v !== "string" || v.length > MAX_HEADER_TEXT) continue;
    // one reading per cell: `项目名称` alone (name or project) is one header cell, not two fields
    const hit = matchHeaderAll(v)[0];
    if (hit) fields.add(hit.field);
  }
  return fields.size;
}

function hasNumber(grid: SheetGrid, row: number): boolean {
  for (let c = grid.left; c < grid.right; c++) if (typeof grid.value(row, c) === "number") return true;
  return false;
}

function mergesInRow(grid: SheetGrid, row: number): CellRange[] {
  const out: CellRange[] = [];
  for (let c = grid.left; c < grid.right; c++) {
    const m = grid.mergeAt(row, c);
    if (m && m.col === c) out.push(m);
  }
  return out;
}

function textCellsUnder(grid: SheetGrid, row: number, m: CellRange): number {
  let n = 0;
  for (let c = m.col; c < m.col + m.colCount; c++) if (headerText(grid, row, c) !== null) n++;
  return n;
}

/** Row `row + 1` holds sub-headers of `row`. */
function subRowBelow(grid: SheetGrid, row: number): boolean {
  const below = row + 1;
  if (below >= grid.bottom || hasNumber(grid, below)) return false;
  const merges = mergesInRow(grid, row).filter((m) => m.row === row);
  if (merges.some((m) => m.rowCount === 1 && m.colCount >= 2 && textCellsUnder(grid, below, m) >= 2))
    return true;
  const vertical = merges.filter((m) => m.rowCount >= 2);
  if (vertical.length === 0) return false;
  for (let c = grid.left; c < grid.right; c++) {
    if (vertical.some((m) => c >= m.col && c < m.col + m.colCount)) continue;
    if (headerText(grid, below, c) !== null) return true;
  }
  return false;
}

/** Row `row - 1` is a group row over `row` (not a title spanning the whole table, not prose): it has a
 *  merged cell reaching down into `row` or a group cell over several sub-headers, and every sub-header
 *  sits under a group cell, under a vertical merge from above, or under a blank. */
function groupRowAbove(grid: SheetGrid, row: number, left: number, right: number): boolean {
  const above = row - 1;
  if (above < grid.top || hasNumber(grid, above)) return false;
  const merges = mergesInRow(grid, above).filter((m) => m.row === above);
  const vertical = merges.some((m) => m.rowCount >= 2);
  let cells = 0;
  for (let c = left; c <= right; c++) {
    const m = grid.mergeAt(above, c);
    if ((!m || m.col === c) && headerText(grid, above, c) !== null) cells++;
  }
  const group = merges.some(
    (m) =>
      m.rowCount === 1 &&
      m.colCount >= 2 &&
      m.colCount < right - left + 1 &&
      textCellsUnder(grid, row, m) >= 2,
  );
  if (!vertical && !(cells >= 2 && group)) return false;
  for (let c = left; c <= right; c++) {
    if (headerText(grid, row, c) === null) continue;
    const m = grid.mergeAt(above, c);
    if (m && m.row === above && (m.colCount >= 2 || m.rowCount >= 2)) continue;
    if (cellText(grid.mergedValue(above, c)) !== null) return false;
  }
  return true;
}

function candidatesFor(text: string, col: number, merge: CellRange | null): Candidate | null {
  const hits = matchHeaderAll(text);
  if (hits.length === 0) return null;
  return {
    col,
    field: hits[0].field,
    rank: hits[0].rank,
    alternatives: hits.slice(1).map((h) => h.field),
    merge,
    text,
  };
}

/** Field candidates of a one-row header. */
function singleRowCandidates(grid: SheetGrid, row: number): Candidate[] {
  const out: Candidate[] = [];
  for (let c = grid.left; c < grid.right; c++) {
    const text = headerText(grid, row, c);
    if (text === null || text.length > MAX_HEADER_TEXT) continue;
    const m = grid.mergeAt(row, c);
    const cand = candidatesFor(text, c, m && m.colCount >= 2 ? m : null);
    if (cand) out.push(cand);
  }
  return out;
}

/** Field candidates of a header over rows top..bottom (two or three): each column is named by its
 *  lowest non-empty header cell, with the cells above it (the groups, nearest first) as context —
 *  `年初` under `预算数` reads `年初预算数`, `决算数` under `支出` reads `决算数`. */
function multiRowCandidates(grid: SheetGrid, top: number, bottom: number): Candidate[] {
  const out: Candidate[] = [];
  for (let c = grid.left; c < grid.right; c++) {
    // the column's header cells, top down; a merge counts once, in the row where it starts
    const cells: { text: string; merge: CellRange | null; row: number }[] = [];
    let insideMergedSub = false;
    for (let r = top; r <= bottom; r++) {
      const m = grid.mergeAt(r, c);
      if (m && m.row < r) continue;
      const text = r === bottom ? headerText(grid, r, c) : cellText(grid.mergedValue(r, c));
      if (r === bottom && text === null && m && m.col !== c) insideMergedSub = true;
      if (text !== null) cells.push({ text, merge: m, row: r });
    }
    if (insideMergedSub || cells.length === 0) continue;
    const lowest = cells[cells.length - 1];
    const context = cells.slice(0, -1).reverse();
    let cand: Candidate | null = null;
    if (context.length > 0 && lowest.row > top) {
      for (const group of context) {
        cand =
          candidatesFor(group.text + lowest.text, c, null) ??
          candidatesFor(lowest.text + group.text, c, null);
        if (cand) break;
      }
      if (!cand) cand = candidatesFor(lowest.text, c, null);
      if (!cand && (isTotalLabel(lowest.text) || canonical(lowest.text) === "小计"))
        cand = candidatesFor(context[0].text, c, null);
    } else {
      // a cell with nothing under it: a group spanning columns (resolved by where the data is)
      const m = lowest.merge;
      const reachesBottom = m !== null && m.row + m.rowCount - 1 >= bottom;
      const spansColumns = m !== null && m.colCount >= 2 && !reachesBottom && lowest.row < bottom;
      cand = candidatesFor(lowest.text, c, spansColumns ? m : null);
    }
    if (cand) out.push(cand);
  }
  return out;
}

function classify(fields: Set<FieldKey>): HeaderKind | null {
  if (fields.has("item") && fields.has("conclusion")) return "checklist";
  const hasLevel = LEVELS.some((f) => fields.has(f));
  if (hasLevel) {
    // 整体绩效目标表 carries 指标值类型 and a 评（扣）分标准 text but no 分值/得分: still a target table
    const weighed = ["weight", "weight1", "weight2", "weight3", "score", "actualValue"].some((f) =>
      fields.has(f as FieldKey),
    );
    if (fields.has("valueType") && fields.has("target") && !weighed) return "targets";
    if (SCORING.some((f) => fields.has(f))) return "indicators";
    if (fields.has("target") || fields.has("valueType")) return "targets";
    return null;
  }
  // 人员经费支出 | 公用经费支出 | 项目支出 | 支出合计 (two spending fields; 收入合计 alone beside 本年支出合计
  // is the 决算总表's row, not a header) without a budget column: the expenditure structure by columns
  const spending = SPENDING_FIELDS.filter((f) => f !== "incomeTotal" && fields.has(f)).length;
  if (spending >= 2 && !BUDGETED.some((f) => fields.has(f))) return "spending";
  if ((fields.has("name") || fields.has("project")) && MONEY.some((f) => fields.has(f))) return "budget";
  return null;
}

/** Per-level 分值 columns (`一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值`): each weight column
 *  belongs to the nearest level column on its left. */
function assignLevelWeights(cands: Candidate[]): void {
  const weights = cands.filter((c) => c.field === "weight");
  if (weights.length < 2) return;
  const levels = cands.filter((c) => LEVELS.includes(c.field)).sort((a, b) => a.col - b.col);
  for (const w of weights) {
    const left = levels.filter((l) => l.col < w.col).pop();
    if (!left) continue;
    if (left.field === "level1") w.field = "weight1";
    else if (left.field === "level2") w.field = "weight2";
  }
}

/** A budget header without a name column whose leftmost cell names a money field that a stronger
 *  header to its right also names (Sichuan `年度预算数（万元） | 年初预算 | 调整后预算数 | 预算执行数`): the
 *  leftmost cell heads the row labels, so it is the name column. */
function labelColumnAsName(cands: Candidate[]): void {
  if (cands.some((c) => c.field === "name" || c.field === "project" || LEVELS.includes(c.field))) return;
  const first = cands.reduce<Candidate | null>((a, c) => (a === null || c.col < a.col ? c : a), null);
  if (!first || !MONEY.includes(first.field)) return;
  if (cands.some((c) => c !== first && c.field === first.field && c.rank < first.rank)) {
    first.field = "name";
    first.alternatives = [];
  }
}

/** 自评 vs 复核: with a 复核 column (复核得分, 评价得分 …) beside a 自评/得分 column, the 复核 column is the
 *  table's 得分 (what the subject scores) and the other its selfScore; a 复核得分 column alone is the 得分. */
function selfAndReview(cands: Candidate[]): void {
  const isReview = (c: Candidate) => c.field === "reviewScore" || c.alternatives.includes("reviewScore");
  const review =
    cands.find((c) => c.field === "reviewScore") ?? cands.find((c) => c.field === "score" && isReview(c));
  if (!review) return;
  const self = cands.find(
    (c) => c !== review && !isReview(c) && (c.field === "score" || c.alternatives.includes("selfScore")),
  );
  if (self) {
    self.field = "selfScore";
    self.rank = -1;
  }
  if (self || review.field === "reviewScore") {
    review.field = "score";
    review.rank = -1;
  }
}

/** Pick one column per field: the strongest synonym, then the leftmost. */
function resolveColumns(cands: Candidate[], kind: HeaderKind): Map<FieldKey, Candidate> {
  for (const c of cands) {
    if (
      (kind === "targets" || kind === "indicators") &&
      c.field === "name" &&
      c.alternatives.includes("project")
    )
      c.field = "project";
  }
  if (kind === "indicators") selfAndReview(cands);
  const chosen = new Map<FieldKey, Candidate>();
  for (const c of cands) {
    const prev = chosen.get(c.field);
    if (!prev || c.rank < prev.rank) chosen.set(c.field, c);
  }
  return chosen;
}

function fieldSet(cands: Candidate[]): Set<FieldKey> {
  const s = new Set<FieldKey>();
  for (const c of cands) {
    s.add(c.field);
    for (const a of c.alternatives) s.add(a);
  }
  return s;
}

/** The width of a row's non-blank header cells (merges included), or null when it has none. */
function textExtent(grid: SheetGrid, row: number): { left: number; right: number } | null {
  let left = Infinity;
  let right = -Infinity;
  for (let c = grid.left; c < grid.right; c++) {
    if (headerText(grid, row, c) === null) continue;
    const m = grid.mergeAt(row, c);
    left = Math.min(left, c);
    right = Math.max(right, m ? m.col + m.colCount - 1 : c);
  }
  return left === Infinity ? null : { left, right };
}

/** A header whose top row names fewer than two fields on its own (`项目 | 金额（万元）` over `预算数 | 支出`
 *  over `年初 | 调整后 | 决算数 | 占比`): tried only when the row has a merged group over sub-headers. */
function multiRowFromTop(grid: SheetGrid, row: number): { top: number; rows: 2 | 3 } | null {
  if (grid.mergesIn(row).length === 0) return null;
  // a title (one merged cell over the table) is not a group row
  let cells = 0;
  for (let c = grid.left; c < grid.right && cells < 2; c++) if (headerText(grid, row, c) !== null) cells++;
  if (cells < 2 || !subRowBelow(grid, row)) return null;
  const rows = subRowBelow(grid, row + 1) ? 3 : 2;
  // a column header row that names fields on its own is read from there (its group rows found upwards),
  // so an info line above it (`项目名称 | …`, `主管部门 | …`) is never taken for a group row
  if (rowFieldCount(grid, row + rows - 1) >= 2) return null;
  return { top: row, rows };
}

/** Interpret `row` as a header row of a table (its only, first or last row); null when it is not one. */
export function readHeader(grid: SheetGrid, row: number): HeaderInfo | null {
  let top = row;
  let rows: 1 | 2 | 3 = 1;
  if (rowFieldCount(grid, row) < 2) {
    const multi = multiRowFromTop(grid, row);
    if (!multi) return null;
    top = multi.top;
    rows = multi.rows;
  } else if (subRowBelow(grid, row)) {
    rows = subRowBelow(grid, row + 1) ? 3 : 2;
  } else {
    const extent = textExtent(grid, row);
    if (extent && groupRowAbove(grid, row, extent.left, extent.right)) {
      top = row - 1;
      rows = 2;
    }
  }
  // a group row over a two-row header (title row, group row, column header row)
  if (rows === 2) {
    const extent = textExtent(grid, top);
    if (extent && groupRowAbove(grid, top, extent.left, extent.right)) {
      top -= 1;
      rows = 3;
    }
  }
  const cands = rows === 1 ? singleRowCandidates(grid, row) : multiRowCandidates(grid, top, top + rows - 1);
  assignLevelWeights(cands);
  labelColumnAsName(cands);
  const kind = classify(fieldSet(cands));
  if (!kind) return null;
  const chosen = resolveColumns(cands, kind);
  if (chosen.size < 2) return null;

  let left = Infinity;
  let right = -Infinity;
  let unit: MoneyUnit | null = null;
  for (let r = top; r < top + rows; r++) {
    for (let c = grid.left; c < grid.right; c++) {
      const text = cellText(grid.value(r, c));
      if (text === null) continue;
      const m = grid.mergeAt(r, c);
      left = Math.min(left, c);
      right = Math.max(right, m ? m.col + m.colCount - 1 : c);
      unit = unit ?? unitIn(text);
    }
  }
  const columns: Partial<Record<FieldKey, number>> = {};
  const mergedFields: HeaderInfo["mergedFields"] = [];
  for (const [field, cand] of chosen) {
    columns[field] = cand.col;
    if (cand.merge) mergedFields.push({ field, merge: cand.merge, text: cand.text });
  }
  return { row: top, rows, firstDataRow: top + rows, left, right, columns, kind, unit, mergedFields };
}

/** Place fields whose header is a merged cell over several columns at the column that holds data;
 *  when several do, the header is ambiguous: DATA_MERGED_HEADER, and the first such column is used. */
export function resolveMergedFields(
  grid: SheetGrid,
  header: HeaderInfo,
  dataRows: number[],
  log: ProblemLog,
): void {
  const sample = dataRows.slice(0, 20);
  for (const { field, merge, text } of header.mergedFields) {
    const withData: number[] = [];
    for (let c = merge.col; c < merge.col + merge.colCount; c++) {
      if (sample.some((r) => cellText(grid.value(r, c)) !== null)) withData.push(c);
    }
    if (withData.length >= 2)
      log.add("DATA_MERGED_HEADER", grid.name, merge.row, merge.col, { text, columns: withData.length });
    if (withData.length >= 1) header.columns[field] = withData[0];
  }
}
