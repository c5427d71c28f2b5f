/**
 * What a batch keeps of each file: its rows in the summary workbook (one per subject, one per finding)
 * and its line — built in the worker from the file's JSON report, so the evaluation never leaves the
 * worker and the parent holds nothing else per file. Also the messages between the parent and its
 * workers (./batch.ts, ./batch-worker.ts).
 */
import type { JsonReport } from "../engine/report";
import type { EvalConfig, Lang } from "../engine/types";
import type { DocxOptions } from "../report/format";
import { SEVERITY, text } from "./messages";
import { formatFixed2, formatNumber } from "../engine/rules/catalogue";
import type { ReviewUnit } from "./review";

/** One subject of one file (sheet 1 of the summary workbook). */
export interface SubjectRow {
  unit: string | null;
  name: string;
  kind: "project" | "department";
  total: number | null;
  max: number | null;
  grade: string | null;
  execution: number | null;
  adjustment: number | null;
  errors: number;
  warnings: number;
}

/** One finding of one file (sheet 2). */
export interface FindingRow {
  subject: string;
  severity: string;
  category: string;
  message: string;
  /** sheet!cell, the sheet alone, or "". */
  cell: string;
}

/** What the parent gives every worker once. */
export interface WorkerSetup {
  lang: Lang;
  langGiven: boolean;
  config?: EvalConfig;
  failOn?: "error" | "warning";
  allowLoss: boolean;
  /** The reports' fonts and margins (--fonts, --margins). */
  reportFormat?: DocxOptions;
  /** Every input, by canonical path and by device:inode: no output may be one of them. */
  inputPaths: string[];
  inputInodes: string[];
  /** `perf-eval review`: no scored copy; the file's review rows sent back. */
  review?: boolean;
}

/** One file to score. */
export interface Job {
  index: number;
  input: string;
  /** The scored copy. */
  out: string;
  /** The draft report(s): `<out without .xlsx>.docx` (several subjects: one per subject beside it). */
  report?: string;
  /** Where the worker writes the file's JSON report (a temporary file the parent copies in order). */
  fragment?: string;
}

export interface JobResult {
  index: number;
  status: "scored" | "failed";
  /** Why the file was not scored, in the user's language. */
  error?: string;
  exitCode: 0 | 1 | 2;
  subjects: SubjectRow[];
  findings: FindingRow[];
  /** The lines of the draft reports written. */
  reports: string[];
  /** A fragment was written. */
  fragment: boolean;
  /** Review mode: the file's review rows. */
  reviews?: ReviewUnit;
}

const num = (x: number | null | undefined): number | null =>
  typeof x === "number" && Number.isFinite(x) ? x : null;

/** The summary rows of a scored file. */
export function rowsOf(report: JsonReport, lang: Lang): { subjects: SubjectRow[]; findings: FindingRow[] } {
  const subjects: SubjectRow[] = report.subjects.map((s) => ({
    unit: report.department,
    name: s.name,
    kind: s.kind,
    total: num(s.total?.score),
    max: num(s.total?.max),
    grade: s.total?.grade ?? null,
    execution: num(s.metrics.departmentExecution?.value),
    adjustment: num(s.metrics.departmentAdjustment?.value),
    errors: s.findings.filter((f) => f.severity === "error").length,
    warnings: s.findings.filter((f) => f.severity === "warning").length,
  }));
  const findings: FindingRow[] = report.subjects.flatMap((s) =>
    s.findings.map((f) => ({
      subject: s.name,
      severity: SEVERITY[lang][f.severity],
      category: f.categoryName,
      message: f.message,
      cell: f.sheet && f.cell ? `${f.sheet}!${f.cell}` : (f.sheet ?? ""),
    })),
  );
  return { subjects, findings };
}

/** A file's line in the batch's output (its path first; the caller makes it terminal-safe). */
export function fileLine(
  lang: Lang,
  position: { n: number; of: number },
  file: string,
  outcome: { status: "scored" | "failed" | "skipped"; error?: string; subjects?: SubjectRow[] },
): string {
  const head = `[${position.n}/${position.of}] ${file}`;
  if (outcome.status === "skipped")
    return `${head} — ${text(lang, "batchSkipped", { reason: outcome.error ?? "" })}`;
  if (outcome.status === "failed")
    return `${head} — ${text(lang, "batchFailed", { reason: outcome.error ?? "" })}`;
  const subjects = outcome.subjects ?? [];
  const errors = subjects.reduce((n, s) => n + s.errors, 0);
  const warnings = subjects.reduce((n, s) => n + s.warnings, 0);
  if (subjects.length === 1 && subjects[0].total !== null)
    return `${head} — ${text(lang, "batchOne", {
      score: formatFixed2(subjects[0].total),
      max: formatNumber(subjects[0].max ?? 0),
      grade: subjects[0].grade ?? "—",
      errors,
      warnings,
    })}`;
  return `${head} — ${text(lang, "batchMany", { count: subjects.length, errors, warnings })}`;
}
