/**
 * A batch worker thread (./batch.ts starts them): scores the files it is sent one at a time through
 * scoreFile — the scored copy and the reports written the safe way (./output-files) — and sends back
 * only the file's summary rows; its JSON report goes to the temporary fragment file the parent names.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { rowsOf, type Job, type JobResult, type WorkerSetup } from "./batch-rows";
import { text } from "./messages";
import { canonicalPath } from "./output-files";
import { reviewRowsOf } from "./review";
import { reportText, scoreFile, type ScoreFileOptions } from "./score-file";

const setup = workerData as WorkerSetup;
const inputPaths = new Map(setup.inputPaths.map((p, i) => [p, i]));
const inputInodes = new Map(setup.inputInodes.map((p, i) => [p, i]));

/** The input `target` is (by its canonical path, or the same file by device and inode), if any. */
async function inputAt(target: string): Promise<number | undefined> {
  const byPath = inputPaths.get(await canonicalPath(target));
  if (byPath !== undefined) return byPath;
  try {
    const stat = await fs.stat(target);
    return inputInodes.get(`${stat.dev}:${stat.ino}`);
  } catch {
    return undefined;
  }
}

export async function scoreJob(job: Job): Promise<JobResult> {
  const { lang } = setup;
  const result: JobResult = {
    index: job.index,
    status: "failed",
    exitCode: 2,
    subjects: [],
    findings: [],
    reports: [],
    fragment: false,
  };
  const clash = setup.review ? undefined : await inputAt(job.out);
  if (clash !== undefined) {
    result.error = text(lang, "outputSameFile", { file: job.out, other: setup.inputPaths[clash] });
    return result;
  }
  try {
    if (!setup.review) await fs.mkdir(path.dirname(job.out), { recursive: true });
  } catch (e) {
    result.error = text(lang, "outputWriteFailed", {
      file: job.out,
      reason: (e as NodeJS.ErrnoException).code ?? String(e),
    });
    return result;
  }
  const options: ScoreFileOptions = {
    lang,
    langGiven: setup.langGiven,
    allowLoss: setup.allowLoss,
    keepReport: true,
  };
  if (!setup.review) options.out = job.out;
  if (setup.config) options.config = setup.config;
  if (setup.failOn) options.failOn = setup.failOn;
  if (job.report) options.report = job.report;
  if (setup.reportFormat) options.reportFormat = setup.reportFormat;
  const scored = await scoreFile(job.input, options);
  if (scored.error || !scored.report) {
    result.error = scored.error?.message ?? "?";
    return result;
  }
  const rows = rowsOf(scored.report, lang);
  result.status = "scored";
  result.exitCode = scored.exitCode;
  result.subjects = rows.subjects;
  result.findings = rows.findings;
  result.reports = scored.reports ?? [];
  if (setup.review) result.reviews = reviewRowsOf(scored.report, lang);
  if (job.fragment) {
    // indented to its place in {files: [{…, report: …}]}
    await fs.writeFile(job.fragment, reportText(scored.report).replace(/\n/g, "\n      "));
    result.fragment = true;
  }
  return result;
}

parentPort?.on("message", (job: Job) => {
  scoreJob(job).then(
    (result) => parentPort?.postMessage(result),
    (e: unknown) =>
      parentPort?.postMessage({
        index: job.index,
        status: "failed",
        error: String((e as Error)?.message ?? e),
        exitCode: 2,
        subjects: [],
        findings: [],
        reports: [],
        fragment: false,
      } satisfies JobResult),
  );
});
