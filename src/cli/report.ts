/**
 * The draft evaluation report from the command line: `perf-eval report <in.xlsx> --out 报告.docx` and
 * `perf-eval score … --report 报告.docx`. The report model comes from the engine, the .docx from
 * src/report/docx.ts; this file only writes the bytes — to a temporary file in the target's folder that
 * is renamed into place, so a failed run never leaves half a report (until src/cli/output-files.ts
 * lands; then `writeFile` below is its writeOutputFile).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildReportModel, type ReportModel } from "../engine/report-model";
import type { Evaluation, Lang } from "../engine/types";
import { renderReportDocx } from "../report/docx";
import { text } from "./messages";

/** The report model of a scored workbook (one subject: the whole evaluation). */
export function reportModelOf(evaluation: Evaluation, lang: Lang): ReportModel {
  return buildReportModel(evaluation, { lang });
}

/** How many placeholders the evaluator still has to fill in. */
export function placeholderCount(model: ReportModel): number {
  let n = model.title.filter((r) => r.placeholder).length;
  for (const s of model.sections)
    for (const b of s.blocks) if (b.type === "paragraph") n += b.runs.filter((r) => r.placeholder).length;
  for (const g of model.recommendations)
    for (const runs of g.items) n += runs.filter((r) => r.placeholder).length;
  return n;
}

function reasonOf(error: unknown, lang: Lang): string {
  const code = (error as NodeJS.ErrnoException)?.code ?? "";
  if (code === "EACCES" || code === "EPERM") return text(lang, "writeNoPermission");
  if (code === "ENOENT" || code === "ENOTDIR") return text(lang, "writeNoFolder");
  if (code === "EISDIR") return text(lang, "writeIsFolder");
  if (code === "EROFS") return text(lang, "writeReadOnly");
  return text(lang, "writeOther", { code: code || "?" });
}

/** A failure writing the report, already in the user's language. */
export class ReportWriteError extends Error {}

async function writeFile(target: string, data: Uint8Array, lang: Lang): Promise<void> {
  const fail = (error: unknown) =>
    new ReportWriteError(text(lang, "reportWriteFailed", { file: target, reason: reasonOf(error, lang) }));
  try {
    const st = await fs.stat(target);
    if (st.isDirectory()) throw Object.assign(new Error("dir"), { code: "EISDIR" });
    await fs.access(target, 2 /* W_OK */);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw fail(e);
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, data, { flag: "wx" });
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw fail(e);
  }
}

/** Builds and writes the report; returns the line to print. */
export async function writeReport(evaluation: Evaluation, file: string, lang: Lang): Promise<string> {
  const model = reportModelOf(evaluation, lang);
  const bytes = await renderReportDocx(model);
  await writeFile(file, bytes, lang);
  return text(lang, "reportWritten", { file, placeholders: placeholderCount(model) });
}
