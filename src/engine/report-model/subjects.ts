/**
 * One report per subject. A workbook of one subject gives one report of the whole evaluation; a
 * workbook of several gives one per subject (the department's first when there is one), each built from
 * that subject's own tables, metrics, scores and findings, so no report carries another's problems.
 */
import type { Evaluation, Subject, SubjectEvaluation } from "../types";
import { buildReportModel, type ReportInput, type ReportModelOptions } from "./build";
import type { ReportModel } from "./types";

interface SubjectReport {
  /** The subject the report is about (null only for an evaluation without subjects). */
  subject: Subject | null;
  model: ReportModel;
}

/** The report input of one subject: its own evaluation with the run's config and 基本信息. The
 *  department is named by 基本信息's 部门名称 (its subject name may be the generic “部门整体”). */
export function subjectReportInput(evaluation: Evaluation, s: SubjectEvaluation): ReportInput {
  return {
    subject: s.subject.kind === "project" ? { kind: "project", name: s.subject.name } : null,
    detection: s.detection,
    metrics: s.metrics,
    scores: s.scores,
    findings: s.findings,
    notChecked: s.notChecked,
    config: evaluation.config,
    info: evaluation.info ?? null,
    review: s.review ?? null,
  };
}

/** Every subject's report model, in the order of `evaluation.subjects` with the department first. */
export function reportModels(evaluation: Evaluation, options: ReportModelOptions = {}): SubjectReport[] {
  const subjects = evaluation.subjects ?? [];
  if (subjects.length <= 1) {
    const only = subjects[0] ?? null;
    const input: ReportInput =
      only?.subject.kind === "project"
        ? { ...evaluation, subject: { kind: "project", name: only.subject.name }, review: only.review }
        : { ...evaluation, review: only?.review ?? null };
    return [{ subject: only?.subject ?? null, model: buildReportModel(input, options) }];
  }
  const ordered = [
    ...subjects.filter((s) => s.subject.kind === "department"),
    ...subjects.filter((s) => s.subject.kind !== "department"),
  ];
  return ordered.map((s) => ({
    subject: s.subject,
    model: buildReportModel(subjectReportInput(evaluation, s), options),
  }));
}
