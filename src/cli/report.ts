/**
 * The draft evaluation report from the command line (`perf-eval report <in.xlsx> --out 报告.docx`,
 * `perf-eval score … --report 报告.docx`): the report models from the engine (one per subject), the
 * .docx bytes from src/report/docx.ts. Writing them is scoreFile's business (through writeOutputFile,
 * like every output).
 *
 * One subject: one report, at the path given. Several: one report per subject, beside it, named
 * `<name>-<subject>.docx` (报告.docx → 报告-部门整体.docx, 报告-乡村道路养护.docx …), the department's first.
 */
import * as path from "node:path";
import { countPlaceholders, reportModels } from "../engine/report-model";
import type { Evaluation, Lang } from "../engine/types";
import { renderReportDocx } from "../report/docx";
import { text } from "./messages";

export interface ReportFile {
  file: string;
  bytes: Uint8Array;
  /** The line that tells where it went. */
  line: string;
}

/** A subject's name as a part of a file name: no path separators, no characters file systems refuse. */
function fileNamePart(name: string): string {
  const clean = [...name]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(ch))
    .join("")
    .trim()
    .replace(/^\.+/, "");
  return clean.slice(0, 80) || "subject";
}

/** Where each subject's report goes: the path itself for one; `<stem>-<subject>.docx` for several
 *  (a name used twice gets -2, -3 …). */
export function reportPaths(file: string, names: string[]): string[] {
  if (names.length <= 1) return [file];
  const dir = path.dirname(file);
  const stem = path.basename(file, path.extname(file));
  const used = new Set<string>();
  return names.map((name) => {
    const base = `${stem}-${fileNamePart(name)}`;
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}`;
    used.add(candidate.toLowerCase());
    return path.join(dir, `${candidate}.docx`);
  });
}

/** Every subject's report: its bytes, its path and its line. */
export async function reportDocxFiles(
  evaluation: Evaluation,
  file: string,
  lang: Lang,
): Promise<ReportFile[]> {
  const reports = reportModels(evaluation, { lang });
  const paths = reportPaths(
    file,
    reports.map((r) => r.subject?.name ?? r.model.name ?? ""),
  );
  const files: ReportFile[] = [];
  for (const [i, r] of reports.entries()) {
    const bytes = await renderReportDocx(r.model);
    files.push({
      file: paths[i],
      bytes,
      line: text(lang, "reportWritten", { file: paths[i], placeholders: countPlaceholders(r.model) }),
    });
  }
  return files;
}
