/**
 * The batch's summary workbook (--summary, a new file of ours, streamed with ExcelJS's WorkbookWriter;
 * loaded only when asked for): sheet 1 one row per subject of every file (文件 | 单位 | 项目 | 类型 | 总分 |
 * 等级 | 执行率 | 调整率 | 错误 | 警告 | 评分副本 link | 说明), a file that was not scored as a row saying
 * why; sheet 2 every finding (文件 | 项目 | 级别 | 类别 | 问题 | 单元格). Both with a frozen header row and an
 * auto-filter. The rows are read file by file (`rows`, from the batch's temporary folder) and written
 * to the output as they are read: the summary holds no file's rows beyond the one it is writing.
 */
import path from "node:path";
import { Writable } from "node:stream";
import type { Lang } from "../engine/types";
import { WorkbookWriter } from "../host/xlsx/exceljs";
import { fitCellText } from "../host/cells";
import type { Entry, Finished } from "./batch";
import type { FindingRow, SubjectRow } from "./batch-rows";
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

/** The output the summary streams into: the batch's safe output file (./output-files). */
interface SummaryOutput {
  write(chunk: Uint8Array): Promise<void>;
}

/** A Node writable over `out` (ExcelJS's writer pipes its zip into one). */
function sink(out: SummaryOutput): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.write(chunk).then(() => done(), done);
    },
  });
}

export async function writeSummaryWorkbook(
  entries: Entry[],
  finished: Finished[],
  rows: {
    subjects: (index: number) => Promise<SubjectRow[]>;
    findings: (index: number) => Promise<FindingRow[]>;
  },
  options: { lang: Lang; file: string; out: SummaryOutput },
): Promise<void> {
  const { lang } = options;
  const wb = new WorkbookWriter({ stream: sink(options.out), useStyles: true, useSharedStrings: false });
  const kindName = (kind: "project" | "department") =>
    text(lang, kind === "project" ? "kindProject" : "kindDepartment");
  const bold = { bold: true };
  const sheetOf = (name: TextKey, headers: TextKey[], widths: number[]) => {
    const ws = wb.addWorksheet(text(lang, name), {
      views: [{ state: "frozen", xSplit: 0, ySplit: 1 }],
    });
    ws.columns = widths.map((width) => ({ width }));
    const head = ws.addRow(headers.map((k) => text(lang, k)));
    head.font = bold;
    head.commit();
    return ws;
  };

  const subjects = sheetOf("sheetSubjects", SUBJECT_HEADERS, [28, 20, 24, 10, 8, 6, 9, 9, 6, 6, 28, 40]);
  let subjectRows = 1;
  for (const [i, entry] of entries.entries()) {
    const done = finished[i];
    const file = cellText(entry.rel);
    if (done.status !== "scored") {
      const kind = text(lang, done.status === "skipped" ? "kindSkipped" : "kindFailed");
      subjects
        .addRow([file, null, null, kind, ...Array<null>(7).fill(null), cellText(done.error ?? "")])
        .commit();
      subjectRows++;
      continue;
    }
    for (const s of await rows.subjects(i)) {
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
      row.getCell(5).numFmt = "0.00";
      row.getCell(7).numFmt = "0.00%";
      row.getCell(8).numFmt = "0.00%";
      if (done.out) {
        const link = row.getCell(11);
        link.value = { text: cellText(entry.rel), hyperlink: linkTo(done.out, options.file) };
        link.font = { color: { argb: "FF0563C1" }, underline: true };
      }
      row.commit();
      subjectRows++;
    }
  }
  subjects.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: subjectRows, column: SUBJECT_HEADERS.length },
  };
  subjects.commit();

  const findings = sheetOf("sheetFindings", FINDING_HEADERS, [28, 24, 6, 14, 60, 16]);
  let findingRows = 1;
  for (const [i, entry] of entries.entries()) {
    if (finished[i].status !== "scored") continue;
    const file = cellText(entry.rel);
    for (const f of await rows.findings(i)) {
      findings
        .addRow([file, cellText(f.subject), f.severity, f.category, cellText(f.message), f.cell])
        .commit();
      findingRows++;
    }
  }
  findings.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: findingRows, column: FINDING_HEADERS.length },
  };
  findings.commit();
  await wb.commit();
}
