/**
 * `perf-eval`: the command line over .xlsx files. `score <in.xlsx>` reads the workbook, runs the engine,
 * prints a summary (zh-CN or en-US), optionally writes the JSON report (SPEC §6) and a scored copy with
 * the findings summary sheet — never the input file, and never a copy that silently lost content.
 * Exit codes: 0 scored; 1 a finding at the --fail-on severity exists; 2 bad arguments, settings or file.
 */
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveConfig, validateConfig } from "../engine/config";
import { buildReport, evaluate, planSummary, planWrites } from "../engine/index";
import type { EvalConfig, Evaluation, Lang, Severity, WorkbookSnapshot } from "../engine/types";
import { HostError } from "../host/port";
import { describeLosses, saveWorkbookFile, type SaveResult } from "../host/xlsx/package";
import { XlsxHost } from "../host/xlsx/host";
import { readWorkbookFile } from "../host/xlsx/read";
import { USAGE, text } from "./messages";
import { ReportWriteError, writeReport } from "./report";
import { formatSummary } from "./summary";

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const PROCESS_IO: Io = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

/** A failure that ends the run with exit code 2 and this message. */
class UsageError extends Error {}

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

interface ScoreOptions {
  input: string;
  out?: string;
  json?: string;
  config?: string;
  lang: Lang;
  langGiven: boolean;
  failOn?: "error" | "warning";
  allowLoss: boolean;
  /** --report: the draft evaluation report (.docx). */
  report?: string;
  /** `perf-eval report`: print only the report's line, not the summary. */
  reportOnly?: boolean;
}

function parseScoreArgs(args: string[], lang: Lang): ScoreOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string" },
        json: { type: "string" },
        config: { type: "string" },
        lang: { type: "string" },
        "fail-on": { type: "string" },
        "allow-loss": { type: "boolean" },
        report: { type: "string" },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${text(lang, "seeHelp")}`);
  }
  const { values, positionals } = parsed;
  const chosen = values.lang ?? lang;
  if (chosen !== "zh-CN" && chosen !== "en-US")
    throw new UsageError(text(lang, "badLang", { value: chosen }));
  if (positionals.length === 0)
    throw new UsageError(`${text(chosen, "needInput")}\n${text(chosen, "seeHelp")}`);
  if (positionals.length > 1)
    throw new UsageError(text(chosen, "tooMany", { args: positionals.slice(1).join(" ") }));
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "error" && failOn !== "warning")
    throw new UsageError(text(chosen, "badFailOn", { value: failOn }));
  const options: ScoreOptions = {
    input: positionals[0],
    lang: chosen,
    langGiven: values.lang !== undefined,
    allowLoss: values["allow-loss"] === true,
  };
  if (values.out !== undefined) options.out = values.out;
  if (values.json !== undefined) options.json = values.json;
  if (values.config !== undefined) options.config = values.config;
  if (failOn !== undefined) options.failOn = failOn;
  if (values.report !== undefined) options.report = values.report;
  if (options.out !== undefined && path.resolve(options.out) === path.resolve(options.input))
    throw new UsageError(text(chosen, "sameFile", { file: options.out }));
  if (
    options.json !== undefined &&
    options.json !== "-" &&
    [options.input, options.out].some(
      (f) => f !== undefined && path.resolve(f) === path.resolve(options.json as string),
    )
  )
    throw new UsageError(text(chosen, "jsonSameFile", { file: options.json }));
  checkReportTarget(options, chosen);
  return options;
}

function checkReportTarget(options: ScoreOptions, lang: Lang): void {
  const report = options.report;
  if (report === undefined) return;
  if (!/\.docx$/i.test(report)) throw new UsageError(text(lang, "reportNotDocx", { file: report }));
  if (
    [options.input, options.out, options.json].some(
      (f) => f !== undefined && f !== "-" && path.resolve(f) === path.resolve(report),
    )
  )
    throw new UsageError(text(lang, "reportSameFile", { file: report }));
}

/** `perf-eval report <in.xlsx> --out 报告.docx [--config …] [--lang …]`: score, then write only the report. */
function parseReportArgs(args: string[], lang: Lang): ScoreOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { out: { type: "string" }, config: { type: "string" }, lang: { type: "string" } },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${text(lang, "seeHelp")}`);
  }
  const { values, positionals } = parsed;
  const rest: string[] = [...positionals];
  if (values.config !== undefined) rest.push("--config", values.config);
  if (values.lang !== undefined) rest.push("--lang", values.lang);
  const options = parseScoreArgs(rest, lang);
  if (values.out === undefined)
    throw new UsageError(`${text(options.lang, "reportNeedOut")}\n${text(options.lang, "seeHelp")}`);
  options.report = values.out;
  options.reportOnly = true;
  checkReportTarget(options, options.lang);
  return options;
}

async function configFromFile(file: string, lang: Lang): Promise<EvalConfig> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (e) {
    throw new UsageError(text(lang, "configUnreadable", { file, reason: (e as Error).message }));
  }
  const { config, errors } = validateConfig(data);
  if (errors.length)
    throw new UsageError(
      [
        text(lang, "configInvalid", { file }),
        ...errors.map((e) => text(lang, "configLine", { path: e.path || "(根)", message: e.message[lang] })),
      ].join("\n"),
    );
  return config;
}

/** Non-finite numbers never reach the JSON report (they become null). */
function reportJson(evaluation: Evaluation): string {
  return JSON.stringify(
    buildReport(evaluation),
    (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? null : value),
    2,
  );
}

/** What is left of a scored workbook to write: the workbook with the plan applied and the summary
 *  inserted, the lines to print, the JSON report, and the exit code. The snapshot, evaluation and plan
 *  are not part of it: they are garbage by the time the copy is saved (with 50k rows they are a few
 *  hundred MB the collector would otherwise trace again and again while ExcelJS renders). */
interface Scored {
  human: string[];
  json?: string;
  exitCode: number;
  afterSave?: (saved: SaveResult) => void;
  rebuilt: string[];
}

async function scoreOnly(
  options: ScoreOptions,
  io: Io,
  host: XlsxHost,
  snapshot: WorkbookSnapshot,
): Promise<Scored> {
  const { lang } = options;
  const human: string[] = [];
  const say = (line: string) => human.push(line);
  let config: EvalConfig;
  if (options.config !== undefined) config = await configFromFile(options.config, lang);
  else {
    const saved = await host.loadSettings();
    const checked = saved ? validateConfig(saved) : { config: resolveConfig(), errors: [] };
    if (checked.errors.length)
      io.stderr(
        text(lang, "settingsIgnored", { errors: checked.errors.map((e) => e.path).join(", ") }) + "\n",
      );
    config = checked.config;
  }
  if (options.langGiven) config = { ...config, lang };

  const evaluation = evaluate(snapshot, config);
  formatSummary(evaluation, lang, options.input).forEach(say);
  const scored: Scored = { human, exitCode: 0, rebuilt: [] };
  if (options.failOn) {
    const limit = RANK[options.failOn];
    if (evaluation.findings.some((f) => RANK[f.severity] >= limit)) scored.exitCode = 1;
  }
  if (options.json !== undefined) scored.json = reportJson(evaluation);
  if (options.report !== undefined) {
    const line = await writeReport(evaluation, options.report, lang);
    if (options.reportOnly) human.splice(0, human.length);
    say(line);
  }

  if (options.out !== undefined) {
    const plan = planWrites(snapshot, evaluation);
    const applied = await host.applyPlan(plan);
    const summary = planSummary(evaluation, { existingNames: snapshot.sheets.map((s) => s.name) });
    const { sheet } = await host.insertSummary(summary);
    scored.rebuilt = snapshot.ledger?.summarySheet ? [snapshot.ledger.summarySheet] : [];
    const out = options.out;
    const marks = plan.marks.length;
    const omitted = plan.marksOmitted;
    const userCells = plan.skipped.filter((s) => s.reason !== "protected").length;
    const protectedCounts = new Map<string, number>();
    for (const s of plan.skipped)
      if (s.reason === "protected") protectedCounts.set(s.sheet, (protectedCounts.get(s.sheet) ?? 0) + 1);
    const chart = Boolean(summary.chart);
    scored.afterSave = (saved) => {
      say("");
      say(text(lang, "written", { file: out, cells: applied.written, marks: applied.marked, sheet }));
      if (omitted) say(text(lang, "marksOmitted", { marks, count: omitted }));
      if (userCells) say(text(lang, "skipped", { count: userCells }));
      for (const [sheetName, count] of protectedCounts)
        say(text(lang, "skippedProtected", { sheet: sheetName, count }));
      if (chart) say(text(lang, "chartNote"));
      const carriedCharts = saved.carried.filter((p) => !p.endsWith(".rels"));
      if (carriedCharts.length) say(text(lang, "carried", { parts: carriedCharts.join("、") }));
      if (saved.lost.length) say(text(lang, "lostAllowed", { parts: describeLosses(saved.lost) }));
      if (saved.minor.length) say(text(lang, "minorLost", { parts: describeLosses(saved.minor) }));
    };
  }
  return scored;
}

async function score(options: ScoreOptions, io: Io): Promise<number> {
  const { lang } = options;
  const read = await readWorkbookFile(options.input);
  const { workbook, data } = read;
  const host = new XlsxHost(workbook);
  const scored = await scoreOnly(options, io, host, read.snapshot);
  delete (read as { snapshot?: WorkbookSnapshot }).snapshot;
  const say = (line: string) => scored.human.push(line);

  if (options.out !== undefined) {
    let saved: SaveResult;
    try {
      saved = await saveWorkbookFile(workbook, options.out, {
        source: options.input,
        sourceData: data,
        allowLoss: options.allowLoss,
        rebuiltSheets: scored.rebuilt,
      });
    } catch (e) {
      if (e instanceof HostError && e.code === "WouldLoseContent")
        throw new UsageError(`${e.message}\n${text(lang, "allowLossHint")}`);
      throw e;
    }
    scored.afterSave?.(saved);
  }

  if (options.json !== undefined) {
    const json = scored.json as string;
    if (options.json === "-") io.stdout(json + "\n");
    else {
      await fs.writeFile(options.json, json + "\n", "utf8");
      say(text(lang, "jsonWritten", { file: options.json }));
    }
  }
  (options.json === "-" ? io.stderr : io.stdout)(scored.human.join("\n") + "\n");
  return scored.exitCode;
}

/** Run the command line; resolves to the exit code (never throws). */
export async function main(argv: string[], io: Io = PROCESS_IO): Promise<number> {
  const langArg = argv.indexOf("--lang");
  const lang: Lang = argv[langArg + 1] === "en-US" && langArg >= 0 ? "en-US" : "zh-CN";
  const fail = (message: string) => {
    io.stderr(text(lang, "error", { message }) + "\n");
    return 2;
  };
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      (command === undefined ? io.stderr : io.stdout)(USAGE[lang] + "\n");
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      io.stdout(`perf-eval ${version()}\n`);
      return 0;
    }
    if (command === "report") {
      if (rest.includes("--help") || rest.includes("-h")) {
        io.stdout(USAGE[lang] + "\n");
        return 0;
      }
      return await score(parseReportArgs(rest, lang), io);
    }
    if (command !== "score")
      return fail(`${text(lang, "unknownCommand", { command })}\n${text(lang, "seeHelp")}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(USAGE[lang] + "\n");
      return 0;
    }
    return await score(parseScoreArgs(rest, lang), io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof HostError || e instanceof ReportWriteError)
      return fail(e.message);
    return fail((e as Error)?.stack ?? String(e));
  }
}
