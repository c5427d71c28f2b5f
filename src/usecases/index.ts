/**
 * The use-cases: what the task pane, the demo and the command line call (never Excel directly). Each one
 * is the host port plus the engine: read → evaluate → plan → apply, the summary sheet, marks, undo,
 * settings, the draft report. The pane runs them over the Office.js (or WPS) host, the command line over
 * the .xlsx PatchHost, so the orchestration lives here once. Whatever a host throws comes out as a
 * HostError with a user-facing message in both languages.
 */
import { resolveConfig, validateConfig, type ConfigError, type DeepPartial } from "../engine/config";
import { evaluate, planSummary, planWrites } from "../engine/index";
import { countPlaceholders, reportFileName, reportModels, type ReportModel } from "../engine/report-model";
import type {
  EvalConfig,
  Evaluation,
  Lang,
  Ledger,
  Subject,
  WorkbookSnapshot,
  WritePlan,
} from "../engine/types";
import { HostError, type ApplyResult, type WorkbookHost } from "../host/port";
import { LocalizedHostError, type Messages } from "../host/errors";
import type { DocxOptions } from "../report/format";

export type Stage = "reading" | "scoring" | "writing" | "done";

export { LocalizedHostError };
export type { Messages };

/** The message of an error in both languages. */
export function errorMessages(error: unknown): Messages {
  if (error instanceof LocalizedHostError) return error.messages;
  const text = error instanceof Error ? error.message : String(error);
  return { "zh-CN": text, "en-US": text };
}

/** The errors asHostError made out of something else (a plain HostError, an unexpected error). */
const translated = new WeakSet<LocalizedHostError>();

/** What was thrown before a use-case translated it into a LocalizedHostError (anything else as it is):
 *  the command line words its own failures (an unexpected error is a bug it reports with its stack). */
export function untranslated(error: unknown): unknown {
  return error instanceof LocalizedHostError && translated.has(error) ? error.original : error;
}

/** Re-throw anything a host threw as a HostError with messages in both languages. */
function asHostError(error: unknown, what: Messages): LocalizedHostError {
  if (error instanceof LocalizedHostError) return error;
  const wrapped = translation(error, what);
  translated.add(wrapped);
  return wrapped;
}

function translation(error: unknown, what: Messages): LocalizedHostError {
  if (error instanceof HostError)
    return new LocalizedHostError(
      error.code,
      { "zh-CN": error.message, "en-US": error.message },
      error.sheet,
      error.cell,
      error,
    );
  const text = error instanceof Error ? error.message : String(error);
  return new LocalizedHostError(
    "SyncFailed",
    {
      "zh-CN": `${what["zh-CN"]}时出错：${text}。请重试；若问题仍在，请保存工作簿后重新打开。`,
      "en-US": `${what["en-US"]} failed: ${text}. Try again; if it persists, save the workbook and reopen it.`,
    },
    undefined,
    undefined,
    error,
  );
}

async function guarded<T>(what: Messages, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw asHostError(error, what);
  }
}

function read(host: WorkbookHost): Promise<WorkbookSnapshot> {
  return host.readSnapshot();
}

/** Read and evaluate; writes nothing. */
export function inspectWorkbook(host: WorkbookHost, config?: EvalConfig): Promise<Evaluation> {
  return guarded({ "zh-CN": "检查工作簿", "en-US": "Inspecting the workbook" }, async () =>
    evaluate(await read(host), config ?? resolveConfig()),
  );
}

/** What the add-in's last run left in the workbook, per the ledger: cells it wrote (and that 撤销上次写入
 *  can restore) and areas it marked (that 清除标记 can clear). Nothing written: both 0. */
export interface LastRun {
  /** ISO time of that run (null when unknown). */
  runAt: string | null;
  cells: number;
  marks: number;
}

export function lastRunOf(ledger: Ledger | null | undefined): LastRun {
  if (!ledger) return { runAt: null, cells: 0, marks: 0 };
  return { runAt: ledger.runAt ?? null, cells: ledger.entries.length, marks: ledger.marks.length };
}

/** Read and evaluate (writes nothing), and what the last run left (for 撤销上次写入 / 清除标记). */
export function inspectWorkbookState(
  host: WorkbookHost,
  config?: EvalConfig,
): Promise<{ evaluation: Evaluation; lastRun: LastRun }> {
  return guarded({ "zh-CN": "检查工作簿", "en-US": "Inspecting the workbook" }, async () => {
    const snapshot = await read(host);
    return { evaluation: evaluate(snapshot, config ?? resolveConfig()), lastRun: lastRunOf(snapshot.ledger) };
  });
}

/** Read → evaluate → plan → apply. `lastRun`: what the ledger holds after it (the cells written now,
 *  or the earlier run's when more, since the ledger keeps those still untouched; the areas marked now). */
export function scoreWorkbook(
  host: WorkbookHost,
  config: EvalConfig,
  onStage?: (stage: Stage) => void,
): Promise<{ evaluation: Evaluation; plan: WritePlan; applied: ApplyResult; lastRun: LastRun }> {
  return guarded({ "zh-CN": "评分", "en-US": "Scoring" }, async () => {
    onStage?.("reading");
    const snapshot = await read(host);
    onStage?.("scoring");
    const evaluation = evaluate(snapshot, config);
    const plan = planWrites(snapshot, evaluation);
    if (config.overwriteUserValues && plan.overwrite === undefined) plan.overwrite = true;
    onStage?.("writing");
    const applied = await host.applyPlan(plan);
    onStage?.("done");
    const before = lastRunOf(snapshot.ledger);
    const lastRun: LastRun = {
      runAt: null,
      cells: Math.max(applied.written, before.cells),
      marks: applied.marked,
    };
    return { evaluation, plan, applied, lastRun };
  });
}

/** The 问题汇总 sheet for an evaluation: the host reuses its own sheet or picks a free name when a user's
 *  sheet has ours (one rule for every host: host/cells summarySheetTarget). `chart`: the sheet holds the
 *  得分率 chart's data (a host that draws no charts, the .xlsx copy, says so). */
export function insertSummarySheet(
  host: WorkbookHost,
  evaluation: Evaluation,
): Promise<{ sheet: string; chart: boolean }> {
  return guarded({ "zh-CN": "插入问题汇总表", "en-US": "Inserting the findings summary" }, async () => {
    const summary = planSummary(evaluation);
    const { sheet } = await host.insertSummary(summary);
    return { sheet, chart: Boolean(summary.chart) };
  });
}

export function clearMarks(host: WorkbookHost): Promise<number> {
  return guarded({ "zh-CN": "清除标记", "en-US": "Clearing the marks" }, () => host.clearMarks());
}

export function undoLastRun(host: WorkbookHost): Promise<number> {
  return guarded({ "zh-CN": "撤销上次评分", "en-US": "Undoing the last run" }, () => host.undoLastRun());
}

export function selectCell(host: WorkbookHost, sheet: string, cell: string): Promise<void> {
  return guarded({ "zh-CN": "选中单元格", "en-US": "Selecting the cell" }, () => host.select(sheet, cell));
}

/** The saved settings merged over the defaults; a saved value that no longer validates is reported
 *  and the defaults are used. */
export function loadSettings(host: WorkbookHost): Promise<{ config: EvalConfig; errors: ConfigError[] }> {
  return guarded({ "zh-CN": "读取设置", "en-US": "Reading the settings" }, async () => {
    const saved = await host.loadSettings();
    if (saved === null) return { config: resolveConfig(), errors: [] };
    return validateConfig(saved);
  });
}

/** Validate and save; invalid settings are not saved and their errors are returned. */
export function saveSettings(host: WorkbookHost, partial: DeepPartial<EvalConfig>): Promise<ConfigError[]> {
  return guarded({ "zh-CN": "保存设置", "en-US": "Saving the settings" }, async () => {
    const { errors } = validateConfig(partial);
    if (errors.length) return errors;
    await host.saveSettings(partial as Partial<EvalConfig>);
    return [];
  });
}

/** The .docx renderer (src/report/docx). Loaded only when a report is asked for, by the caller's means:
 *  the pane's default is a separate chunk (import()); the command line requires it (its batch workers run
 *  the sources through a require hook, which import() would bypass). */
export type DocxRenderer = (model: ReportModel, options?: DocxOptions) => Promise<Uint8Array>;

async function docxRenderer(): Promise<DocxRenderer> {
  const { renderReportDocx } = await import(/* webpackChunkName: "report-docx" */ "../report/docx");
  return renderReportDocx;
}

interface ReportOptions {
  /** The report's fonts and margins (default: the renderer's). */
  format?: DocxOptions;
  /** How to load the renderer (default: import()). */
  renderer?: () => DocxRenderer | Promise<DocxRenderer>;
}

async function renderReport(
  model: ReportModel,
  render: DocxRenderer,
  format: DocxOptions | undefined,
): Promise<{ bytes: Uint8Array; fileName: string; placeholders: number }> {
  const bytes = await render(model, format);
  return { bytes, fileName: reportFileName(model), placeholders: countPlaceholders(model) };
}

/** 生成评价报告: the draft report of an evaluation as .docx bytes, or `blocked` where the host cannot
 *  offer a download (Office on Mac / iPad; then the pane points to `perf-eval report`). The .docx
 *  renderer is loaded on demand (a separate chunk: the pane's first render does not load it). */
export type ReportFile =
  { kind: "file"; bytes: Uint8Array; fileName: string; placeholders: number } | { kind: "blocked" };

export function buildReportFile(
  host: WorkbookHost,
  evaluation: Evaluation,
  lang: Lang,
  /** Which subject's report (a workbook of several subjects); default: the department's, else the first. */
  subjectId?: string,
): Promise<ReportFile> {
  return guarded({ "zh-CN": "生成评价报告", "en-US": "Building the report" }, async () => {
    if (host.downloadsAllowed && !host.downloadsAllowed()) return { kind: "blocked" };
    const reports = reportModels(evaluation, { lang });
    const model = (reports.find((r) => subjectId !== undefined && r.subject?.id === subjectId) ?? reports[0])
      .model;
    return { kind: "file", ...(await renderReport(model, await docxRenderer(), undefined)) };
  });
}

/** One subject's draft report. `name`: the subject's (else the report's own) name. */
export interface SubjectReportFile {
  subject: Subject | null;
  name: string;
  bytes: Uint8Array;
  fileName: string;
  placeholders: number;
}

/** Every subject's draft report, the department's first (`perf-eval report`, `score --report`: one
 *  file per subject; where each goes is the caller's business). Nothing is written to the workbook. */
export function buildReportFiles(
  evaluation: Evaluation,
  lang: Lang,
  options: ReportOptions = {},
): Promise<SubjectReportFile[]> {
  return guarded({ "zh-CN": "生成评价报告", "en-US": "Building the report" }, async () => {
    const reports = reportModels(evaluation, { lang });
    const render = await (options.renderer ?? docxRenderer)();
    const files: SubjectReportFile[] = [];
    for (const r of reports)
      files.push({
        subject: r.subject,
        name: r.subject?.name ?? r.model.name ?? "",
        ...(await renderReport(r.model, render, options.format)),
      });
    return files;
  });
}
