/**
 * The draft evaluation report from the command line (`perf-eval report <in.xlsx> --out 报告.docx`,
 * `perf-eval score … --report 报告.docx`): the report model from the engine, the .docx bytes from
 * src/report/docx.ts. Writing them is scoreFile's business (through writeOutputFile, like every output).
 */
import { buildReportModel, countPlaceholders, type ReportModel } from "../engine/report-model";
import type { Evaluation, Lang } from "../engine/types";
import { renderReportDocx } from "../report/docx";
import { text } from "./messages";

/** The report model of a scored workbook (one subject: the whole evaluation). */
export function reportModelOf(evaluation: Evaluation, lang: Lang): ReportModel {
  return buildReportModel(evaluation, { lang });
}

/** The report's bytes and the line that tells where it went. */
export async function reportDocx(
  evaluation: Evaluation,
  file: string,
  lang: Lang,
): Promise<{ bytes: Uint8Array; line: string }> {
  const model = reportModelOf(evaluation, lang);
  const bytes = await renderReportDocx(model);
  return { bytes, line: text(lang, "reportWritten", { file, placeholders: countPlaceholders(model) }) };
}
