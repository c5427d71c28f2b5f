/**
 * Indicator tables (指标评分表): 一级/二级/三级 labels carried down merged or blank cells, weights from a
 * 分值 column, per-level 分值 columns or labels (`产出指标（50分）`), nature from its column or the
 * target text, the evaluator's 得分 (formula / written-by-us flags), the 合计/总分 row and a written grade.
 */
import { a1 } from "../address";
import type { SheetGrid } from "../grid";
import { isTotalLabel, splitWeightLabel } from "../headers";
import type { CellValue, IndicatorRow, IndicatorTable, Nature } from "../types";
import { cellText, normalizeText, readNumber, readTargetValue, type TargetValue } from "../values";
import { columnsOf, lastRowOf, scanBody } from "./body";
import { resolveMergedFields, type HeaderInfo } from "./header";
import { LevelCarry } from "./levels";
import { checkExcelError, readNumberCell, type ProblemLog } from "./problems";

/** What the add-in wrote last time, by sheet and A1 address. */
export type LedgerIndex = Map<string, CellValue>;

export function ledgerKey(sheet: string, address: string): string {
  return `${sheet}\u0000${address}`;
}

/** A ledger value still equals the cell (numbers within 1e-9). */
export function sameCellValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return a === b;
}

/** 指标性质 text → Nature: `≥ ≤ =`, `>=`, `≧`, `≦`, 正向, 反向, 定性; null for anything else. */
function parseNature(text: string | null): Nature | null {
  if (text === null) return null;
  const s = normalizeText(text).replace(/\s+/g, "");
  if (/^(?:≥|>=|≧|=>|>|大于等于|不低于|不少于)/.test(s)) return "≥";
  if (/^(?:≤|<=|≦|=<|<|小于等于|不高于|不超过)/.test(s)) return "≤";
  if (/^(?:==?|等于)$/.test(s)) return "=";
  if (s.includes("正向")) return "正向";
  if (s.includes("反向")) return "反向";
  if (s.includes("定性")) return "定性";
  return null;
}

/** Nature implied by a target: its comparison (`≥12个`), or 定性 for a target in words (`达成`). */
function inferNature(target: CellValue, read?: TargetValue): Nature | null {
  if (typeof target !== "string") return null;
  const t = read ?? readTargetValue(target);
  if (t.op) return t.op;
  const text = cellText(target);
  if (text !== null && t.value === null && !/\d/.test(normalizeText(text))) return "定性";
  return null;
}

const GRADE_LABEL = /^(?:绩效)?(?:自评|评价)?(?:等级|等次|结果|评级)/;

/** A grade written on a row: `等级：良`, or a 等级 label cell followed by the grade (any column). */
function findGrade(grid: SheetGrid, row: number): IndicatorTable["writtenGrade"] {
  const right = grid.right - 1;
  for (let c = grid.left; c <= right; c++) {
    const text = cellText(grid.value(row, c));
    if (text === null) continue;
    const s = normalizeText(text).replace(/\s+/g, "");
    const m = GRADE_LABEL.exec(s);
    if (!m) continue;
    const after = s.slice(m[0].length).replace(/^[为是]?[:：]?/, "");
    if (after !== "" && after.length <= 6) return { row, col: c, grade: after };
    for (let cc = c + 1; cc <= right; cc++) {
      const g = cellText(grid.value(row, cc));
      if (g === null) continue;
      if (g.length <= 6 && !/\d/.test(g)) return { row, col: cc, grade: g };
      break;
    }
  }
  return null;
}

function firstTextOf(grid: SheetGrid, row: number, left: number, right: number): string | null {
  for (let c = left; c <= right; c++) {
    const t = cellText(grid.value(row, c));
    if (t !== null) return typeof grid.value(row, c) === "string" ? t : null;
  }
  return null;
}

/** A 分值 cell; a weight written as a percentage (`10%` of 100 points) is read as points. */
function readWeight(grid: SheetGrid, row: number, col: number | undefined, log: ProblemLog): number | null {
  const value = readNumberCell(grid, row, col, log);
  if (value === null || col === undefined) return value;
  const v = grid.value(row, col);
  return typeof v === "string" && readNumber(v).kind === "number" && /[%％]\s*$/.test(v)
    ? Number(`${value}e2`)
    : value;
}

const SUBTOTAL = /^小\s*计/;

export function parseIndicators(
  grid: SheetGrid,
  header: HeaderInfo,
  log: ProblemLog,
  ledger: LedgerIndex,
): { table: IndicatorTable; lastRow: number } {
  const cols = header.columns;
  const hasLevel3 = cols.level3 !== undefined;
  const leafCol = cols.level3 ?? cols.level2 ?? cols.level1;
  const keyCols = columnsOf(header, ["level1", "level2", "level3", "weight", "score"]);
  const body = scanBody(grid, header, { keyCols, continueAfterRepeat: true });
  resolveMergedFields(grid, header, body, log);

  const level1 = new LevelCarry(grid, leafCol === cols.level1 ? undefined : cols.level1);
  const level2 = new LevelCarry(grid, hasLevel3 ? cols.level2 : undefined);
  const weightCol = cols.weight3 ?? cols.weight;
  const notApplicable = (t: string) => /不适用|免评|不评/.test(t);

  const rows: IndicatorRow[] = [];
  const levelWeights: Record<string, number> = {};
  const level2Weights: Record<string, number> = {};
  let totalRow: IndicatorTable["totalRow"] = null;
  let writtenGrade: IndicatorTable["writtenGrade"] = null;
  let lastRow = header.firstDataRow - 1;

  for (let i = 0; i < body.length; i++) {
    const r = body[i];
    if (totalRow) {
      const g = findGrade(grid, r);
      if (g) {
        writtenGrade = writtenGrade ?? g;
        lastRow = r;
      }
      if (r - totalRow.row > 3) break;
      continue;
    }
    lastRow = r;
    const first = firstTextOf(grid, r, Math.min(grid.left, header.left), header.right);
    if (first !== null && isTotalLabel(first)) {
      totalRow = {
        row: r,
        weight: readWeight(grid, r, weightCol ?? cols.weight1, log),
        entered: readNumberCell(grid, r, cols.score, log, { allowText: notApplicable }),
      };
      writtenGrade = findGrade(grid, r);
      continue;
    }
    if (first !== null && SUBTOTAL.test(first)) {
      // a 小计 row closes its 一级 group: its 分值 is that level's weight, not an indicator
      const subtotal = readWeight(grid, r, weightCol ?? cols.weight1, log);
      if (subtotal !== null && level1.name) levelWeights[level1.name] ??= subtotal;
      continue;
    }
    const l1 = level1.read(r);
    const l2 = level2.read(r, l1.started);
    if (l1.name && l1.weight !== null) levelWeights[l1.name] ??= l1.weight;
    const key2 = `${l1.name}/${l2.name}`;
    if (l2.name && l2.weight !== null) level2Weights[key2] ??= l2.weight;
    const w1 = readWeight(grid, r, cols.weight1, log);
    if (w1 !== null && l1.name) levelWeights[l1.name] ??= w1;
    const w2 = readWeight(grid, r, cols.weight2, log);
    if (w2 !== null && l2.name) level2Weights[key2] ??= w2;

    let leafText = leafCol === undefined ? null : cellText(grid.value(r, leafCol));
    if (leafText === null && leafCol !== undefined) {
      const m = grid.mergeAt(r, leafCol);
      if (m && m.row === r && m.col < leafCol) leafText = cellText(grid.mergedValue(r, leafCol));
    }
    const weightRead = readWeight(grid, r, weightCol, log);
    if (leafText === null) {
      // a row of its own for a 一级/二级 label, carrying that level's weight
      if (weightRead !== null) {
        if (l2.own && l2.name) level2Weights[key2] ??= weightRead;
        else if (l1.own && l1.name) levelWeights[l1.name] ??= weightRead;
      }
      continue;
    }
    const leaf = splitWeightLabel(leafText);
    const target = grid.value(r, cols.target ?? -1);
    const actual = grid.value(r, cols.actualValue ?? -1);
    checkExcelError(grid, r, cols.target, log);
    checkExcelError(grid, r, cols.actualValue, log);
    const targetRead = readTargetValue(target);
    const natureText = cols.nature === undefined ? null : cellText(grid.mergedValue(r, cols.nature));
    const unitText = cols.unit === undefined ? null : cellText(grid.mergedValue(r, cols.unit));
    const criteria = cols.criteria === undefined ? null : cellText(grid.mergedValue(r, cols.criteria));
    const scoreCol = cols.score;
    const scoreValue = scoreCol === undefined ? null : grid.value(r, scoreCol);
    const entry =
      scoreCol === undefined || ledger.size === 0
        ? undefined
        : ledger.get(ledgerKey(grid.name, a1(r, scoreCol)));
    const scoreIsOurs = entry !== undefined && scoreValue !== null && sameCellValue(entry, scoreValue);
    const entered = readNumberCell(grid, r, scoreCol, log, { allowText: notApplicable });
    const extra: Pick<IndicatorRow, "reason" | "selfScore"> = {};
    if (cols.reason !== undefined) extra.reason = cellText(grid.mergedValue(r, cols.reason));
    if (cols.selfScore !== undefined)
      extra.selfScore = readNumberCell(grid, r, cols.selfScore, log, { allowText: notApplicable });
    rows.push({
      row: r,
      level1: l1.name,
      level2: hasLevel3 ? l2.name : "",
      level3: leaf.name,
      weight: weightRead ?? leaf.weight,
      nature: parseNature(natureText) ?? inferNature(target, targetRead),
      target,
      actual,
      unit: unitText ?? targetRead.unit,
      criteria,
      entered: scoreIsOurs ? null : entered,
      scoreIsFormula: scoreCol !== undefined && grid.formula(r, scoreCol) !== null,
      scoreIsOurs,
      ...extra,
    });
  }
  // a repeated header after the last row belongs to the table (unless the rows after the 总分 ended it)
  if (body.length === 0 || lastRow === body[body.length - 1]) lastRow = lastRowOf(body, header);

  return {
    table: {
      location: {
        kind: "indicators",
        sheet: grid.name,
        headerRow: header.row,
        headerRows: header.rows,
        firstDataRow: header.firstDataRow,
        lastRow,
        columns: { ...cols },
      },
      rows,
      levelWeights,
      level2Weights,
      totalRow,
      writtenGrade,
    },
    lastRow,
  };
}
