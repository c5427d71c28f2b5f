// One measured batch run for bench/run.ts (section batch): perf-eval's compiled command line (lib/)
// run in this process with its output discarded; prints {code, ms, cpuMs, maxRssMb, mainHeapPeakMb}.
// The process's peak RSS is the parent's with its worker threads (they share the process).
"use strict";
const { main } = require("../lib/cli/main.js");

let heapPeak = 0;
const sample = () => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
};
const timer = setInterval(sample, 10);
const start = performance.now();
main(process.argv.slice(2), { stdout() {}, stderr() {}, isTTY: false, columns: 80 }).then(
  (code) => {
    const ms = performance.now() - start;
    clearInterval(timer);
    sample();
    const ru = process.resourceUsage();
    const MB = 1024 * 1024;
    process.stdout.write(
      JSON.stringify({
        code,
        ms,
        cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000,
        maxRssMb: (ru.maxRSS * 1024) / MB,
        mainHeapPeakMb: heapPeak / MB,
      }) + "\n",
    );
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
