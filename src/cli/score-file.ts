/**
 * Scoring one .xlsx file from the command line: read it, score it through the use-cases the pane calls
 * (src/usecases over the file's PatchHost), optionally save the scored copy and the JSON report, and
 * hand back what to print — no printing, no process.exit. `perf-eval score <one file>` and every batch
 * worker call scoreFile(); a file that cannot be read or whose copy is refused is a result (exit code 2
 * and a message in the user's language), never a thrown error.
 */
import { buildReport, type JsonReport } from "../engine/index";
import type { EvalConfig, Evaluation, Lang, Severity } from "../engine/types";
import { HostError } from "../host/port";
import { PatchHost } from "../host/xlsx/patch-host";
import { openWorkbookFile } from "../host/xlsx/open";
import { LocalizedHostError } from "../host/errors";
import type { DocxOptions } from "../report/format";
import { insertSummarySheet, inspectWorkbook, loadSettings, scoreWorkbook, untranslated } from "../usecases";
import { text } from "./messages";
import { reportDocxFiles, type ReportFile } from "./report";
import { checkOutputFile, OutputFileError, writeOutputFile } from "./output-files";
import { formatSummary } from "./summary";

export interface ScoreFileOptions {
  /** Language of the lines and messages. */
  lang: Lang;
  /** --lang was given: the report's language follows it (else the settings' language). */
  langGiven?: boolean;
  /** Settings from --config; absent: the settings saved in the workbook (or the defaults). */
  config?: EvalConfig;
  /** Where to save the scored copy (none when absent). */
  out?: string;
  /** Where to write the JSON report (a path; printing it is the caller's business). */
  json?: string;
  /** Accepted for compatibility: the copy keeps every part of the input, so nothing is ever lost. */
  allowLoss: boolean;
  /** Exit code 1 when a finding of this severity or worse exists. */
  failOn?: "error" | "warning";
  /** Files no output may be written to (the inputs of a batch; `input` is always protected). */
  protect?: string[];
  /** The file's name in the printed title (default: `input` as given). */
  label?: string;
  /** Build `report` even when no JSON file is asked for (the batch needs it for its summary). */
  keepReport?: boolean;
  /** Where to write the draft evaluation report (.docx; see ./report.ts). */
  report?: string;
  /** The report's fonts and margins (--fonts, --margins). */
  reportFormat?: DocxOptions;
  /** Print only the report's line (`perf-eval report`), not the summary. */
  reportOnly?: boolean;
}

/** A failure the user can act on, already in their language. `detail` is for a bug's stack only. */
interface LocalizedMessage {
  code: "Unreadable" | "WouldLoseContent" | "WriteFailed" | "Internal";
  message: string;
  detail?: string;
}

interface ScoreFileResult {
  /** The JSON report (when asked for: `json` or `keepReport`); absent when the file was not scored. */
  report?: JsonReport;
  exitCode: 0 | 1 | 2;
  /** The human summary, one line each (standard output). */
  lines: string[];
  /** Notes for standard error (saved settings that were ignored). */
  notes: string[];
  error?: LocalizedMessage;
  /** The draft reports (.docx) written, when --report asked for them. */
  reports?: string[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The JSON report as written (non-finite numbers never reach it: they become null). */
export function reportText(report: JsonReport): string {
  return JSON.stringify(
    report,
    (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? null : value),
    2,
  );
}

/** Every output file of the command line goes through here (./output-files: no write onto an input or
 *  another output, nor over a read-only file, nor a half-written one). */
async function writeOutput(
  target: string,
  data: Uint8Array | string,
  options: { protect: string[]; lang: Lang },
): Promise<void> {
  await writeOutputFile(target, data, options);
}

/** What is left of a scored workbook to write: the lines to print, the JSON report, the exit code and
 *  the lines said once the copy is saved. The evaluation and plan are not part of it: they are garbage
 *  by the time the copy is saved. */
interface Scored {
  lines: string[];
  notes: string[];
  report?: JsonReport;
  exitCode: 0 | 1;
  /** The draft reports (.docx, one per subject) and their lines, when --report asked for them. */
  docx?: ReportFile[];
  afterSave?: () => void;
}

/** The pane's use-cases over the file's PatchHost: the settings (loadSettings), then with --out its
 *  评分 and 插入问题汇总表 (scoreWorkbook, insertSummarySheet: the copy's edits, saved by the caller),
 *  without it only the evaluation (inspectWorkbook: nothing is written anywhere); the draft reports
 *  through buildReportFiles (./report). */
async function scoreOnly(input: string, options: ScoreFileOptions, host: PatchHost): Promise<Scored> {
  const { lang } = options;
  const lines: string[] = [];
  const notes: string[] = [];
  const say = (line: string) => lines.push(line);
  let config: EvalConfig;
  if (options.config !== undefined) config = options.config;
  else {
    const checked = await loadSettings(host);
    if (checked.errors.length)
      notes.push(text(lang, "settingsIgnored", { errors: checked.errors.map((e) => e.path).join(", ") }));
    config = checked.config;
  }
  if (options.langGiven) config = { ...config, lang };

  let evaluation: Evaluation;
  let afterSave: (() => void) | undefined;
  if (options.out !== undefined) {
    const run = await scoreWorkbook(host, config);
    evaluation = run.evaluation;
    const { plan, applied } = run;
    const { sheet, chart } = await insertSummarySheet(host, evaluation);
    const out = options.out;
    const marks = plan.marks.length;
    const omitted = plan.marksOmitted;
    const userCells = plan.skipped.filter((s) => s.reason !== "protected").length;
    const protectedCounts = new Map<string, number>();
    for (const s of plan.skipped)
      if (s.reason === "protected") protectedCounts.set(s.sheet, (protectedCounts.get(s.sheet) ?? 0) + 1);
    afterSave = () => {
      say("");
      say(text(lang, "written", { file: out, cells: applied.written, marks: applied.marked, sheet }));
      if (omitted) say(text(lang, "marksOmitted", { marks, count: omitted }));
      if (userCells) say(text(lang, "skipped", { count: userCells }));
      for (const [sheetName, count] of protectedCounts)
        say(text(lang, "skippedProtected", { sheet: sheetName, count }));
      if (chart) say(text(lang, "chartNote"));
    };
  } else evaluation = await inspectWorkbook(host, config);

  formatSummary(evaluation, lang, options.label ?? input).forEach(say);
  const scored: Scored = { lines, notes, exitCode: 0 };
  if (afterSave) scored.afterSave = afterSave;
  if (options.failOn) {
    const limit = RANK[options.failOn];
    if (evaluation.findings.some((f) => RANK[f.severity] >= limit)) scored.exitCode = 1;
  }
  if (options.json !== undefined || options.keepReport) scored.report = buildReport(evaluation);
  if (options.report !== undefined) {
    scored.docx = await reportDocxFiles(evaluation, options.report, lang, options.reportFormat);
    if (options.reportOnly) lines.splice(0, lines.length);
  }
  return scored;
}

function failed(error: LocalizedMessage, lines: string[] = [], notes: string[] = []): ScoreFileResult {
  return { exitCode: 2, lines, notes, error };
}

/** Score one file. Never throws: a failure is a result with exit code 2 and `error`. */
export async function scoreFile(input: string, options: ScoreFileOptions): Promise<ScoreFileResult> {
  const { lang } = options;
  const protect = [input, ...(options.protect ?? [])];
  // An output must not be (or link to) an input or the other output.
  const others = (...files: (string | undefined)[]) => [
    ...protect,
    ...files.filter((f): f is string => f !== undefined),
  ];
  const outProtect = others(options.json, options.report);
  const jsonProtect = others(options.out, options.report);
  const reportProtect = others(options.out, options.json);
  let scored: Scored;
  try {
    // Every output is checked before any is written (a refused --json leaves no copy behind either).
    if (options.out !== undefined) await checkOutputFile(options.out, { protect: outProtect, lang });
    if (options.json !== undefined) await checkOutputFile(options.json, { protect: jsonProtect, lang });
    if (options.report !== undefined) await checkOutputFile(options.report, { protect: reportProtect, lang });
    const host = new PatchHost(await openWorkbookFile(input));
    scored = await scoreOnly(input, options, host);

    if (options.out !== undefined) {
      await host.save(options.out, (target, bytes) =>
        writeOutput(target, bytes, { protect: outProtect, lang }),
      );
      scored.afterSave?.();
    }
  } catch (thrown) {
    // the use-cases' translation of an unexpected error is the pane's wording: the command line reports
    // what was thrown (a bug, with its stack)
    const e = untranslated(thrown);
    if (e instanceof OutputFileError) return failed({ code: "WriteFailed", message: e.message });
    if (e instanceof HostError)
      return failed({
        code: e.code === "SyncFailed" ? "WriteFailed" : "Unreadable",
        message: e instanceof LocalizedHostError ? e.messages[lang] : e.message,
      });
    return failed({ code: "Internal", message: String(e), detail: (e as Error)?.stack ?? String(e) });
  }

  if (options.json !== undefined && scored.report) {
    try {
      await writeOutput(options.json, reportText(scored.report) + "\n", { protect: jsonProtect, lang });
    } catch (e) {
      return failed({ code: "WriteFailed", message: (e as Error).message }, [], scored.notes);
    }
    scored.lines.push(text(lang, "jsonWritten", { file: options.json }));
  }
  if (options.report !== undefined && scored.docx) {
    for (const docx of scored.docx) {
      try {
        await writeOutput(docx.file, docx.bytes, { protect: reportProtect, lang });
      } catch (e) {
        return failed({ code: "WriteFailed", message: (e as Error).message }, [], scored.notes);
      }
      scored.lines.push(docx.line);
    }
  }
  const result: ScoreFileResult = { exitCode: scored.exitCode, lines: scored.lines, notes: scored.notes };
  if (scored.report) result.report = scored.report;
  if (scored.docx) result.reports = scored.docx.map((d) => d.file);
  return result;
}
