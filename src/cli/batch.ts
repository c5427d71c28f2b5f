/**
 * `perf-eval score <file or folder>… --out-dir DIR [--summary 汇总.xlsx] [--json report.json] [--report]`:
 * every .xlsx given or found under a folder (recursively, in path order; lock files, other formats and
 * other files skipped and listed with the reason) is scored in worker threads (./batch-worker), its
 * scored copy written to DIR under its relative path (never over an input), its JSON report streamed
 * to --json in the batch's order whatever order the files finish in, and its rows for the summary
 * workbook (one per subject and one per finding) kept in a temporary file until ./batch-summary streams
 * them into the summary — the run keeps only each file's status in memory. A file that
 * cannot be read or written is a row saying why; it never stops the run.
 * Exit codes: 0; 1 with --fail-on when a scored file has such a finding; 2 when nothing could be read.
 */
import { existsSync, promises as fs, type Dirent } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { EvalConfig, Lang } from "../engine/types";
import type { DocxOptions } from "../report/format";
import {
  fileLine,
  type FindingRow,
  type Job,
  type JobResult,
  type SubjectRow,
  type WorkerSetup,
} from "./batch-rows";
import { text } from "./messages";
import {
  canonicalPath,
  checkOutputFile,
  openOutputStream,
  OutputFileError,
  writeOutputFile,
} from "./output-files";
import type { ReviewUnit } from "./review";
import { Progress, terminalSafe, type ProgressIo } from "./terminal";

export interface BatchOptions {
  /** Files and folders, as given. */
  inputs: string[];
  outDir: string;
  summary?: string;
  json?: string;
  /** --report: each file's draft report(s) beside its scored copy. */
  report: boolean;
  /** --fonts, --margins: the reports' format. */
  reportFormat?: DocxOptions;
  /** Worker threads (default: os.availableParallelism()). */
  jobs?: number;
  lang: Lang;
  langGiven: boolean;
  config?: EvalConfig;
  failOn?: "error" | "warning";
  allowLoss: boolean;
  /** Files no output may be written to (--config, --profile). */
  protect: string[];
  /** `perf-eval review` (./review.ts): no scored copies (outDir is a scratch folder), each file's
   *  review rows kept, and `summary` written by this instead of the summary workbook. */
  review?: (
    entries: Entry[],
    finished: Finished[],
    options: { lang: Lang; file: string },
  ) => Promise<Uint8Array>;
}

/** A failure of the whole run (exit code 2), in the user's language. */
export class BatchError extends Error {}

/** One input of the batch: a file to score, or one skipped or missing with the reason. */
export interface Entry {
  /** The path as given or found (the argument joined with the path inside it). */
  input: string;
  /** Its path under --out-dir (and its name in the summary), with "/" between folders. */
  rel: string;
  skipped?: string;
  failed?: string;
}

/** Where a batch entry stands once it is finished: what the summary and the JSON need of it. */
export interface Finished {
  status: "scored" | "failed" | "skipped";
  error?: string;
  subjects: SubjectRow[];
  findings: FindingRow[];
  exitCode: 0 | 1 | 2;
  /** The scored copy (scored files). */
  out?: string;
  reports: string[];
  /** Review mode: the file's review rows. */
  reviews?: ReviewUnit;
}

const LOCK_FILE = /^~\$|^\.~lock\..*#$/;

/** Why a file is skipped, or null for an .xlsx to score. */
function skipReason(name: string, lang: Lang): string | null {
  if (LOCK_FILE.test(name)) return text(lang, "skipLock");
  const ext = path.extname(name).toLowerCase();
  if (ext === ".xlsx") return null;
  if (ext === ".xls") return text(lang, "skipXls");
  if ([".xlsm", ".xlsb", ".xltx", ".xltm", ".et", ".ods", ".csv"].includes(ext))
    return text(lang, "skipOtherFormat", { ext });
  return text(lang, "skipNotWorkbook");
}

const posix = (p: string) => p.split(path.sep).join("/");

/** Every file under `dir` (recursively; hidden folders, folder links and `exclude` are not entered). */
async function walk(dir: string, exclude: Set<string>): Promise<string[]> {
  const out: string[] = [];
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const d of entries) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) {
      if (d.name.startsWith(".")) continue;
      if (exclude.has(await fs.realpath(full).catch(() => full))) continue;
      out.push(...(await walk(full, exclude)));
    } else if (d.isFile()) out.push(full);
    else if (d.isSymbolicLink()) {
      const stat = await fs.stat(full).catch(() => null);
      if (stat?.isFile()) out.push(full);
    }
  }
  return out;
}

/** The batch's entries in path order: every file given and every file under each folder given. */
async function collectInputs(args: string[], outDir: string, lang: Lang): Promise<Entry[]> {
  const exclude = new Set([await fs.realpath(outDir).catch(() => path.resolve(outDir))]);
  const oneFolder = args.length === 1;
  const found: Entry[] = [];
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => null);
    if (stat === null) {
      found.push({
        input: arg,
        rel: posix(path.basename(arg)),
        failed: text(lang, "batchMissing", { file: arg }),
      });
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of await walk(arg, exclude)) {
        const inner = posix(path.relative(arg, file));
        const rel = oneFolder ? inner : `${posix(path.basename(path.resolve(arg)))}/${inner}`;
        const skipped = skipReason(path.basename(file), lang);
        found.push(skipped === null ? { input: file, rel } : { input: file, rel, skipped });
      }
      continue;
    }
    const rel = posix(path.basename(arg));
    const skipped = stat.isFile() ? skipReason(rel, lang) : text(lang, "skipNotWorkbook");
    found.push(skipped === null ? { input: arg, rel } : { input: arg, rel, skipped });
  }
  found.sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  // one entry per file (a file given and found under a folder too), one output per name
  const seen = new Set<string>();
  const names = new Set<string>();
  const entries: Entry[] = [];
  for (const e of found) {
    const real = await fs.realpath(e.input).catch(() => path.resolve(e.input));
    if (seen.has(real)) continue;
    seen.add(real);
    const ext = path.posix.extname(e.rel);
    const stem = e.rel.slice(0, e.rel.length - ext.length);
    let rel = e.rel;
    for (let n = 2; names.has(rel.toLowerCase()); n++) rel = `${stem}-${n}${ext}`;
    names.add(rel.toLowerCase());
    entries.push({ ...e, rel });
  }
  return entries;
}

/** The worker thread: the compiled batch-worker.js beside this file, or (from the TypeScript sources:
 *  tests, tsx) the .ts through tsx's require hook. */
function startWorker(setup: WorkerSetup): Worker {
  const js = path.join(__dirname, "batch-worker.js");
  if (existsSync(js)) return new Worker(js, { workerData: setup });
  const tsx = require.resolve("tsx/cjs/api");
  const ts = path.join(__dirname, "batch-worker.ts");
  return new Worker(`require(${JSON.stringify(tsx)}).register();require(${JSON.stringify(ts)});`, {
    eval: true,
    workerData: setup,
  });
}

/** How far V8 lets an isolate's heap grow past what its last full collection kept, as a percentage.
 *  Left to itself V8 grows a worker's heap with the files it has scored (a worker's committed heap
 *  ≈50 MB after 10 of the bench's mixed files, ≈70 MB after 100), so a long batch ends with more memory than
 *  a short one for no gain: the files' live data stays ≈12 MB. A factor of 1.1 keeps the heap near that
 *  (the process's peak RSS with 200 files within ≈10% of 20) at no measured cost in CPU per file; see
 *  docs/performance.md. It is a V8 flag, so it is set once, before the first worker's isolate is made,
 *  and holds for the batch's process (the parent's own heap as well). */
const HEAP_GROWING_PERCENT = 10;

/** Score every job on `count` workers; `onDone` gets each result as it comes (any order). */
async function runPool(
  jobs: Job[],
  count: number,
  setup: WorkerSetup,
  onStart: (job: Job) => void,
  onDone: (result: JobResult) => Promise<void> | void,
  lang: Lang,
): Promise<void> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const queue = [...jobs];
  let running = 0;
  await new Promise<void>((resolve) => {
    const finishOne = () => {
      running--;
      if (running === 0 && queue.length === 0) resolve();
    };
    const launch = () => {
      const worker = startWorker(setup);
      running++;
      let current: Job | undefined;
      let gone = false;
      const next = () => {
        current = queue.shift();
        if (current === undefined) {
          gone = true;
          void worker.terminate();
          finishOne();
          return;
        }
        onStart(current);
        worker.postMessage(current);
      };
      worker.on("message", (result: JobResult) => {
        current = undefined;
        void Promise.resolve(onDone(result)).then(next);
      });
      const lost = (reason: string) => {
        if (gone) return;
        gone = true;
        const job = current;
        current = undefined;
        const after = () => {
          finishOne();
          if (queue.length > 0) launch();
          else if (running === 0) resolve();
        };
        if (job)
          void Promise.resolve(
            onDone({
              index: job.index,
              status: "failed",
              error: text(lang, "batchWorkerLost", { reason }),
              exitCode: 2,
              subjects: [],
              findings: [],
              reports: [],
              fragment: false,
            }),
          ).then(after);
        else after();
      };
      worker.on("error", (e) => lost(String((e as Error)?.message ?? e)));
      worker.on("exit", (code) => lost(`exit ${code}`));
      next();
    };
    if (queue.length === 0) resolve();
    for (let i = 0; i < Math.min(count, queue.length); i++) launch();
  });
}

function jsonEntry(entry: Entry, done: Finished, report: string | null): string {
  const head: Record<string, string> = { path: entry.input, status: done.status };
  if (done.out) head.output = done.out;
  if (done.error !== undefined) head.error = done.error;
  const fields = Object.entries(head).map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  if (report !== null) fields.push(`      "report": ${report}`);
  return `    {\n${fields.join(",\n")}\n    }`;
}

/** Run the batch; resolves to the exit code. Throws BatchError for a run that cannot start. */
export async function runBatch(options: BatchOptions, io: ProgressIo): Promise<number> {
  const { lang } = options;
  const outDir = path.resolve(options.outDir);
  const outStat = await fs.stat(outDir).catch(() => null);
  if (outStat && !outStat.isDirectory())
    throw new BatchError(text(lang, "outDirNotFolder", { dir: options.outDir }));
  for (const arg of options.inputs) {
    const stat = await fs.stat(arg).catch(() => null);
    if (stat?.isDirectory() && outStat && (await fs.realpath(arg)) === (await fs.realpath(outDir)))
      throw new BatchError(text(lang, "outDirIsInput", { dir: options.outDir }));
  }
  const entries = await collectInputs(options.inputs, outDir, lang);
  if (entries.length === 0) throw new BatchError(text(lang, "batchNothing"));
  const toScore = entries.filter((e) => !e.skipped && !e.failed);
  const inputs = entries.map((e) => e.input);
  const protect = [...inputs, ...options.protect];
  // the run's own outputs are checked before anything is scored
  try {
    if (options.summary !== undefined)
      await checkOutputFile(options.summary, {
        protect: [...protect, ...(options.json ? [options.json] : [])],
        lang,
      });
    if (options.json !== undefined)
      await checkOutputFile(options.json, {
        protect: [...protect, ...(options.summary ? [options.summary] : [])],
        lang,
      });
    await fs.mkdir(outDir, { recursive: true });
  } catch (e) {
    if (e instanceof OutputFileError) throw new BatchError(e.message);
    throw new BatchError(
      text(lang, "outDirFailed", {
        dir: options.outDir,
        reason: (e as NodeJS.ErrnoException).code ?? String(e),
      }),
    );
  }

  const inputPaths: string[] = [];
  const inputInodes: string[] = [];
  for (const e of toScore) {
    inputPaths.push(await canonicalPath(e.input));
    const stat = await fs.stat(e.input).catch(() => null);
    inputInodes.push(stat ? `${stat.dev}:${stat.ino}` : "");
  }
  const setup: WorkerSetup = {
    lang,
    langGiven: options.langGiven,
    allowLoss: options.allowLoss,
    inputPaths,
    inputInodes,
  };
  if (options.config) setup.config = options.config;
  if (options.failOn) setup.failOn = options.failOn;
  if (options.reportFormat) setup.reportFormat = options.reportFormat;
  if (options.review) setup.review = true;

  // the scored files' summary rows wait on disk (one file each) until the summary is written
  const spillRows = options.summary !== undefined && !options.review;
  const temp =
    options.json || spillRows ? await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-batch-")) : null;
  const rowsFile = (i: number, kind: "subjects" | "findings") =>
    path.join(temp as string, `${kind}-${i}.json`);
  const json = options.json
    ? await openOutputStream(options.json, { protect, lang }).catch((e: unknown) => {
        throw new BatchError((e as Error).message);
      })
    : null;
  const finished: (Finished | undefined)[] = entries.map((e) =>
    e.skipped || e.failed
      ? {
          status: e.skipped ? "skipped" : "failed",
          error: e.skipped ?? e.failed,
          subjects: [],
          findings: [],
          exitCode: 2,
          reports: [],
        }
      : undefined,
  );
  const progress = new Progress(io, entries.length, { eta: text(lang, "batchEta") });
  const lineOf = (i: number) => {
    const done = finished[i] as Finished;
    return fileLine(lang, { n: i + 1, of: entries.length }, entries[i].rel, done);
  };

  // the JSON report, written in the batch's order as soon as every earlier file is finished
  let nextJson = 0;
  let jsonChain: Promise<void> = json ? json.write('{\n  "files": [\n') : Promise.resolve();
  let jsonError: Error | null = null;
  const flushJson = async () => {
    if (!json || !temp) return;
    while (nextJson < entries.length && finished[nextJson] !== undefined) {
      const i = nextJson++;
      const done = finished[i] as Finished;
      const fragment = path.join(temp, `${i}.json`);
      const report = done.status === "scored" ? await fs.readFile(fragment, "utf8").catch(() => null) : null;
      await fs.rm(fragment, { force: true });
      await json.write((i > 0 ? ",\n" : "") + jsonEntry(entries[i], done, report));
    }
  };
  const queueJson = () => {
    jsonChain = jsonChain.then(flushJson).catch((e: unknown) => {
      jsonError ??= e as Error;
    });
  };

  const jobs: Job[] = entries.flatMap((e, index) => {
    if (e.skipped || e.failed) return [];
    const out = path.join(outDir, ...e.rel.split("/"));
    const job: Job = { index, input: e.input, out };
    if (options.report) job.report = out.replace(/\.xlsx$/i, "") + ".docx";
    if (temp) job.fragment = path.join(temp, `${index}.json`);
    return [job];
  });
  const outs = new Map(jobs.map((j) => [j.index, j.out]));
  entries.forEach((e, i) => {
    if (finished[i]) progress.finished(i, lineOf(i));
  });
  queueJson();
  const count = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), jobs.length));
  try {
    await runPool(
      jobs,
      count,
      setup,
      (job) => progress.started(entries[job.index].rel),
      (result) => {
        const done: Finished = {
          status: result.status,
          subjects: result.subjects,
          findings: result.findings,
          exitCode: result.exitCode,
          reports: result.reports,
        };
        if (result.error !== undefined) done.error = result.error;
        if (result.status === "scored" && !options.review) done.out = outs.get(result.index);
        if (result.reviews) done.reviews = result.reviews;
        finished[result.index] = done;
        progress.finished(result.index, lineOf(result.index));
        queueJson();
        if (spillRows && done.status === "scored") {
          const { subjects, findings } = done;
          done.subjects = [];
          done.findings = [];
          return Promise.all([
            fs.writeFile(rowsFile(result.index, "subjects"), JSON.stringify(subjects)),
            fs.writeFile(rowsFile(result.index, "findings"), JSON.stringify(findings)),
          ]).then(() => undefined);
        }
      },
      lang,
    );
  } finally {
    progress.end();
  }
  await jsonChain;
  if (json) {
    try {
      if (jsonError) throw jsonError;
      await json.write("\n  ]\n}\n");
      await json.commit();
    } catch (e) {
      await json.abort();
      io.stderr(terminalSafe(text(lang, "error", { message: (e as Error).message })) + "\n");
    }
  }

  const all = finished as Finished[];
  const scored = all.filter((f) => f.status === "scored").length;
  const failed = all.filter((f) => f.status === "failed").length;
  const skipped = all.filter((f) => f.status === "skipped").length;
  let summaryFailed = false;
  if (options.summary !== undefined) {
    const file = options.summary;
    const summaryProtect = [...protect, ...(options.json ? [options.json] : [])];
    try {
      if (options.review) {
        const bytes = await options.review(entries, all, { lang, file });
        await writeOutputFile(file, bytes, { protect: summaryProtect, lang });
      } else {
        const { writeSummaryWorkbook } = await import("./batch-summary");
        const out = await openOutputStream(file, { protect: summaryProtect, lang });
        try {
          // each file's rows are read once, when the summary reaches them
          const read = async (i: number, kind: "subjects" | "findings") =>
            JSON.parse(await fs.readFile(rowsFile(i, kind), "utf8")) as unknown;
          const rows = {
            subjects: async (i: number) => (await read(i, "subjects")) as Finished["subjects"],
            findings: async (i: number) => (await read(i, "findings")) as Finished["findings"],
          };
          await writeSummaryWorkbook(entries, all, rows, { lang, file, out });
          await out.commit();
        } catch (e) {
          await out.abort();
          throw e;
        }
      }
    } catch (e) {
      summaryFailed = true;
      io.stderr(terminalSafe(text(lang, "error", { message: (e as Error).message })) + "\n");
    }
  }
  if (temp) await fs.rm(temp, { recursive: true, force: true });
  const lines = [
    options.review
      ? text(lang, "reviewDone", { scored, failed, skipped })
      : text(lang, "batchDone", { scored, failed, skipped, dir: options.outDir }),
  ];
  if (options.summary !== undefined && !summaryFailed)
    lines.push(text(lang, options.review ? "reviewWritten" : "summaryWritten", { file: options.summary }));
  if (json && !jsonError) lines.push(text(lang, "jsonWritten", { file: options.json as string }));
  io.stdout(lines.map(terminalSafe).join("\n") + "\n");
  if (scored === 0) {
    io.stderr(terminalSafe(text(lang, "error", { message: text(lang, "batchNoneRead") })) + "\n");
    return 2;
  }
  return all.some((f) => f.exitCode === 1) ? 1 : 0;
}
