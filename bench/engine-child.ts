/**
 * One engine measurement in its own process, so peak memory is this size's alone:
 * build a synthetic snapshot, then time detect + score + findings + plan (evaluate + planWrites) of the
 * compiled engine (lib/, what the command line ships; `npm run bench` builds it first).
 * Prints one JSON line: { budgetRows, indicatorRows, ms, cpuMs, peakRssMb, baselineRssMb, findings, writes }.
 * cpuMs is user + system CPU time of the run (the median run), which a busy shared machine inflates
 * far less than wall time.
 */
// bench/run.ts transpiles this file into bench/out and points this import at the compiled engine (lib/)
import { evaluate, planWrites } from "../src/engine";
import { syntheticWorkbook } from "./synthetic";

const budgetRows = Number(process.argv[2]);
const indicatorRows = Number(process.argv[3]);
const runs = Number(process.argv[4] ?? 3);

const snapshot = syntheticWorkbook(budgetRows, indicatorRows);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baselineRss = process.memoryUsage().rss;

/** One 评分 in its own call frame, so its results are garbage once it returns (a loop body's `const`
 *  would keep the previous run's evaluation alive in a register while the next one runs). */
function once(): { ms: number; cpuMs: number; findings: number; writes: number } {
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const evaluation = evaluate(snapshot);
  const plan = planWrites(snapshot, evaluation);
  const cpu = process.cpuUsage(cpu0);
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1000,
    findings: evaluation.findings.length,
    writes: plan.writes.length,
  };
}

const times: ReturnType<typeof once>[] = [];
for (let i = 0; i < runs; i++) {
  // each 评分 starts from a collected heap, as a click in the pane does
  gc?.();
  times.push(once());
}
times.sort((a, b) => a.cpuMs - b.cpuMs);
const mid = times[Math.floor(times.length / 2)];
const usage = process.resourceUsage();
process.stdout.write(
  JSON.stringify({
    budgetRows,
    indicatorRows,
    ms: mid.ms,
    cpuMs: mid.cpuMs,
    peakRssMb: usage.maxRSS / 1024,
    baselineRssMb: baselineRss / 1024 / 1024,
    findings: mid.findings,
    writes: mid.writes,
  }) + "\n",
);
