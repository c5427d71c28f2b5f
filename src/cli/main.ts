/**
 * `perf-eval`: the command line over .xlsx files. `score <in.xlsx>` reads the workbook, runs the engine,
 * prints a summary (zh-CN or en-US), optionally writes the JSON report (docs/domain.md §6) and a scored copy with
 * the findings summary sheet — never the input file, and never a copy that silently lost content.
 * Exit codes: 0 scored; 1 a finding at the --fail-on severity exists; 2 bad arguments, settings or file.
 */
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { validateConfig } from "../engine/config";
import type { EvalConfig, Lang } from "../engine/types";
import { HostError } from "../host/port";
import { USAGE, parseCommandArgs, text } from "./messages";
import { BatchError, runBatch, type BatchOptions } from "./batch";
import { loadProfile } from "./profile";
import { reportFormat } from "./report";
import type { DocxOptions } from "../report/format";
import { parseReviewArgs, runReview } from "./review";
import { safeLines, terminalSafe } from "./terminal";
import { reportText, scoreFile, type ScoreFileOptions } from "./score-file";

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard error is a terminal (a batch draws its progress bar there). */
  isTTY?: boolean;
  /** The terminal's width. */
  columns?: number;
}

const PROCESS_IO: Io = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  get columns() {
    return process.stderr.columns;
  },
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

interface ScoreOptions {
  input: string;
  out?: string;
  json?: string;
  config?: string;
  /** --profile: a shipped profile's name or a profile file. */
  profile?: string;
  lang: Lang;
  langGiven: boolean;
  failOn?: "error" | "warning";
  allowLoss: boolean;
  /** --report: the draft evaluation report (.docx). */
  report?: string;
  /** `perf-eval report`: print only the report's line, not the summary. */
  reportOnly?: boolean;
  /** --fonts, --margins: the report's format. */
  reportFormat?: DocxOptions;
}

/** `score <file or folder>… --out-dir DIR`: the batch's arguments (the settings are read as for one). */
interface BatchArgs {
  inputs: string[];
  outDir: string;
  summary?: string;
  json?: string;
  report: boolean;
  reportFormat?: DocxOptions;
  jobs?: number;
  config?: string;
  profile?: string;
  lang: Lang;
  langGiven: boolean;
  failOn?: "error" | "warning";
  allowLoss: boolean;
}

/** --fonts / --margins as renderer options (undefined when neither is given); only with a report. */
function formatOf(
  values: { fonts?: string; margins?: string },
  withReport: boolean,
  lang: Lang,
): DocxOptions | undefined {
  if (values.fonts === undefined && values.margins === undefined) return undefined;
  if (!withReport)
    throw new UsageError(
      text(lang, "formatNeedsReport", { option: values.fonts !== undefined ? "--fonts" : "--margins" }),
    );
  const format = reportFormat(values, lang);
  if ("error" in format) throw new UsageError(format.error);
  return format.options;
}

const isOutDir = (a: string) => a === "--out-dir" || a.startsWith("--out-dir=");

/** The batch's arguments; `--report` is a flag there (each file's report beside its copy). */
function parseBatchArgs(args: string[], lang: Lang): BatchArgs {
  let report = false;
  const rest: string[] = [];
  for (const a of args) {
    if (a === "--report") report = true;
    else if (a.startsWith("--report=")) throw new UsageError(text(lang, "reportFlagInBatch"));
    else rest.push(a);
  }
  const parsed = parseCommandArgs(
    rest,
    {
      "out-dir": { type: "string" },
      out: { type: "string" },
      summary: { type: "string" },
      json: { type: "string" },
      jobs: { type: "string" },
      fonts: { type: "string" },
      margins: { type: "string" },
      config: { type: "string" },
      profile: { type: "string" },
      lang: { type: "string" },
      "fail-on": { type: "string" },
      "allow-loss": { type: "boolean" },
    },
    lang,
    (message) => new UsageError(message),
  );
  const { values, positionals } = parsed;
  const chosen = values.lang ?? lang;
  if (chosen !== "zh-CN" && chosen !== "en-US")
    throw new UsageError(text(lang, "badLang", { value: chosen }));
  if (values.out !== undefined) throw new UsageError(text(chosen, "outWithOutDir"));
  if (positionals.length === 0)
    throw new UsageError(`${text(chosen, "needInput")}\n${text(chosen, "seeHelp")}`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "error" && failOn !== "warning")
    throw new UsageError(text(chosen, "badFailOn", { value: failOn }));
  if (values.json === "-") throw new UsageError(text(chosen, "jsonStdoutInBatch"));
  if (values.summary !== undefined && !/\.xlsx$/i.test(values.summary))
    throw new UsageError(text(chosen, "summaryNotXlsx", { file: values.summary }));
  if (
    values.summary !== undefined &&
    values.json !== undefined &&
    path.resolve(values.summary) === path.resolve(values.json)
  )
    throw new UsageError(text(chosen, "jsonSameFile", { file: values.json }));
  const options: BatchArgs = {
    inputs: positionals,
    outDir: values["out-dir"] as string,
    report,
    lang: chosen,
    langGiven: values.lang !== undefined,
    allowLoss: values["allow-loss"] === true,
  };
  if (values.jobs !== undefined) {
    const jobs = Number(values.jobs);
    if (!/^\d+$/.test(values.jobs) || !Number.isSafeInteger(jobs) || jobs < 1)
      throw new UsageError(text(chosen, "badJobs", { value: values.jobs }));
    options.jobs = jobs;
  }
  const format = formatOf(values, report, chosen);
  if (format) options.reportFormat = format;
  if (values.summary !== undefined) options.summary = values.summary;
  if (values.json !== undefined) options.json = values.json;
  if (values.config !== undefined) options.config = values.config;
  if (values.profile !== undefined) options.profile = values.profile;
  if (failOn !== undefined) options.failOn = failOn;
  return options;
}

/** The settings of a run: --profile, then --config over it (undefined: each workbook's own). */
async function settingsOf(
  options: { profile?: string; config?: string },
  lang: Lang,
): Promise<EvalConfig | undefined> {
  let config: EvalConfig | undefined;
  if (options.profile !== undefined) {
    const loaded = await loadProfile(options.profile, lang);
    if (loaded.error !== undefined) throw new UsageError(loaded.error);
    config = loaded.config;
  }
  if (options.config !== undefined) config = await configFromFile(options.config, lang, config);
  return config;
}

async function batch(args: BatchArgs, io: Io): Promise<number> {
  const options: BatchOptions = {
    inputs: args.inputs,
    outDir: args.outDir,
    report: args.report,
    lang: args.lang,
    langGiven: args.langGiven,
    allowLoss: args.allowLoss,
    protect: [args.config, args.profile].filter((f): f is string => f !== undefined),
  };
  const config = await settingsOf(args, args.lang);
  if (config) options.config = config;
  if (args.summary !== undefined) options.summary = args.summary;
  if (args.json !== undefined) options.json = args.json;
  if (args.jobs !== undefined) options.jobs = args.jobs;
  if (args.reportFormat) options.reportFormat = args.reportFormat;
  if (args.failOn !== undefined) options.failOn = args.failOn;
  try {
    return await runBatch(options, io);
  } catch (e) {
    if (e instanceof BatchError) throw new UsageError(e.message);
    throw e;
  }
}

function parseScoreArgs(args: string[], lang: Lang): ScoreOptions {
  const batchOnly = args.find((a) => /^--(summary|jobs)(=|$)/.test(a));
  if (batchOnly !== undefined)
    throw new UsageError(text(lang, "batchOnlyOption", { option: batchOnly.replace(/=.*/, "") }));
  const parsed = parseCommandArgs(
    args,
    {
      out: { type: "string" },
      json: { type: "string" },
      config: { type: "string" },
      profile: { type: "string" },
      lang: { type: "string" },
      "fail-on": { type: "string" },
      "allow-loss": { type: "boolean" },
      report: { type: "string" },
      fonts: { type: "string" },
      margins: { type: "string" },
    },
    lang,
    (message) => new UsageError(message),
  );
  const { values, positionals } = parsed;
  const chosen = values.lang ?? lang;
  if (chosen !== "zh-CN" && chosen !== "en-US")
    throw new UsageError(text(lang, "badLang", { value: chosen }));
  if (positionals.length === 0)
    throw new UsageError(`${text(chosen, "needInput")}\n${text(chosen, "seeHelp")}`);
  if (positionals.length > 1)
    throw new UsageError(
      `${text(chosen, "tooMany", { args: positionals.slice(1).join(" ") })}\n${text(chosen, "outDirNeeded")}`,
    );
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
  if (values.profile !== undefined) options.profile = values.profile;
  if (failOn !== undefined) options.failOn = failOn;
  if (values.report !== undefined) options.report = values.report;
  const format = formatOf(values, values.report !== undefined, chosen);
  if (format) options.reportFormat = format;
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
  const parsed = parseCommandArgs(
    args,
    {
      out: { type: "string" },
      fonts: { type: "string" },
      margins: { type: "string" },
      config: { type: "string" },
      profile: { type: "string" },
      lang: { type: "string" },
    },
    lang,
    (message) => new UsageError(message),
  );
  const { values, positionals } = parsed;
  const rest: string[] = [...positionals];
  if (values.config !== undefined) rest.push("--config", values.config);
  if (values.profile !== undefined) rest.push("--profile", values.profile);
  if (values.lang !== undefined) rest.push("--lang", values.lang);
  const options = parseScoreArgs(rest, lang);
  if (values.out === undefined)
    throw new UsageError(`${text(options.lang, "reportNeedOut")}\n${text(options.lang, "seeHelp")}`);
  options.report = values.out;
  options.reportOnly = true;
  const format = formatOf(values, true, options.lang);
  if (format) options.reportFormat = format;
  checkReportTarget(options, options.lang);
  return options;
}

async function configFromFile(file: string, lang: Lang, base?: EvalConfig): Promise<EvalConfig> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (e) {
    throw new UsageError(text(lang, "configUnreadable", { file, reason: (e as Error).message }));
  }
  const { config, errors } = validateConfig(data, base);
  if (errors.length)
    throw new UsageError(
      [
        text(lang, "configInvalid", { file }),
        ...errors.map((e) => text(lang, "configLine", { path: e.path || "(根)", message: e.message[lang] })),
      ].join("\n"),
    );
  return config;
}

async function score(options: ScoreOptions, io: Io): Promise<number> {
  const { lang } = options;
  const fileOptions: ScoreFileOptions = {
    lang,
    langGiven: options.langGiven,
    allowLoss: options.allowLoss,
  };
  let base: EvalConfig | undefined;
  if (options.profile !== undefined) {
    const loaded = await loadProfile(options.profile, lang);
    if (loaded.error !== undefined) throw new UsageError(loaded.error);
    base = fileOptions.config = loaded.config;
  }
  if (options.config !== undefined) fileOptions.config = await configFromFile(options.config, lang, base);
  if (options.out !== undefined) fileOptions.out = options.out;
  if (options.json !== undefined && options.json !== "-") fileOptions.json = options.json;
  if (options.json === "-") fileOptions.keepReport = true;
  if (options.failOn !== undefined) fileOptions.failOn = options.failOn;
  if (options.report !== undefined) fileOptions.report = options.report;
  if (options.reportOnly) fileOptions.reportOnly = true;
  if (options.reportFormat) fileOptions.reportFormat = options.reportFormat;
  fileOptions.protect = [options.config, options.profile].filter((f): f is string => f !== undefined);
  const result = await scoreFile(options.input, fileOptions);
  for (const note of result.notes) io.stderr(terminalSafe(note) + "\n");
  if (result.error) throw new UsageError(result.error.detail ?? result.error.message);
  if (options.json === "-" && result.report) io.stdout(reportText(result.report) + "\n");
  (options.json === "-" ? io.stderr : io.stdout)(safeLines(result.lines).join("\n") + "\n");
  return result.exitCode;
}

/** Run the command line; resolves to the exit code (never throws). */
export async function main(argv: string[], io: Io = PROCESS_IO): Promise<number> {
  const lang: Lang = argv.some((a, i) => a === "--lang=en-US" || (a === "--lang" && argv[i + 1] === "en-US"))
    ? "en-US"
    : "zh-CN";
  const fail = (message: string) => {
    io.stderr(safeLines(text(lang, "error", { message }).split("\n")).join("\n") + "\n");
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
    if (command === "review") {
      if (rest.includes("--help") || rest.includes("-h")) {
        io.stdout(USAGE[lang] + "\n");
        return 0;
      }
      const args = parseReviewArgs(rest, lang);
      return await runReview(args, await settingsOf(args, args.lang), io);
    }
    if (command !== "score")
      return fail(`${text(lang, "unknownCommand", { command })}\n${text(lang, "seeHelp")}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(USAGE[lang] + "\n");
      return 0;
    }
    if (rest.some(isOutDir)) return await batch(parseBatchArgs(rest, lang), io);
    return await score(parseScoreArgs(rest, lang), io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof HostError || e instanceof BatchError) return fail(e.message);
    return fail((e as Error)?.stack ?? String(e));
  }
}
