/**
 * The engine's contracts. Pure data: no Office, no DOM, no Node APIs.
 *
 * Pipeline: WorkbookSnapshot → detectTables → Detection → computeMetrics → Metrics
 *           → scoreIndicatorTable → ScoreResult → deriveFindings → Finding[]
 *           → planWrites / planSummary → WritePlan / SummarySheet → buildReport → JsonReport.
 *
 * Coordinates: every row/col in the engine is 0-based and absolute on its sheet (A1 = row 0, col 0),
 * never relative to a used range. `a1()` in ./address.ts turns them into "B7".
 */
import type { RuleCode } from "./rules/catalogue";
import type { DataCode } from "./rules/data";

// ───────────────────────────── snapshot (what a host reads) ─────────────────────────────

/**
 * One cell's value as read. `null` = empty. Excel errors arrive as their text (`"#DIV/0!"`,
 * `"#N/A"` …; see `isExcelError`). Numbers are numbers; text that looks like a number is still a string
 * here — interpreting it is the engine's job (./values.ts).
 */
export type CellValue = number | string | boolean | null;

export interface CellRange {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

export interface SheetSnapshot {
  name: string;
  /** Absolute row/col of values[0][0] (top-left of the used range). */
  top: number;
  left: number;
  /** Rectangular: every row has the same length. */
  values: CellValue[][];
  /** Same shape as values; the formula text ("=SUM(B2:B4)") where a cell holds a formula, else null.
   *  Omitted when the sheet holds no formulas. */
  formulas?: (string | null)[][];
  /** Merged areas, absolute coordinates. */
  merges: CellRange[];
  /** Absolute indices of hidden rows, if the host knows them. */
  hiddenRows?: number[];
  /** True when the sheet is protected (the host cannot write into it). */
  protected?: boolean;
}

/** A cell the add-in wrote on an earlier run, kept by the host between runs (workbook settings for
 *  Office, a very-hidden sheet for .xlsx files). */
export interface LedgerEntry {
  sheet: string;
  /** A1 address, e.g. "I5". */
  address: string;
  /** What the add-in wrote. */
  value: CellValue;
  /** What the cell held before the add-in first wrote it (null = empty). */
  previous: CellValue;
  /** Number format before the add-in first wrote it, when known. */
  previousFormat?: string;
}

export interface Ledger {
  version: 1;
  /** ISO time of the run that wrote these entries. */
  runAt: string;
  entries: LedgerEntry[];
  /** Areas marked on the last run (A1 per sheet), so 清除标记 can find them again. */
  marks: { sheet: string; address: string }[];
  /** The summary sheet this add-in created, if any (it is reused, never deleted). */
  summarySheet?: string;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** What the add-in wrote last time, if anything. */
  ledger?: Ledger;
}

// ───────────────────────────── configuration ─────────────────────────────

export type Lang = "zh-CN" | "en-US";

export interface GradeBand {
  /** Lowest total (inclusive) that earns this grade. */
  min: number;
  label: string;
}

/** A score band for a 定性 result, as fractions of the row's 分值: [min, max] with max inclusive
 *  only for the top band. */
export interface QualitativeBands {
  achieved: [number, number];
  partial: [number, number];
  notAchieved: [number, number];
}

export interface EvalConfig {
  lang: Lang;
  thresholds: {
    /** 执行率 above this is a finding (1 = 100%). */
    executionHigh: number;
    /** 执行率 below this must be explained (0.9 = 90%). */
    executionLow: number;
    /** |调整率| above this: warning. */
    adjustmentWarn: number;
    /** |调整率| above this: error. */
    adjustmentError: number;
    /** 勾稽 tolerance in 万元. */
    tolerance: number;
    /** |entered − computed| above this is a finding. */
    scoreDisagreement: number;
    /** A row's 得分率 below this is listed among 主要失分指标. */
    lowScoreRate: number;
  };
  /** Highest first. Default 90 优, 80 良, 60 中, 0 差. */
  grades: GradeBand[];
  qualitativeBands: QualitativeBands;
  /** 反向 (≤) scoring: "ratio" = 目标/实际 × 分值; "deviation" = (1 − (实际−目标)/目标) × 分值, floored at 0. */
  reverseFormula: "ratio" | "deviation";
  /** 预算执行率 denominator: 调整后预算 (falls back to 年初 when absent) or always 年初预算. */
  executionDenominator: "adjusted" | "initial";
  /** Which budget row feeds indicator rows named 预算执行率/预算调整率: the 财政拨款 row when present
   *  (the seed's 口径), or the total row. */
  metricBasisRow: "fiscal" | "total";
  /** Exclude 不适用 rows and re-base the rest to the level's weight. */
  rebaseNotApplicable: boolean;
  /** Overwrite cells holding the user's own values or formulas. Off by default; never silently on. */
  overwriteUserValues: boolean;
  /** The rule profile the other settings start from (src/engine/profiles: "default", "一体化自评", or
   *  the name inside a profile file). */
  profile: string;
  /** 执行率 cap on a subject's score: the lowest `max` of the bands whose `below` the subject's 预算执行率
   *  is under (一体化自评: below 80% → at most 89 …). Empty = no cap. */
  executionCap: ExecutionCapBand[];
  /** 指标偏离: a 正向 row whose actual exceeds its target by `ratio` or more (0.3 = 130% of target) is
   *  computed `deduct` points below its 分值. null = no such deduction. */
  overshoot: { ratio: number; deduct: number } | null;
  /** Thresholds and levels of the 复核 checks (src/engine/rules/review.ts). */
  review: ReviewConfig;
}

export interface ExecutionCapBand {
  /** The band applies when 执行率 < below (a fraction: 0.8 = 80%). */
  below: number;
  /** The highest total score allowed in the band. */
  max: number;
}

/** A 复核 finding's priority: P0 must be corrected, P1 should be, P2 is a note. */
export type ReviewLevel = "P0" | "P1" | "P2";

export interface ReviewConfig {
  /** Output (产出) rows at full score while the subject's 执行率 is below this → a review finding. */
  outputExecutionLow: number;
  /** A row whose |偏离度| (自评 − 复核) / 自评 exceeds this is flagged. */
  selfDeviation: number;
  /** A deduction whose stated percentage differs from the points taken by more than this many points
   *  is flagged. */
  deductionTolerance: number;
  /** Per review rule code: its level and severity, over the catalogue's defaults. */
  rules: Record<string, { level?: ReviewLevel; severity?: Severity }>;
}

// ───────────────────────────── detection ─────────────────────────────

export type TableKind =
  "budget" | "structure" | "indicators" | "targets" | "checklist" | "finalAccounts" | "sangong";

/** Canonical column fields. Header synonyms for each live in one table (./headers.ts). */
export type FieldKey =
  // budget
  | "name"
  | "initial"
  | "adjustment"
  | "adjusted"
  | "finalAccounts"
  | "actual"
  | "executionRate"
  | "adjustmentRate"
  // indicators (and targets)
  | "level1"
  | "level2"
  | "level3"
  | "weight"
  | "weight1"
  | "weight2"
  | "weight3"
  | "criteria"
  | "nature"
  | "target"
  | "actualValue"
  | "unit"
  | "score"
  | "scoreRate"
  | "selfScore"
  | "reviewScore"
  | "reason"
  | "project"
  | "valueType"
  // expenditure structure by columns (部门整体: 人员经费支出 | 公用经费支出 | 项目支出 | 支出合计)
  | "incomeTotal"
  | "personnel"
  | "publicFunds"
  | "basicSpending"
  | "projectSpending"
  | "spendingTotal"
  // checklist
  | "item"
  | "conclusion"
  | "note"
  | "basis";

export type MoneyUnit = "万元" | "元";

export interface TableLocation {
  kind: TableKind;
  sheet: string;
  /** First header row (absolute). */
  headerRow: number;
  /** 1 or 2. */
  headerRows: number;
  firstDataRow: number;
  /** Last data row, inclusive (total/footer rows included). */
  lastRow: number;
  /** Absolute column of each recognised field. */
  columns: Partial<Record<FieldKey, number>>;
  /** Money unit of the table (budget-like tables only). Values are converted to 万元 on reading. */
  unit?: MoneyUnit;
}

/** A problem in the input itself: an Excel error, text in a number cell, a merged header … */
export interface InputProblem {
  /** A data-quality rule code (rules/data.ts), e.g. "DATA_EXCEL_ERROR". */
  code: DataCode;
  sheet: string;
  row: number;
  col: number;
  params: Record<string, string | number>;
}

export interface BudgetRow {
  row: number;
  name: string;
  /** 合计 / 总计 / 年度资金总额 / 总额 / 总分. */
  isTotal: boolean;
  /** A "其中：…" sub-row of the row above (not added into sums). */
  isSubItem: boolean;
  /** In 万元, unrounded. null = blank/unknown (never 0). */
  initial: number | null;
  adjustment: number | null;
  adjusted: number | null;
  finalAccounts: number | null;
  actual: number | null;
}

export interface BudgetTable {
  location: TableLocation;
  rows: BudgetRow[];
}

export interface StructureRow {
  row: number;
  name: string;
  /** "basic" 基本支出, "project" 项目支出, "other", or "total" 合计. */
  type: "basic" | "project" | "other" | "total";
  amount: number | null;
  /** Which column the amount came from. */
  col: number;
}

export interface StructureTable {
  location: TableLocation;
  rows: StructureRow[];
}

/** The figure fields of an expenditure-structure table by columns. */
export type SpendingField =
  "incomeTotal" | "personnel" | "publicFunds" | "basicSpending" | "projectSpending" | "spendingTotal";

/** One row of an expenditure-structure table by columns (a unit, or the 合计 row). 万元; null = blank. */
export interface SpendingRow {
  row: number;
  name: string;
  isTotal: boolean;
  incomeTotal: number | null;
  /** 人员经费支出 and 公用经费支出: the parts of 基本支出. */
  personnel: number | null;
  publicFunds: number | null;
  basicSpending: number | null;
  projectSpending: number | null;
  spendingTotal: number | null;
  /** Other spending columns (上缴上级支出, 经营支出, 对附属单位补助支出 …), added into 支出合计 too. */
  other: (number | null)[];
}

/** An expenditure-structure table by columns (`人员经费支出 | 公用经费支出 | 项目支出 | 支出合计`, beside
 *  `收入合计`): 人员经费 + 公用经费 = 基本支出, 基本支出 + 项目支出 (+ other spending) = 支出合计. */
export interface SpendingTable {
  location: TableLocation;
  /** Header text of each figure column as written (`人员经费支出`, `支出合计`). */
  headers: Partial<Record<SpendingField, string>>;
  /** The other spending columns, in the order of SpendingRow.other. */
  otherColumns: { col: number; header: string }[];
  rows: SpendingRow[];
}

/** 收入支出决算总表 figures (万元). */
export interface FinalAccountsTable {
  location: TableLocation;
  incomeTotal: number | null; // 本年收入合计
  expenditureTotal: number | null; // 本年支出合计
  carriedIn: number | null; // 年初结转和结余
  carriedOut: number | null; // 年末结转和结余
  /** Where each figure sits, for findings. */
  cells: Partial<
    Record<"incomeTotal" | "expenditureTotal" | "carriedIn" | "carriedOut", { row: number; col: number }>
  >;
}

/** The items of a "三公"经费 table. `vehicle` (公务用车购置及运行维护费) is the sum of `vehiclePurchase` and
 *  `vehicleRunning` when both it and they are listed. */
export type SangongItem = "abroad" | "vehicle" | "vehiclePurchase" | "vehicleRunning" | "reception" | "total";

export type SangongColumn = "current" | "prior" | "budget";

export interface SangongRow {
  /** The label's row (in a transposed table, the header row naming the item). */
  row: number;
  /** Transposed tables only (items as columns, years as rows): the item's column; its figures sit on the
   *  rows given by the table's `columns[…].row`. */
  col?: number;
  name: string;
  item: SangongItem;
  /** 万元; null = blank. */
  current: number | null;
  prior: number | null;
  budget: number | null;
}

/** A "三公"经费 table (因公出国（境）费, 公务用车购置及运行维护费, 公务接待费, 合计), found by its row labels, with
 *  this year's figure, last year's and, when the table has one, the budget. */
export interface SangongTable {
  location: TableLocation;
  /** Column of each figure and its header text as written (`上年决算数`, `2018年`). In a transposed table
   *  (items as columns, years as rows) `row` is the figure's row, `col` the column of the row labels and
   *  `header` the row label (`2023年决算数`). */
  columns: Partial<Record<SangongColumn, { col: number; header: string; row?: number }>>;
  rows: SangongRow[];
}

export type Nature = "≥" | "≤" | "=" | "定性" | "正向" | "反向";

export interface IndicatorRow {
  row: number;
  level1: string;
  level2: string;
  level3: string;
  /** 分值 of the row (三级). null when absent/unreadable. */
  weight: number | null;
  /** Nature from its column, or inferred from the target text ("≥12"). */
  nature: Nature | null;
  /** Raw target and actual as read (number, text like "≥12个", or null). */
  target: CellValue;
  actual: CellValue;
  unit: string | null;
  criteria: string | null;
  /** The evaluator's own 得分 (null when blank). */
  entered: number | null;
  /** True when the 得分 cell holds a formula (then it is never written). */
  scoreIsFormula: boolean;
  /** The 得分 cell was written by the add-in on an earlier run (per the ledger). */
  scoreIsOurs: boolean;
  /** The 得分 cell's text when it is not a number (e.g. "不适用", "N/A"); omitted/null otherwise. */
  scoreText?: string | null;
  /** Column of this row's 得分 cell when it is not the table's 得分 column (the 自评表's budget block
   *  row, scored with the indicators). */
  scoreCol?: number;
  /** The 扣分原因 / 偏差原因 text, when the table has that column. */
  reason?: string | null;
  /** The unit's 自评得分 when the table also has a 复核得分 column (then `entered` is the 复核 score). */
  selfScore?: number | null;
}

export interface IndicatorTable {
  location: TableLocation;
  rows: IndicatorRow[];
  /** 一级指标 weights from labels (`产出指标（50分）`) or a per-level 分值 column, by 一级 name. */
  levelWeights: Record<string, number>;
  /** 二级 weights when written, keyed `${level1}/${level2}`. */
  level2Weights: Record<string, number>;
  /** The 合计/总分 row, if present. */
  totalRow: { row: number; weight: number | null; entered: number | null } | null;
  /** A grade the user already wrote (e.g. a cell "等级：良"), if present. */
  writtenGrade: { row: number; col: number; grade: string } | null;
}

export interface TargetRow {
  row: number;
  project: string;
  level1: string;
  level2: string;
  level3: string;
  value: CellValue;
  unit: string | null;
  valueType: "定量" | "定性" | null;
}

export interface TargetTable {
  location: TableLocation;
  rows: TargetRow[];
}

export interface ChecklistRow {
  row: number;
  item: string;
  /** 是/有/已 → true, 否/无/未 → false, else null. */
  ok: boolean | null;
  raw: string;
  note: string | null;
  basis: string | null;
  /** Column of the 结论 cell, for the finding's cell. */
  conclusionCol: number;
}

export interface ChecklistTable {
  location: TableLocation;
  rows: ChecklistRow[];
}

export interface Detection {
  tables: TableLocation[];
  /** Expected kinds that were not found. */
  missing: TableKind[];
  /** The first budget table (the one department-level metrics come from). */
  budget: BudgetTable | null;
  /** Every budget table, in workbook order (budgets[0] === budget): each feeds its rows' checks. Optional
   *  for detections built by hand; absent = [budget]. */
  budgets?: BudgetTable[];
  structure: StructureTable | null;
  finalAccounts: FinalAccountsTable | null;
  /** Every indicator table found; the largest is scored as the main one. */
  indicators: IndicatorTable[];
  targets: TargetTable | null;
  checklist: ChecklistTable | null;
  /** The first "三公"经费 table (absent on detections built by hand). */
  sangong?: SangongTable | null;
  /** The first expenditure-structure table by columns (absent on detections built by hand). */
  spending?: SpendingTable | null;
  problems: InputProblem[];
}

// ───────────────────────────── metrics ─────────────────────────────

export interface RowRate {
  sheet: string;
  row: number;
  name: string;
  isTotal: boolean;
  /** null = not computable (and `reason` says why). Never Infinity/NaN. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Which denominator was used. */
  basis: "adjusted" | "initial" | "finalAccounts" | null;
  reason?: string;
  /** 执行率 only: whether the numerator is 实际支出 or, without one, 决算数. */
  numeratorBasis?: "actual" | "finalAccounts";
}

export interface Metrics {
  /** 预算执行率 per budget row. */
  execution: RowRate[];
  /** 预算调整率 per budget row. */
  adjustment: RowRate[];
  /** The 口径 rows used for department-level metrics (see EvalConfig.metricBasisRow). */
  departmentExecution: RowRate | null;
  departmentAdjustment: RowRate | null;
  /** 决算完整性: Σ决算 vs Σ实际支出 over funding sources (excluding total/sub rows; the total row when
   *  it is the only figure). */
  finalAccounts: {
    finalTotal: number;
    actualTotal: number;
    gap: number;
    /** Where Σ决算 came from: the budget table's 决算数 (default) or the 收入支出决算总表's 本年支出合计. */
    source?: "budget" | "finalAccountsTable";
  } | null;
  /** Metric values by name for indicator rows named like a metric (预算执行率 → 1.209 …). */
  named: Record<string, number>;
  /** "三公"经费: this year's total vs last year's (变动率) and vs the budget (控制率), when a 三公 table
   *  was found (absent otherwise). */
  sangong?: SangongMetrics | null;
  /** 支出结构 from an expenditure-structure table by columns (absent without one). */
  spending?: SpendingMetrics | null;
  /** Metrics that could not be computed and why. */
  notComputed: { metric: string; reason: string }[];
}

/** The department's expenditure structure (万元) from the 合计 row of a structure table by columns, or
 *  its only row. 基本支出 is the column's figure, or 人员经费 + 公用经费 when the table has no such column
 *  (`basicDerived`); 支出合计 likewise from its parts (`totalDerived`). null = not in the table. */
export interface SpendingMetrics {
  sheet: string;
  row: number;
  name: string;
  income: number | null;
  personnel: number | null;
  publicFunds: number | null;
  basic: number | null;
  project: number | null;
  total: number | null;
  basicDerived: boolean;
  totalDerived: boolean;
}

export interface SangongMetrics {
  sheet: string;
  /** The 合计 row the figures come from; null when they are the sum of the items (no 合计 row). */
  totalRow: number | null;
  current: number | null;
  prior: number | null;
  budget: number | null;
  /** (本年 − 上年) / 上年; null when not computable. */
  change: number | null;
  /** 本年 / 预算; null without a budget column or figure. */
  control: number | null;
}

// ───────────────────────────── scoring ─────────────────────────────

export type ScoreMethod =
  | "entered"
  | "positive"
  | "reverse"
  | "equal"
  | "executionRate"
  | "criteria"
  | "qualitative"
  | "notApplicable"
  | "unscored";

export interface ScoredIndicator {
  source: IndicatorRow;
  /** The row's score (entered or computed), rounded to 2 decimals half up, capped to [0, 分值]. */
  score: number | null;
  /** What the add-in would compute, when it can (also for entered rows, for validation). */
  computed: number | null;
  method: ScoreMethod;
  /** score / weight; null when either is unknown or weight is 0. */
  rate: number | null;
  /** The metric value used (e.g. 1.209 for 预算执行率), when one was. */
  metricValue: number | null;
  /** Why the row is unscored / how it was scored, for the pane and report. */
  note: string | null;
  /** 定性 rows: the score band as fractions of 分值 ([0.8, 1] for 达成), for the band check. */
  band?: [number, number] | null;
}

export interface LevelResult {
  name: string;
  weight: number;
  score: number;
  rate: number | null;
  /** Absolute rows of this level's indicator rows. */
  rows: number[];
  /** Set when 不适用 rows were excluded and the level re-based: score = Σ applicable × factor. */
  rebase?: { factor: number; applicableWeight: number; excludedWeight: number } | null;
}

export interface ScoreResult {
  table: IndicatorTable;
  rows: ScoredIndicator[];
  levels: LevelResult[];
  total: { score: number; max: number; rate: number | null; grade: string };
  /** Set when the profile's 执行率 cap lowered the total (EvalConfig.executionCap). */
  cap?: { before: number; max: number; executionRate: number } | null;
}

// ───────────────────────────── findings ─────────────────────────────

export type Severity = "error" | "warning" | "info";

/** The report's section 四 categories, plus scoring and data quality. */
export type Category =
  | "budget" // 预决算管理
  | "performance" // 绩效目标与绩效管理
  | "assets" // 资产管理
  | "institutions" // 制度建设与执行
  | "duties" // 目标管理与履职
  | "scoring" // 评分与指标体系
  | "data"; // 数据质量

export interface FindingMember {
  sheet: string;
  /** A1 address of the member cell. */
  cell: string;
  params: Record<string, string | number>;
}

export interface Finding {
  /** Stable rule code from the catalogue. */
  rule: RuleCode;
  severity: Severity;
  category: Category;
  /** Template parameters for the catalogue's message. */
  params: Record<string, string | number>;
  sheet: string | null;
  /** A1 address (or range) of the first/main cell. */
  cell: string | null;
  /** When several rows share one rule, each of them. */
  members: FindingMember[];
  evidence?: { actual?: number | string; limit?: number | string };
  /** 复核 findings: the review level (the profile's, else the catalogue's). */
  level?: ReviewLevel;
}

// ───────────────────────────── subjects ─────────────────────────────

/** What an evaluation is about: one project (one 项目支出绩效自评表) or the department (the
 *  workbook-level tables of a 部门整体 evaluation). */
export type SubjectKind = "project" | "department";

export interface Subject {
  /** Unique in the workbook, stable across runs of the same workbook ("department", "project:项目1",
   *  "project:项目1!A21" for the second 自评表 stacked on a sheet). */
  id: string;
  kind: SubjectKind;
  /** 项目名称 cell, else the sheet name; the department: 部门名称 or "部门整体". */
  name: string;
  /** Sheet of its main table. */
  sheet: string;
  /** Every sheet holding one of its tables, in workbook order. */
  sheets: string[];
}

export interface SubjectEvaluation {
  subject: Subject;
  /** This subject's tables only. */
  detection: Detection;
  metrics: Metrics;
  /** Main indicator table first. */
  scores: ScoreResult[];
  findings: Finding[];
  notChecked: { item: string; reason: string }[];
  /** 复核: the review checks' findings and, with 自评 and 复核 columns, both totals. Optional for
   *  subject evaluations built by hand. */
  review?: SubjectReview;
}

/** 自评 vs 复核 of one indicator row. */
export interface ReviewRow {
  row: number;
  indicator: string;
  self: number;
  review: number;
  /** self − review. */
  diff: number;
  /** (self − review) / self; null when self is 0. */
  deviation: number | null;
}

export interface SubjectReview {
  /** Every 复核 finding of the subject (each with its level), in catalogue order. */
  findings: Finding[];
  /** Both scores, when the main indicator table has 自评 and 复核 columns; else null. */
  scores: {
    selfTotal: number;
    reviewTotal: number;
    /** (selfTotal − reviewTotal) / selfTotal; null when selfTotal is 0. */
    deviation: number | null;
    /** Rows whose 复核 score differs from the 自评 score. */
    rowsChanged: number;
    rows: ReviewRow[];
  } | null;
}

// ───────────────────────────── the evaluation ─────────────────────────────

/**
 * The whole evaluation. `subjects` holds every subject scored on its own (at least one). With one
 * subject the other fields are that subject's; with several, `detection` covers the whole workbook,
 * `findings`, `notChecked` and `scores` hold every subject's (the department's first), and `metrics` is
 * the department's (empty when there is none).
 */
export interface Evaluation {
  config: EvalConfig;
  detection: Detection;
  metrics: Metrics;
  /** One per indicator table, the main one first. */
  scores: ScoreResult[];
  findings: Finding[];
  /** What could not be checked and why (missing tables, uncomputable metrics …). */
  notChecked: { item: string; reason: string }[];
  /** 基本信息 (部门名称, 评价年度) read from the workbook, when found (summary title, report). */
  info?: BasicInfo;
  /** Every subject, in workbook order (at least one). */
  subjects: SubjectEvaluation[];
}

/** 基本信息: label cells such as 部门名称 / 评价年度 with the value to their right. */
export interface BasicInfo {
  department: string | null;
  year: string | null;
  /** Sheet the values came from. */
  sheet: string | null;
}

// ───────────────────────────── write plan ─────────────────────────────

export type WriteRole =
  | "score"
  | "scoreRate"
  | "executionRate"
  | "adjustmentRate"
  | "levelLabel"
  | "levelWeight"
  | "levelScore"
  | "levelRate"
  | "total"
  | "totalRate"
  | "grade"
  | "label";

export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  value: number | string;
  /** "0.00", "0.00%", or "@" for text; omitted = leave the format alone. */
  numberFormat?: string;
  role: WriteRole;
}

export interface CellMark {
  sheet: string;
  range: CellRange;
  severity: Severity;
  rule: string;
}

export interface SkippedWrite {
  sheet: string;
  row: number;
  col: number;
  role: WriteRole;
  reason: "userValue" | "formula" | "protected";
}

export interface WritePlan {
  writes: CellWrite[];
  marks: CellMark[];
  /** Outputs not written because the cell is the user's (value or formula) or its sheet is protected. */
  skipped: SkippedWrite[];
  /** Sheets the plan needs to write into. */
  sheets: string[];
  /** Marked areas left out because a run marks at most MAX_MARKS (errors first): a workbook carrying
   *  hundreds of thousands of conditional formats would crawl. The findings still list every cell. */
  marksOmitted?: number;
  /** Planned with overwriteUserValues: a host may then replace a user's value or formula in a target
   *  cell, but only when the cell still holds what it held when the snapshot was read. */
  overwrite?: boolean;
}

export type SummaryStyle = "title" | "subtitle" | "header" | "body" | "total" | "category" | "note" | "link";

export interface SummaryCell {
  value: string | number | null;
  numberFormat?: string;
  style?: SummaryStyle;
  /** Internal link target for this cell (a finding's cell). */
  link?: { sheet: string; address: string };
}

export interface SummarySheet {
  /** Preferred name; the host picks another when a user's sheet already has it. */
  name: string;
  /** Row-major; rows may be shorter than the widest (missing cells are empty). */
  rows: SummaryCell[][];
  merges: CellRange[];
  /** Character widths per column. */
  columnWidths: number[];
  /** 得分率 by 一级指标: a clustered bar chart over these cells of this sheet. */
  chart: {
    title: string;
    categories: CellRange;
    values: CellRange;
    /** Where to put it (top-left cell). */
    anchor: { row: number; col: number };
  } | null;
  print: { paper: "A4"; orientation: "portrait" | "landscape"; fitToWidth: boolean };
}
