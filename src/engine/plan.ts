/**
 * planWrites: the cells a run writes and marks, computed from the snapshot and the evaluation.
 *
 * Writes: 得分 where the row was computed, 得分率 for every scored row, 执行率/调整率 in the budget
 * table's output columns, the 合计 row's 得分/得分率, and a results block to the right of each indicator
 * table (一级指标 | 分值 | 得分 | 得分率, then 合计 and 等级), one blank column after the table's last used
 * column. A cell is written only when it is empty (no formula), or the ledger says the add-in wrote it
 * and it still holds that value; otherwise it is reported as skipped (userValue / formula / protected)
 * unless config.overwriteUserValues. The same input gives the same plan, and a second run on the
 * workbook the first produced plans the same values into the same cells.
 */
import { a1, parseCell, parseRangeInto } from "./address";
import { budgetTablesOf } from "./metrics";
import { roundHalfUp } from "./scoring/round";
import type {
  CellMark,
  CellValue,
  CellWrite,
  Detection,
  Evaluation,
  Finding,
  Metrics,
  RowRate,
  ScoreResult,
  SheetSnapshot,
  SkippedWrite,
  WorkbookSnapshot,
  WriteRole,
  WritePlan,
} from "./types";

const SCORE_FORMAT = "0.00";
const PERCENT_FORMAT = "0.00%";
const TEXT_FORMAT = "@";

/** Ratios are written to 6 decimals (display 0.00%), so repeated runs write identical values. */
function ratio(x: number): number {
  return roundHalfUp(x, 6);
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  return a === b;
}

function isEmpty(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** A cell's key within its sheet: one number, no string per cell (Excel has 16,384 columns). */
const COLS = 16384;
function cellKey(row: number, col: number): number | string {
  return col >= 0 && col < COLS ? row * COLS + col : `${row}:${col}`;
}

/** Cell access over the snapshot plus the ledger's ownership. */
class Cells {
  private readonly sheets = new Map<string, SheetSnapshot>();
  /** Ledger values per sheet, keyed by cellKey of the entry's address (single A1 cells only). */
  private readonly owned = new Map<string, Map<number | string, CellValue>>();
  private readonly ownedCount: number;
  readonly order: string[];
  private readonly rank = new Map<string, number>();

  constructor(snapshot: WorkbookSnapshot) {
    const sheets = Array.isArray(snapshot?.sheets) ? snapshot.sheets : [];
    for (const s of sheets) this.sheets.set(s.name, s);
    this.order = sheets.map((s) => s.name);
    this.order.forEach((name, i) => {
      if (!this.rank.has(name)) this.rank.set(name, i);
    });
    let count = 0;
    for (const e of snapshot?.ledger?.entries ?? []) {
      let at: { row: number; col: number };
      try {
        at = parseCell(e.address);
      } catch {
        continue;
      }
      // only an address written exactly as a1() writes it ever matched a cell
      if (a1(at.row, at.col) !== e.address) continue;
      let bySheet = this.owned.get(e.sheet);
      if (!bySheet) this.owned.set(e.sheet, (bySheet = new Map()));
      bySheet.set(cellKey(at.row, at.col), e.value);
      count++;
    }
    this.ownedCount = count;
  }

  /** Position of a sheet in the workbook (-1 when unknown), as indexOf on the sheet order. */
  orderOf(name: string): number {
    return this.rank.get(name) ?? -1;
  }

  sheet(name: string): SheetSnapshot | undefined {
    return this.sheets.get(name);
  }

  value(sheet: string, row: number, col: number): CellValue {
    const s = this.sheets.get(sheet);
    if (!s) return null;
    return s.values[row - s.top]?.[col - s.left] ?? null;
  }

  formula(sheet: string, row: number, col: number): string | null {
    const s = this.sheets.get(sheet);
    if (!s?.formulas) return null;
    return s.formulas[row - s.top]?.[col - s.left] ?? null;
  }

  /** The add-in wrote this cell last time and it still holds that value. */
  isOurs(sheet: string, row: number, col: number): boolean {
    if (this.ownedCount === 0) return false;
    const bySheet = this.owned.get(sheet);
    if (!bySheet) return false;
    const key = cellKey(row, col);
    if (!bySheet.has(key)) return false;
    if (this.formula(sheet, row, col)) return false;
    return sameValue(bySheet.get(key) ?? null, this.value(sheet, row, col));
  }

  /** Last column holding something (value, formula or merge) in rows [fromRow, toRow], ignoring the
   *  add-in's own cells; -1 when none. */
  lastUsedColumn(sheet: string, fromRow: number, toRow: number): number {
    const s = this.sheets.get(sheet);
    if (!s) return -1;
    let last = -1;
    for (let r = fromRow; r <= toRow; r++) {
      const values = s.values[r - s.top];
      if (!values) continue;
      for (let i = values.length - 1; i >= 0; i--) {
        const col = i + s.left;
        if (col <= last) break;
        const used = !isEmpty(values[i]) || !!this.formula(sheet, r, col);
        if (used && !this.isOurs(sheet, r, col)) {
          last = col;
          break;
        }
      }
    }
    for (const m of s.merges) {
      const overlaps = m.row <= toRow && m.row + m.rowCount - 1 >= fromRow;
      if (overlaps) last = Math.max(last, m.col + m.colCount - 1);
    }
    return last;
  }
}

class PlanBuilder {
  readonly writes: CellWrite[] = [];
  readonly skipped: SkippedWrite[] = [];
  /** Cells already planned: one flag per row, per column, per sheet (grown as rows come). */
  private readonly seen = new Map<string, Map<number, Uint8Array>>();
  /** Cells at rows no flag array can index (never in a real sheet). */
  private readonly odd = new Set<string>();

  constructor(
    private readonly cells: Cells,
    private readonly overwrite: boolean,
  ) {}

  /** Whether the cell was planned already; marks it planned. */
  private planned(sheet: string, row: number, col: number): boolean {
    if (!Number.isInteger(row) || row < 0 || row > 0x200000) {
      const key = `${sheet}\u0000${row}\u0000${col}`;
      if (this.odd.has(key)) return true;
      this.odd.add(key);
      return false;
    }
    let bySheet = this.seen.get(sheet);
    if (!bySheet) this.seen.set(sheet, (bySheet = new Map()));
    let flags = bySheet.get(col);
    if (!flags || row >= flags.length) {
      const grown = new Uint8Array(Math.max(1024, row + 1, (flags?.length ?? 0) * 2));
      if (flags) grown.set(flags);
      bySheet.set(col, (flags = grown));
    }
    if (flags[row] === 1) return true;
    flags[row] = 1;
    return false;
  }

  write(
    sheet: string,
    row: number,
    col: number,
    value: number | string,
    role: WriteRole,
    numberFormat?: string,
  ): void {
    if (this.planned(sheet, row, col)) return;
    const snap = this.cells.sheet(sheet);
    if (!snap) return;
    if (snap.protected) {
      this.skipped.push({ sheet, row, col, role, reason: "protected" });
      return;
    }
    if (!this.overwrite && !this.cells.isOurs(sheet, row, col)) {
      if (snap.formulas?.[row - snap.top]?.[col - snap.left]) {
        this.skipped.push({ sheet, row, col, role, reason: "formula" });
        return;
      }
      if (!isEmpty(snap.values[row - snap.top]?.[col - snap.left] ?? null)) {
        this.skipped.push({ sheet, row, col, role, reason: "userValue" });
        return;
      }
    }
    // one literal per shape (no property added later): smaller objects at 100k+ writes
    const w: CellWrite = numberFormat
      ? { sheet, row, col, value, role, numberFormat }
      : { sheet, row, col, value, role };
    this.writes.push(w);
  }
}

export const BLOCK_LABELS = {
  "zh-CN": { header: ["一级指标", "分值", "得分", "得分率"], total: "合计", grade: "等级" },
  "en-US": { header: ["First-level indicator", "Weight", "Score", "Rate"], total: "Total", grade: "Grade" },
};

function planIndicatorTable(
  result: ScoreResult,
  evaluation: Evaluation,
  cells: Cells,
  out: PlanBuilder,
): void {
  const { sheet, columns, headerRow, lastRow } = result.table.location;
  const scoreCol = columns.score;
  const rateCol = columns.scoreRate;
  const rows = result.rows;
  for (let i = 0; i < rows.length; i++) {
    const scored = rows[i];
    const row = scored.source.row;
    const computedHere = scored.method !== "entered" && scored.method !== "notApplicable";
    // the 自评表's budget row keeps its own 得分 column and has no 得分率 cell
    const ownCol = scored.source.scoreCol ?? scoreCol;
    const rateHere = scored.source.scoreCol === undefined ? rateCol : undefined;
    if (ownCol !== undefined && computedHere && scored.score !== null)
      out.write(sheet, row, ownCol, scored.score, "score", SCORE_FORMAT);
    else if (ownCol !== undefined && scored.score === null && cells.isOurs(sheet, row, ownCol))
      out.write(sheet, row, ownCol, "", "score"); // our earlier score no longer holds: clear it
    if (rateHere !== undefined && scored.score !== null && scored.rate !== null)
      out.write(sheet, row, rateHere, ratio(scored.rate), "scoreRate", PERCENT_FORMAT);
    else if (rateHere !== undefined && cells.isOurs(sheet, row, rateHere))
      out.write(sheet, row, rateHere, "", "scoreRate");
  }
  const total = result.table.totalRow;
  if (total) {
    if (scoreCol !== undefined)
      out.write(sheet, total.row, scoreCol, result.total.score, "total", SCORE_FORMAT);
    if (rateCol !== undefined && result.total.rate !== null)
      out.write(sheet, total.row, rateCol, ratio(result.total.rate), "totalRate", PERCENT_FORMAT);
  }

  // the results block, from the header row, one blank column after the last used column
  const labels = BLOCK_LABELS[evaluation.config.lang] ?? BLOCK_LABELS["zh-CN"];
  const blockRows = result.levels.length + 3;
  const endRow = Math.max(lastRow, headerRow + blockRows - 1);
  const col = cells.lastUsedColumn(sheet, headerRow, endRow) + 2;
  let r = headerRow;
  labels.header.forEach((text, i) => out.write(sheet, r, col + i, text, "label", TEXT_FORMAT));
  for (const level of result.levels) {
    r++;
    out.write(sheet, r, col, level.name, "levelLabel", TEXT_FORMAT);
    out.write(sheet, r, col + 1, level.weight, "levelWeight", SCORE_FORMAT);
    out.write(sheet, r, col + 2, level.score, "levelScore", SCORE_FORMAT);
    if (level.rate !== null) out.write(sheet, r, col + 3, ratio(level.rate), "levelRate", PERCENT_FORMAT);
  }
  r++;
  out.write(sheet, r, col, labels.total, "label", TEXT_FORMAT);
  out.write(sheet, r, col + 1, result.total.max, "levelWeight", SCORE_FORMAT);
  out.write(sheet, r, col + 2, result.total.score, "total", SCORE_FORMAT);
  if (result.total.rate !== null)
    out.write(sheet, r, col + 3, ratio(result.total.rate), "totalRate", PERCENT_FORMAT);
  r++;
  out.write(sheet, r, col, labels.grade, "label", TEXT_FORMAT);
  out.write(sheet, r, col + 1, result.total.grade, "grade", TEXT_FORMAT);
}

/** 执行率/调整率 in every budget table's output columns, from its subject's own metrics (the rates of
 *  each table follow one another in the metrics, table by table). */
function planBudget(detection: Detection, metrics: Metrics, out: PlanBuilder): void {
  const { execution, adjustment } = metrics;
  let offset = 0;
  for (const budget of budgetTablesOf(detection)) {
    const { sheet, columns } = budget.location;
    const put = (rate: RowRate | undefined, row: number, col: number | undefined, role: WriteRole) => {
      if (col === undefined || !rate || rate.sheet !== sheet || rate.row !== row) return;
      if (rate.value === null || !Number.isFinite(rate.value)) return;
      out.write(sheet, rate.row, col, ratio(rate.value), role, PERCENT_FORMAT);
    };
    // row by row (both rates of a row together), so the writes come out in position order
    for (let i = 0; i < budget.rows.length; i++) {
      const row = budget.rows[i].row;
      put(execution[offset + i], row, columns.executionRate, "executionRate");
      put(adjustment[offset + i], row, columns.adjustmentRate, "adjustmentRate");
    }
    offset += budget.rows.length;
  }
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Rank of each distinct rule code in localeCompare order, so sorts compare numbers, not strings. */
function ruleRanks(rules: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(rules)].sort((a, b) => a.localeCompare(b));
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((rule, i) => {
    if (i > 0 && sorted[i - 1].localeCompare(rule) !== 0) rank++;
    ranks.set(rule, rank);
  });
  return ranks;
}

/** One mark per finding cell/member; vertically adjacent single-column cells of one rule merged.
 *  The candidate cells are kept in typed columns (the finding they came from, row, col, size), sized
 *  once and sorted by index; objects are made only for the merged marks. */
function planMarks(findings: Finding[], cells: Cells): CellMark[] {
  let capacity = 0;
  for (const f of findings) capacity += Math.max(1, f.members.length);
  const findingOf = new Uint32Array(capacity);
  const sheetOf: string[] = new Array<string>(capacity);
  const rowOf = new Int32Array(capacity);
  const colOf = new Int32Array(capacity);
  const rowCountOf = new Int32Array(capacity);
  const colCountOf = new Int32Array(capacity);
  let n = 0;
  const at = [0, 0, 0, 0];
  const add = (sheet: string | null, cell: string | null, fi: number): void => {
    if (!sheet || !cell) return;
    const snap = cells.sheet(sheet);
    if (!snap || snap.protected) return;
    if (!parseRangeInto(cell, at)) return;
    findingOf[n] = fi;
    sheetOf[n] = sheet;
    rowOf[n] = at[0];
    colOf[n] = at[1];
    rowCountOf[n] = at[2];
    colCountOf[n] = at[3];
    n++;
  };
  for (let fi = 0; fi < findings.length; fi++) {
    const f = findings[fi];
    const members = f.members;
    for (let i = 0; i < members.length; i++) add(members[i].sheet, members[i].cell, fi);
    if (members.length === 0) add(f.sheet, f.cell, fi);
  }
  const order = (s: string) => cells.orderOf(s);
  const ranks = ruleRanks(findings.map((f) => f.rule));
  const ruleRank = findings.map((f) => ranks.get(f.rule) ?? 0);
  const severityRank = findings.map((f) => SEVERITY_RANK[f.severity]);
  const ruleOrder = (a: string, b: string) => (a === b ? 0 : (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  index.sort(
    (a, b) =>
      (sheetOf[a] === sheetOf[b] ? 0 : order(sheetOf[a]) - order(sheetOf[b])) ||
      ruleRank[findingOf[a]] - ruleRank[findingOf[b]] ||
      colOf[a] - colOf[b] ||
      rowOf[a] - rowOf[b] ||
      severityRank[findingOf[a]] - severityRank[findingOf[b]],
  );
  const merged: CellMark[] = [];
  for (let k = 0; k < n; k++) {
    const i = index[k];
    const f = findings[findingOf[i]];
    const prev = merged[merged.length - 1];
    if (
      prev &&
      prev.sheet === sheetOf[i] &&
      prev.rule === f.rule &&
      prev.severity === f.severity &&
      prev.range.col === colOf[i] &&
      prev.range.colCount === colCountOf[i] &&
      rowOf[i] >= prev.range.row &&
      rowOf[i] <= prev.range.row + prev.range.rowCount
    ) {
      const end = Math.max(prev.range.row + prev.range.rowCount, rowOf[i] + rowCountOf[i]);
      prev.range.rowCount = end - prev.range.row;
      continue;
    }
    merged.push({
      sheet: sheetOf[i],
      range: { row: rowOf[i], col: colOf[i], rowCount: rowCountOf[i], colCount: colCountOf[i] },
      severity: f.severity,
      rule: f.rule,
    });
  }
  return merged.sort(
    (a, b) =>
      order(a.sheet) - order(b.sheet) ||
      a.range.row - b.range.row ||
      a.range.col - b.range.col ||
      ruleOrder(a.rule, b.rule),
  );
}

/** The write plan of a run. */
export function planWrites(snapshot: WorkbookSnapshot, evaluation: Evaluation): WritePlan {
  const cells = new Cells(snapshot);
  const out = new PlanBuilder(cells, evaluation.config.overwriteUserValues);
  // each subject's rates and scores from its own tables (one subject: the top-level fields)
  const subjects = evaluation.subjects?.length
    ? evaluation.subjects
    : [{ detection: evaluation.detection, metrics: evaluation.metrics, scores: evaluation.scores }];
  for (const subject of subjects) {
    planBudget(subject.detection, subject.metrics, out);
    for (const result of subject.scores) planIndicatorTable(result, evaluation, cells, out);
  }
  const order = (s: string) => cells.orderOf(s);
  const byPosition = <T extends { sheet: string; row: number; col: number }>(a: T, b: T) =>
    (a.sheet === b.sheet ? 0 : order(a.sheet) - order(b.sheet)) || a.row - b.row || a.col - b.col;
  const writes = out.writes.sort(byPosition);
  const skipped = out.skipped.sort(byPosition);
  const allMarks = planMarks(evaluation.findings, cells);
  const marks = capMarks(allMarks);
  const used = new Set<string>();
  for (let i = 0; i < writes.length; i++) used.add(writes[i].sheet);
  for (let i = 0; i < marks.length; i++) used.add(marks[i].sheet);
  const sheets = [...used].sort((a, b) => order(a) - order(b));
  const plan: WritePlan = { writes, marks, skipped, sheets };
  if (marks.length < allMarks.length) plan.marksOmitted = allMarks.length - marks.length;
  return plan;
}

/** At most this many marked areas per run. Each is a conditional format in the user's workbook; tens of
 *  thousands would make Excel crawl (and would not fit Excel on the web's 5 MB request). */
export const MAX_MARKS = 2000;

/** Keep the most severe marks when there are too many, in their original order: errors first, then
 *  warnings, then infos, each in order (what a stable sort by severity would pick), without ranking
 *  every mark. */
function capMarks(marks: CellMark[]): CellMark[] {
  if (marks.length <= MAX_MARKS) return marks;
  const keep = new Uint8Array(marks.length);
  let left = MAX_MARKS;
  for (let rank = 0; rank <= 2 && left > 0; rank++)
    for (let i = 0; i < marks.length && left > 0; i++)
      if (SEVERITY_RANK[marks[i].severity] === rank) {
        keep[i] = 1;
        left--;
      }
  const out: CellMark[] = [];
  for (let i = 0; i < marks.length; i++) if (keep[i] === 1) out.push(marks[i]);
  return out;
}
