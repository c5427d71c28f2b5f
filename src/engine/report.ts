/**
 * buildReport: the JSON report of SPEC §6 (command line `--json`): total, levels, metrics, indicator
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
import type {
  Category,
  Evaluation,
  FieldKey,
  Lang,
  RowRate,
  ScoreMethod,
  Severity,
  TableKind,
} from "./types";

export interface JsonRate {
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

export interface JsonReport {
  version: 1;
  lang: Lang;
  department: string | null;
  year: string | null;
  total: { score: number; max: number; rate: number | null; grade: string } | null;
  levels: { name: string; weight: number; score: number; rate: number | null }[];
  metrics: {
    execution: JsonRate[];
    adjustment: JsonRate[];
    departmentExecution: JsonRate | null;
    departmentAdjustment: JsonRate | null;
    finalAccounts: { finalTotal: number; actualTotal: number; gap: number } | null;
  };
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
  findings: {
    rule: string;
    severity: Severity;
    category: Category;
    categoryName: string;
    sheet: string | null;
    cell: string | null;
    title: string;
    message: string;
    members: { sheet: string; cell: string; text: string }[];
    basis: string | null;
    recommendation: string | null;
    evidence: { actual?: number | string | null; limit?: number | string | null } | null;
  }[];
  tables: {
    kind: TableKind;
    sheet: string;
    /** A1 range from the first header row to the last data row. */
    range: string;
    headerRow: number;
    columns: Partial<Record<FieldKey, string>>;
    unit: string | null;
  }[];
  notChecked: { item: string; reason: string }[];
}

/** A finite number or null. */
function num(x: number | null | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

function evidenceValue(x: number | string | undefined): number | string | null | undefined {
  if (x === undefined) return undefined;
  return typeof x === "number" ? num(x) : x;
}

export function buildReport(evaluation: Evaluation): JsonReport {
  const lang = evaluation.config.lang;
  const main = evaluation.scores[0] ?? null;
  const budget = evaluation.detection.budget;

  const rate = (r: RowRate, field: "executionRate" | "adjustmentRate"): JsonRate => {
    const col =
      budget && budget.location.sheet === r.sheet
        ? (budget.location.columns[field] ?? budget.location.columns.name ?? 0)
        : 0;
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
  const m = evaluation.metrics;
  const fa = m.finalAccounts;

  return {
    version: 1,
    lang,
    department: evaluation.info?.department ?? null,
    year: evaluation.info?.year ?? null,
    total: main
      ? {
          score: num(main.total.score) ?? 0,
          max: num(main.total.max) ?? 0,
          rate: num(main.total.rate),
          grade: main.total.grade,
        }
      : null,
    levels: (main?.levels ?? []).map((l) => ({
      name: l.name,
      weight: num(l.weight) ?? 0,
      score: num(l.score) ?? 0,
      rate: num(l.rate),
    })),
    metrics: {
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
    },
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
    findings: evaluation.findings.map((f) => {
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
        })),
        basis: renderBasis(f, lang),
        recommendation: renderRecommendation(f, lang),
        evidence: f.evidence
          ? { actual: evidenceValue(f.evidence.actual), limit: evidenceValue(f.evidence.limit) }
          : null,
      };
    }),
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
  };
}
