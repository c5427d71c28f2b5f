// Preloaded (`node -r bench/maxrss.js …`) into a measured child: on exit, its peak resident set size in
// bytes is written to the file named by PERF_EVAL_MAXRSS_FILE (section 3 of bench/run.ts).
"use strict";
const fs = require("fs");
const file = process.env.PERF_EVAL_MAXRSS_FILE;
if (file)
  process.on("exit", () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
