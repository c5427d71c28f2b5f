/**
 * buildReport: the JSON report of docs/domain.md §6 (command line `--json`): total, levels, metrics, indicator
 * rows, findings rendered from the catalogue, recognised tables and what was not checked. Every number
 * is finite or null, so JSON.stringify never meets NaN or Infinity.
 */
import { a1, columnName } from "./address";
import {
  categoryName,
  renderBasis,
  renderMember,
  renderMessage,
  renderRecommendation,
  renderTitle,
  ruleFor,
} from "./rules/catalogue";
import { budgetTablesOf } from "./metrics";
import type {
  Category,
  Detection,
  Evaluation,
  FieldKey,
  Finding,
  Lang,
  Metrics,
  ReviewLevel,
  RowRate,
  ScoreMethod,
  ScoreResult,
  Severity,
  SubjectEvaluation,
  SubjectKind,
  TableKind,
} from "./types";

interface JsonRate {
  name: string;
  sheet: string;
  /** A1 of the row's rate cell when the table has one, else of its name cell. */
  cell: string;
  isTotal: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  basis: RowRate["basis"];
  reason: string | null;
}

interface JsonTotal {
  score: number;
  max: number;
  rate: number | null;
  grade: string;
}

interface JsonLevel {
  name: string;
  weight: number;
  score: number;
  rate: number | null;
}

interface JsonMetrics {
  execution: JsonRate[];
  adjustment: JsonRate[];
  departmentExecution: JsonRate | null;
  departmentAdjustment: JsonRate | null;
  finalAccounts: { finalTotal: number; actualTotal: number; gap: number } | null;
  /** Present when a "三公"经费 table was found: its totals (万元) and rates. */
  sangong?: {
    sheet: string;
    current: number | null;
    prior: number | null;
    budget: number | null;
    change: number | null;
    control: number | null;
  };
  /** Present when an expenditure-structure table by columns gave the department's structure (万元). */
  spending?: {
    sheet: string;
    cell: string;
    income: number | null;
    personnel: number | null;
    publicFunds: number | null;
    basic: number | null;
    project: number | null;
    total: number | null;
  };
}

interface JsonFinding {
  rule: string;
  severity: Severity;
  category: Category;
  categoryName: string;
  sheet: string | null;
  cell: string | null;
  title: string;
  message: string;
  members: { sheet: string; cell: string; text: string; indicator?: string; deduct?: number }[];
  basis: string | null;
  recommendation: string | null;
  evidence: { actual?: number | string | null; limit?: number | string | null } | null;
  /** 复核 findings only: the review level (P0 must be corrected, P1 should be, P2 is a note). */
  level?: ReviewLevel;
  /** 复核 findings only (and their members): the indicator it is about and the points a reviewer
   *  would deduct (建议扣分), where the data say. */
  indicator?: string;
  deduct?: number;
}

/** 自评 vs 复核 of one indicator row. */
interface JsonReviewRow {
  sheet: string;
  /** The 复核 score cell (the row's 得分, what the subject scores). */
  cell: string;
  /** The 自评 score cell. */
  selfCell: string;
  indicator: string;
  self: number;
  review: number;
  /** self − review. */
  diff: number;
  /** (self − review) / self; null when self is 0. */
  deviation: number | null;
  /** |偏离度| beyond the profile's threshold (review.selfDeviation). */
  flagged: boolean;
}

/** A subject's 复核: the self-evaluation beside the review, and every review finding with its level. */
interface JsonReview {
  /** Σ 自评得分 of the main table, when it has a 自评 column beside its 得分/复核 column; else null. */
  selfTotal: number | null;
  /** The subject's score (the 复核 column's total), when selfTotal is given; else null. */
  reviewTotal: number | null;
  /** (selfTotal − reviewTotal) / selfTotal; null without both or when selfTotal is 0. */
  deviation: number | null;
  /** Rows whose 复核 score differs from the 自评 score. */
  rowsChanged: number;
  rows: JsonReviewRow[];
  /** The profile's 执行率 cap, when it lowered the subject's total. */
  cap: { before: number; max: number; executionRate: number } | null;
  /** Review findings per level. */
  levels: Record<ReviewLevel, number>;
  /** Every review finding, each with its level. */
  findings: JsonFinding[];
}

/** One subject (a project 自评表 or the department) scored on its own tables. */
interface JsonSubject {
  id: string;
  kind: SubjectKind;
  name: string;
  /** Sheet of its main table. */
  sheet: string;
  sheets: string[];
  total: JsonTotal | null;
  levels: JsonLevel[];
  metrics: JsonMetrics;
  /** Its findings; each one's sheet and cell are inside this subject's tables. */
  findings: JsonFinding[];
  notChecked: { item: string; reason: string }[];
  /** 复核: self vs review scores and the review findings. */
  review: JsonReview;
}

/** One line per subject: what a reviewer reads first. */
interface JsonOverview {
  id: string;
  kind: SubjectKind;
  name: string;
  sheet: string;
  /** 总分, or null when the subject has no indicator table. */
  total: number | null;
  grade: string | null;
  /** 预算执行率 of its 口径 row (财政拨款 or total), when computable. */
  executionRate: number | null;
  errors: number;
  warnings: number;
  /** Review findings per level. */
  review: Record<ReviewLevel, number>;
}

export interface JsonReport {
  version: 1;
  lang: Lang;
  department: string | null;
  year: string | null;
  /** One subject: its total. Several: the department's, or null when there is no department. */
  total: JsonTotal | null;
  /** Same rule as total ([] when null). */
  levels: JsonLevel[];
  /** Same rule as total. */
  metrics: JsonMetrics | null;
  /** Same rule as total: one subject, its; several, the department's, or null without one. */
  review: JsonReview | null;
  /** Every scored indicator row of every subject. */
  indicators: {
    sheet: string;
    cell: string;
    level1: string;
    level2: string;
    level3: string;
    weight: number | null;
    score: number | null;
    rate: number | null;
    method: ScoreMethod;
    note: string | null;
  }[];
  /** Every subject's findings. */
  findings: JsonFinding[];
  tables: {
    kind: TableKind;
    sheet: string;
    /** A1 range from the first header row to the last data row. */
    range: string;
    headerRow: number;
    columns: Partial<Record<FieldKey, string>>;
    unit: string | null;
  }[];
  /** Every subject's (prefixed with the subject's name when there are several). */
  notChecked: { item: string; reason: string }[];
  /** Every subject in workbook order (one for a single-subject workbook). */
  subjects: JsonSubject[];
  overview: JsonOverview[];
}

/** A finite number or null. */
function num(x: number | null | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

function evidenceValue(x: number | string | undefined): number | string | null | undefined {
  if (x === undefined) return undefined;
  return typeof x === "number" ? num(x) : x;
}

function totalOf(main: ScoreResult | null): JsonTotal | null {
  return main
    ? {
        score: num(main.total.score) ?? 0,
        max: num(main.total.max) ?? 0,
        rate: num(main.total.rate),
        grade: main.total.grade,
      }
    : null;
}

function levelsOf(main: ScoreResult | null): JsonLevel[] {
  return (main?.levels ?? []).map((l) => ({
    name: l.name,
    weight: num(l.weight) ?? 0,
    score: num(l.score) ?? 0,
    rate: num(l.rate),
  }));
}

function metricsOf(detection: Detection, m: Metrics): JsonMetrics {
  const budgets = budgetTablesOf(detection);
  const rate = (r: RowRate, field: "executionRate" | "adjustmentRate"): JsonRate => {
    const budget = budgets.find(
      (b) => b.location.sheet === r.sheet && r.row >= b.location.firstDataRow && r.row <= b.location.lastRow,
    );
    const col = budget ? (budget.location.columns[field] ?? budget.location.columns.name ?? 0) : 0;
    return {
      name: r.name,
      sheet: r.sheet,
      cell: a1(r.row, col),
      isTotal: r.isTotal,
      value: num(r.value),
      numerator: num(r.numerator),
      denominator: num(r.denominator),
      basis: r.basis,
      reason: r.reason ?? null,
    };
  };
  const fa = m.finalAccounts;
  const sg = m.sangong;
  const sangong = sg
    ? {
        sangong: {
          sheet: sg.sheet,
          current: num(sg.current),
          prior: num(sg.prior),
          budget: num(sg.budget),
          change: num(sg.change),
          control: num(sg.control),
        },
      }
    : {};
  const sp = m.spending;
  const spending = sp
    ? {
        spending: {
          sheet: sp.sheet,
          cell: a1(sp.row, detection.spending?.location.columns.name ?? 0),
          income: num(sp.income),
          personnel: num(sp.personnel),
          publicFunds: num(sp.publicFunds),
          basic: num(sp.basic),
          project: num(sp.project),
          total: num(sp.total),
        },
      }
    : {};
  return {
    execution: m.execution.map((r) => rate(r, "executionRate")),
    adjustment: m.adjustment.map((r) => rate(r, "adjustmentRate")),
    departmentExecution: m.departmentExecution ? rate(m.departmentExecution, "executionRate") : null,
    departmentAdjustment: m.departmentAdjustment ? rate(m.departmentAdjustment, "adjustmentRate") : null,
    finalAccounts: fa
      ? {
          finalTotal: num(fa.finalTotal) ?? 0,
          actualTotal: num(fa.actualTotal) ?? 0,
          gap: num(fa.gap) ?? 0,
        }
      : null,
    ...sangong,
    ...spending,
  };
}

function findingOf(f: Finding, lang: Lang): JsonFinding {
  const rule = ruleFor(f.rule);
  return {
    rule: f.rule,
    severity: f.severity,
    category: f.category,
    categoryName: categoryName(f.category, lang),
    sheet: f.sheet,
    cell: f.cell,
    title: renderTitle(f, lang),
    message: renderMessage(f, lang),
    members: f.members.map((mem) => ({
      sheet: mem.sheet,
      cell: mem.cell,
      text: renderMember(rule, mem, lang),
      ...(f.level ? reviewParams(mem.params) : {}),
    })),
    basis: renderBasis(f, lang),
    recommendation: renderRecommendation(f, lang),
    evidence: f.evidence
      ? { actual: evidenceValue(f.evidence.actual), limit: evidenceValue(f.evidence.limit) }
      : null,
    ...(f.level ? { level: f.level, ...reviewParams(f.params) } : {}),
  };
}

/** A review finding's (or member's) indicator and 建议扣分, from its params. */
function reviewParams(params: Record<string, string | number>): { indicator?: string; deduct?: number } {
  const out: { indicator?: string; deduct?: number } = {};
  if (typeof params.indicator === "string" && params.indicator) out.indicator = params.indicator;
  if (typeof params.deduct === "number" && Number.isFinite(params.deduct)) out.deduct = params.deduct;
  return out;
}

const LEVELS: readonly ReviewLevel[] = ["P0", "P1", "P2"];

function levelCounts(findings: Finding[]): Record<ReviewLevel, number> {
  const counts: Record<ReviewLevel, number> = { P0: 0, P1: 0, P2: 0 };
  for (const f of findings) if (f.level && LEVELS.includes(f.level)) counts[f.level]++;
  return counts;
}

function reviewOf(s: SubjectEvaluation, config: Evaluation["config"], lang: Lang): JsonReview {
  const findings = s.review?.findings ?? [];
  const scores = s.review?.scores ?? null;
  const main = s.scores[0] ?? null;
  const columns = main?.table.location.columns;
  const sheet = main?.table.location.sheet ?? s.subject.sheet;
  const limit = config.review.selfDeviation;
  const cap = main?.cap ?? null;
  return {
    selfTotal: num(scores?.selfTotal),
    reviewTotal: scores ? num(scores.reviewTotal) : null,
    deviation: num(scores?.deviation),
    rowsChanged: scores?.rowsChanged ?? 0,
    rows: (scores?.rows ?? []).map((r) => ({
      sheet,
      cell: a1(r.row, columns?.score ?? columns?.selfScore ?? 0),
      selfCell: a1(r.row, columns?.selfScore ?? columns?.score ?? 0),
      indicator: r.indicator,
      self: num(r.self) ?? 0,
      review: num(r.review) ?? 0,
      diff: num(r.diff) ?? 0,
      deviation: num(r.deviation),
      flagged: r.deviation !== null && Math.abs(r.deviation) > limit + 1e-9,
    })),
    cap: cap
      ? { before: num(cap.before) ?? 0, max: num(cap.max) ?? 0, executionRate: num(cap.executionRate) ?? 0 }
      : null,
    levels: levelCounts(findings),
    findings: findings.map((f) => findingOf(f, lang)),
  };
}

/** Each subject as the report gives it, its findings rendered once (the top-level list reuses them). */
function subjectsOf(evaluation: Evaluation, lang: Lang): JsonSubject[] {
  return evaluation.subjects.map((s) => {
    const main = s.scores[0] ?? null;
    return {
      id: s.subject.id,
      kind: s.subject.kind,
      name: s.subject.name,
      sheet: s.subject.sheet,
      sheets: [...s.subject.sheets],
      total: totalOf(main),
      levels: levelsOf(main),
      metrics: metricsOf(s.detection, s.metrics),
      findings: s.findings.map((f) => findingOf(f, lang)),
      notChecked: s.notChecked.map((n) => ({ item: n.item, reason: n.reason })),
      review: reviewOf(s, evaluation.config, lang),
    };
  });
}

function overviewOf(evaluation: Evaluation, subjects: JsonSubject[]): JsonOverview[] {
  return evaluation.subjects.map((s, i) => {
    const json = subjects[i];
    return {
      id: json.id,
      kind: json.kind,
      name: json.name,
      sheet: json.sheet,
      total: json.total?.score ?? null,
      grade: json.total?.grade ?? null,
      executionRate: num(s.metrics.departmentExecution?.value),
      errors: s.findings.filter((f) => f.severity === "error").length,
      warnings: s.findings.filter((f) => f.severity === "warning").length,
      review: { ...json.review.levels },
    };
  });
}

export function buildReport(evaluation: Evaluation): JsonReport {
  const lang = evaluation.config.lang;
  const subjects = subjectsOf(evaluation, lang);
  // one subject: the top-level fields are its; several: the department's, or none
  const single = subjects.length === 1 ? subjects[0] : null;
  const department = single ?? subjects.find((s) => s.kind === "department") ?? null;

  return {
    version: 1,
    lang,
    department: evaluation.info?.department ?? null,
    year: evaluation.info?.year ?? null,
    total: department?.total ?? null,
    levels: department?.levels ?? [],
    metrics: department?.metrics ?? null,
    review: department?.review ?? null,
    indicators: evaluation.scores.flatMap((s) =>
      s.rows.map((r) => ({
        sheet: s.table.location.sheet,
        cell: a1(r.source.row, s.table.location.columns.score ?? s.table.location.columns.level3 ?? 0),
        level1: r.source.level1,
        level2: r.source.level2,
        level3: r.source.level3,
        weight: num(r.source.weight),
        score: num(r.score),
        rate: num(r.rate),
        method: r.method,
        note: r.note,
      })),
    ),
    findings: single ? single.findings : subjects.flatMap((s) => s.findings),
    tables: evaluation.detection.tables.map((t) => {
      const cols = Object.values(t.columns).filter((c): c is number => typeof c === "number");
      const left = cols.length ? Math.min(...cols) : 0;
      const right = cols.length ? Math.max(...cols) : 0;
      const columns: Partial<Record<FieldKey, string>> = {};
      for (const [key, col] of Object.entries(t.columns) as [FieldKey, number | undefined][])
        if (typeof col === "number") columns[key] = columnName(col);
      return {
        kind: t.kind,
        sheet: t.sheet,
        range: `${a1(t.headerRow, left)}:${a1(Math.max(t.lastRow, t.headerRow), right)}`,
        headerRow: t.headerRow + 1,
        columns,
        unit: t.unit ?? null,
      };
    }),
    notChecked: evaluation.notChecked.map((n) => ({ item: n.item, reason: n.reason })),
    subjects,
    overview: overviewOf(evaluation, subjects),
  };
}
