/**
 * The batch's summary workbook (--summary, a new file of ours, written with ExcelJS; loaded only when
 * asked for): sheet 1 one row per subject of every file (文件 | 单位 | 项目 | 类型 | 总分 | 等级 | 执行率 |
 * 调整率 | 错误 | 警告 | 评分副本 link | 说明), a file that was not scored as a row saying why; sheet 2 every
 * finding (文件 | 项目 | 级别 | 类别 | 问题 | 单元格). Both with a frozen header row and an auto-filter.
 */
import path from "node:path";
import type { Lang } from "../engine/types";
import { Workbook } from "../host/xlsx/exceljs";
import { fitCellText } from "../host/cells";
import type { Entry, Finished } from "./batch";
import { text, type TextKey } from "./messages";

const SUBJECT_HEADERS: TextKey[] = [
  "colFile",
  "colUnit",
  "colSubject",
  "colKind",
  "colTotal",
  "colGrade",
  "colExecution",
  "colAdjustment",
  "colErrors",
  "colWarnings",
  "colCopy",
  "colNote",
];
const FINDING_HEADERS: TextKey[] = [
  "colFile",
  "colSubject",
  "colSeverity",
  "colCategory",
  "colFinding",
  "colCell",
];

/** A hyperlink target relative to the summary's folder, with "/" (what Excel and WPS resolve). */
function linkTo(target: string, summaryFile: string): string {
  return path
    .relative(path.dirname(path.resolve(summaryFile)), target)
    .split(path.sep)
    .join("/");
}

const cellText = (s: string) => fitCellText(s);

export async function summaryWorkbook(
  entries: Entry[],
  finished: Finished[],
  options: { lang: Lang; file: string },
): Promise<Uint8Array> {
  const { lang } = options;
  const wb = new Workbook();
  const subjects = wb.addWorksheet(text(lang, "sheetSubjects"));
  const findings = wb.addWorksheet(text(lang, "sheetFindings"));
  subjects.addRow(SUBJECT_HEADERS.map((k) => text(lang, k)));
  findings.addRow(FINDING_HEADERS.map((k) => text(lang, k)));
  const kindName = (kind: "project" | "department") =>
    text(lang, kind === "project" ? "kindProject" : "kindDepartment");
  for (const [i, entry] of entries.entries()) {
    const done = finished[i];
    const file = cellText(entry.rel);
    if (done.status !== "scored") {
      subjects.addRow([
        file,
        null,
        null,
        text(lang, done.status === "skipped" ? "kindSkipped" : "kindFailed"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        cellText(done.error ?? ""),
      ]);
      continue;
    }
    for (const s of done.subjects) {
      const row = subjects.addRow([
        file,
        s.unit === null ? null : cellText(s.unit),
        cellText(s.name),
        kindName(s.kind),
        s.total,
        s.grade,
        s.execution,
        s.adjustment,
        s.errors,
        s.warnings,
        null,
        null,
      ]);
      if (done.out) {
        const link = row.getCell(11);
        link.value = { text: cellText(entry.rel), hyperlink: linkTo(done.out, options.file) };
        link.font = { color: { argb: "FF0563C1" }, underline: true };
      }
    }
    for (const f of done.findings)
      findings.addRow([file, cellText(f.subject), f.severity, f.category, cellText(f.message), f.cell]);
  }
  subjects.getColumn(5).numFmt = "0.00";
  subjects.getColumn(7).numFmt = "0.00%";
  subjects.getColumn(8).numFmt = "0.00%";
  const widths = [28, 20, 24, 10, 8, 6, 9, 9, 6, 6, 28, 40];
  widths.forEach((w, c) => (subjects.getColumn(c + 1).width = w));
  [28, 24, 6, 14, 60, 16].forEach((w, c) => (findings.getColumn(c + 1).width = w));
  for (const [ws, columns] of [
    [subjects, SUBJECT_HEADERS.length],
    [findings, FINDING_HEADERS.length],
  ] as const) {
    ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: columns } };
    ws.getRow(1).font = { bold: true };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
