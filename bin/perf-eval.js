#!/usr/bin/env node
// Command-line entry of 绩效评价助手. The TypeScript sources are compiled to lib/ by `npm ci`
// (the package's `prepare` script) or `npm run build:cli`.
"use strict";
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("perf-eval: lib/ is missing. Run `npm ci` or `npm run build:cli` first.\n");
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
