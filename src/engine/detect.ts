/**
 * detectTables(snapshot) → Detection: every table in the workbook found by its header rows, on any
 * sheet and any row — budget (预算执行), expenditure structure, indicators (指标评分表), targets
 * (绩效目标表), checklist (管理情况), and the 收入支出决算总表 found by its row labels. Header rows are
 * looked for only in the first rows of each block (after a blank row or a table), so large sheets stay
 * linear. The pieces live in ./detect/.
 */
import { a1 } from "./address";
import { SheetGrid } from "./grid";
import { canonical, unitIn } from "./headers";
import { assignSubjects, subjectAt, type SheetFacts } from "./subjects";
import type {
  BudgetTable,
  ChecklistTable,
  Detection,
  FinalAccountsTable,
  IndicatorTable,
  InputProblem,
  MoneyUnit,
  SangongTable,
  SpendingTable,
  StructureTable,
  Subject,
  TableKind,
  TargetTable,
  WorkbookSnapshot,
} from "./types";
import { cellText } from "./values";
import { parseBudgetLike } from "./detect/budget";
import { parseFinalAccounts } from "./detect/finalAccounts";
import { readHeader } from "./detect/header";
import { ledgerKey, parseIndicators, sameCellValue, type LedgerIndex } from "./detect/indicators";
import { ProblemLog, readNumberCell } from "./detect/problems";
import { parseSangongTables } from "./detect/sangong";
import { parseSpending } from "./detect/spending";
import { parseChecklist, parseTargets } from "./detect/targets";

/** How many rows into a block (after a blank row, the sheet top, or a table) a header may start. */
const HEADER_WINDOW = 30;

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

/** One table as parsed, before it is given to its subject. */
type Parsed =
  | { kind: "budget"; table: BudgetTable }
  | { kind: "structure"; table: StructureTable }
  | { kind: "indicators"; table: IndicatorTable }
  | { kind: "targets"; table: TargetTable }
  | { kind: "checklist"; table: ChecklistTable }
  | { kind: "finalAccounts"; table: FinalAccountsTable }
  | { kind: "sangong"; table: SangongTable }
  | { kind: "spending"; table: SpendingTable };

/** A `项目名称 | 乡村道路养护` line (the 自评表's header block): the name to the right of the label. */
function projectLabelAt(grid: SheetGrid, row: number): string | null {
  for (let c = grid.left; c < grid.right; c++) {
    const v = grid.value(row, c);
    if (typeof v !== "string" || v.length > 12 || canonical(v) !== "项目名称") continue;
    for (let cc = c + 1; cc < grid.right; cc++) {
      const name = cellText(grid.value(row, cc));
      if (name !== null) return name;
    }
    return null;
  }
  return null;
}

const DEPARTMENT_TITLE = /部门整体|整体支出|单位整体/;

/** The sheet's title (its first rows) names a 部门整体 form. */
function departmentTitle(grid: SheetGrid): boolean {
  const last = Math.min(grid.bottom, grid.top + 5);
  for (let r = grid.top; r < last; r++)
    for (let c = grid.left; c < Math.min(grid.right, grid.left + 10); c++) {
      const v = grid.value(r, c);
      if (typeof v === "string" && v.length <= 60 && DEPARTMENT_TITLE.test(v)) return true;
    }
  return false;
}

function scanSheet(
  grid: SheetGrid,
  out: Parsed[],
  facts: SheetFacts,
  log: ProblemLog,
  ledger: LedgerIndex,
  skipBudget: boolean,
  claimed: { from: number; to: number }[] = [],
): void {
  let blockStart = grid.top;
  let prevEnd = grid.top - 1;
  let r = grid.top;
  let nextClaim = 0;
  while (r < grid.bottom) {
    // rows already read as another kind of table (a "三公"经费 block) are skipped whole
    while (nextClaim < claimed.length && claimed[nextClaim].to < r) nextClaim++;
    if (nextClaim < claimed.length && claimed[nextClaim].from <= r) {
      prevEnd = claimed[nextClaim].to;
      blockStart = r = prevEnd + 1;
      continue;
    }
    if (grid.isBlankRow(r)) {
      blockStart = ++r;
      continue;
    }
    if (r - blockStart >= HEADER_WINDOW) {
      r++;
      continue;
    }
    const header = readHeader(grid, r);
    // a header whose rows run into a claimed block (a group row over the 三公 header) is that block's
    if (header && nextClaim < claimed.length && header.firstDataRow > claimed[nextClaim].from) {
      r++;
      continue;
    }
    if (!header) {
      const name = projectLabelAt(grid, r);
      if (name !== null) facts.projectLabels.push({ row: r, name });
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
        if (parsed.budget) out.push({ kind: "budget", table: parsed.budget });
        if (parsed.structure) out.push({ kind: "structure", table: parsed.structure });
        break;
      }
      case "indicators": {
        const parsed = parseIndicators(grid, header, log, ledger);
        lastRow = parsed.lastRow;
        out.push({ kind: "indicators", table: parsed.table });
        break;
      }
      case "targets": {
        const parsed = parseTargets(grid, header, log);
        lastRow = parsed.lastRow;
        out.push({ kind: "targets", table: parsed.table });
        break;
      }
      case "checklist": {
        const parsed = parseChecklist(grid, header, log);
        lastRow = parsed.lastRow;
        out.push({ kind: "checklist", table: parsed.table });
        break;
      }
      case "spending": {
        const unit = header.unit ?? unitAbove(grid, prevEnd + 1, header.row) ?? "万元";
        const parsed = parseSpending(grid, header, unit, log);
        lastRow = parsed.lastRow;
        out.push({ kind: "spending", table: parsed.table });
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

function attachBudgetScore(
  grid: SheetGrid,
  budget: BudgetTable,
  out: Detection,
  log: ProblemLog,
  ledger: LedgerIndex,
): void {
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

function emptyDetection(problems: InputProblem[]): Detection {
  return {
    tables: [],
    missing: [],
    budget: null,
    budgets: [],
    structure: null,
    finalAccounts: null,
    indicators: [],
    targets: null,
    checklist: null,
    problems,
  };
}

/** Add one parsed table to a detection: every budget and indicator table is kept; of the others the
 *  first (target blocks of one sheet, one per project, are one table). */
function addParsed(out: Detection, p: Parsed): void {
  out.tables.push(p.table.location);
  switch (p.kind) {
    case "budget":
      out.budget ??= p.table;
      (out.budgets ??= []).push(p.table);
      break;
    case "structure":
      out.structure ??= p.table;
      break;
    case "indicators":
      out.indicators.push(p.table);
      break;
    case "targets":
      if (out.targets && out.targets.location.sheet === p.table.location.sheet) {
        out.targets.rows.push(...p.table.rows);
        out.targets.location.lastRow = Math.max(out.targets.location.lastRow, p.table.location.lastRow);
      } else out.targets ??= p.table;
      break;
    case "checklist":
      out.checklist ??= p.table;
      break;
    case "finalAccounts":
      out.finalAccounts ??= p.table;
      break;
    case "sangong":
      out.sangong ??= p.table;
      break;
    case "spending":
      out.spending ??= p.table;
      break;
  }
}

function missingOf(detection: Detection, expected: TableKind[]): TableKind[] {
  const found = new Set(detection.tables.map((t) => t.kind));
  return expected.filter((k) => !found.has(k));
}

/** A project 自评表 has a budget block and an indicator block; targets and checklists are the
 *  department's tables. */
const PROJECT_EXPECTED: TableKind[] = ["budget", "indicators"];

interface SubjectDetection {
  subject: Subject;
  detection: Detection;
}

export interface WorkbookDetection {
  /** Every table of the workbook (one subject: exactly that subject's detection). */
  workbook: Detection;
  /** Every subject with its own tables, in workbook order (at least one). */
  subjects: SubjectDetection[];
}

/** Every table of the workbook, each given to its subject (./subjects.ts). `departmentName` names the
 *  department subject (部门名称 from 基本信息). */
export function detectSubjects(
  snapshot: WorkbookSnapshot,
  options: { departmentName?: string | null } = {},
): WorkbookDetection {
  const log = new ProblemLog();
  const ledger: LedgerIndex = new Map();
  for (const e of snapshot.ledger?.entries ?? []) ledger.set(ledgerKey(e.sheet, e.address), e.value);
  const parsed: Parsed[] = [];
  const facts: SheetFacts[] = [];
  const grids = new Map<string, SheetGrid>();
  for (const sheet of snapshot.sheets) {
    const grid = new SheetGrid(sheet);
    if (!grids.has(sheet.name)) grids.set(sheet.name, grid);
    const sheetFacts: SheetFacts = {
      name: sheet.name,
      projectLabels: [],
      departmentTitle: departmentTitle(grid),
    };
    facts.push(sheetFacts);
    const finalAccounts = parseFinalAccounts(grid, log);
    if (finalAccounts) parsed.push({ kind: "finalAccounts", table: finalAccounts });
    // "三公"经费 blocks are found by their row labels; their `项目 | 决算数` headers are not budget tables
    const sangong = parseSangongTables(grid, log);
    for (const table of sangong) parsed.push({ kind: "sangong", table });
    const claimed = sangong.map((t) => ({ from: t.location.headerRow, to: t.location.lastRow }));
    // the 决算总表's halves look like budget tables (项目 | 决算数); they are read by label instead
    scanSheet(grid, parsed, sheetFacts, log, ledger, finalAccounts !== null, claimed);
  }

  const plans = assignSubjects(
    parsed.map((p) => p.table.location),
    facts,
    options.departmentName ?? null,
  );
  const subjects: SubjectDetection[] = plans.map((plan) => {
    const detection = emptyDetection([]);
    for (const i of plan.tables.slice().sort((a, b) => a - b)) addParsed(detection, parsed[i]);
    for (const budget of detection.budgets ?? []) {
      const grid = grids.get(budget.location.sheet);
      if (grid) attachBudgetScore(grid, budget, detection, log, ledger);
    }
    const subject = plan.subject;
    detection.missing = missingOf(detection, subject.kind === "project" ? PROJECT_EXPECTED : EXPECTED);
    if (subject.kind === "department") {
      const main = detection.indicators
        .map((table, index) => ({ table, index }))
        .sort((a, b) => b.table.rows.length - a.table.rows.length || a.index - b.index)[0]?.table;
      subject.sheet = main?.location.sheet ?? detection.budget?.location.sheet ?? subject.sheet;
    }
    return { subject, detection };
  });
  for (const problem of log.list)
    subjects[subjectAt(plans, problem.sheet, problem.row)].detection.problems.push(problem);

  if (subjects.length === 1) return { workbook: subjects[0].detection, subjects };
  const workbook = emptyDetection(log.list);
  for (const p of parsed) {
    workbook.tables.push(p.table.location);
    if (p.kind === "budget") (workbook.budgets ??= []).push(p.table);
    if (p.kind === "indicators") workbook.indicators.push(p.table);
  }
  for (const { detection } of subjects) {
    workbook.budget ??= detection.budget;
    workbook.structure ??= detection.structure;
    workbook.finalAccounts ??= detection.finalAccounts;
    workbook.targets ??= detection.targets;
    workbook.checklist ??= detection.checklist;
    if (detection.sangong) workbook.sangong ??= detection.sangong;
    if (detection.spending) workbook.spending ??= detection.spending;
  }
  workbook.missing = missingOf(workbook, EXPECTED);
  return { workbook, subjects };
}

/** Every table of the workbook (all subjects together; see detectSubjects for them one by one). */
export function detectTables(snapshot: WorkbookSnapshot): Detection {
  return detectSubjects(snapshot).workbook;
}
