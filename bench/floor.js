// The floor for the command line: only load and save the same file with the same xlsx library.
"use strict";
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[2]);
  await wb.xlsx.writeFile(process.argv[3]);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
