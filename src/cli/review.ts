/**
 * `perf-eval review <files or folders…> --out 复核底稿.xlsx`: the 复核 workpaper of a batch of units'
 * self-evaluation workbooks. The files are found and scored the way `score … --out-dir` does it
 * (./batch.ts walks the folders and runs the worker threads, in its review mode: no scored copies), each
 * worker keeping only the file's review rows (reviewRowsOf, from the file's JSON report); then one
 * workbook (ExcelJS, a new file of ours): sheet 1 the units (文件 | 单位 | P0 | P1 | P2 | 合计 | 底稿 | 说明,
 * a file not reviewed as a row saying why), then one sheet per unit with every review finding (项目 |
 * 指标 | 问题 | 级别 | 建议扣分 | 依据 | 单元格, the cell linked in the unit's own file). A finding about
 * several rows is one line per row; a subject's lines P0 first. Frozen header rows and auto-filters. See docs/review.md.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JsonReport } from "../engine/report";
import type { EvalConfig, Lang, ReviewLevel } from "../engine/types";
import { fitCellText } from "../host/cells";
import { t, type MessageKey } from "../i18n";
import { BatchError, runBatch, type BatchOptions, type Entry, type Finished } from "./batch";
import { parseCommandArgs, text } from "./messages";
import type { ProgressIo } from "./terminal";

/** One line of a unit's sheet: one review finding, or one row of a finding about several. */
interface ReviewFindingRow {
  /** The subject (项目) it belongs to. */
  subject: string;
  /** The indicator (三级) it is about, or "" when it is about the whole table. */
  indicator: string;
  problem: string;
  level: ReviewLevel;
  /** 建议扣分, where the data say how many points are at stake. */
  deduct: number | null;
  basis: string;
  sheet: string | null;
  cell: string | null;
}

/** What a batch keeps of one reviewed file. */
export interface ReviewUnit {
  /** 部门名称 of its 基本信息, when given. */
  unit: string | null;
  rows: ReviewFindingRow[];
}

const LEVELS: readonly ReviewLevel[] = ["P0", "P1", "P2"];

/** The review rows of a scored file: every subject's review findings, a line per member row. */
export function reviewRowsOf(report: JsonReport, lang: Lang): ReviewUnit {
  const rows: ReviewFindingRow[] = [];
  for (const s of report.subjects) {
    const start = rows.length;
    for (const f of s.review.findings) {
      const level = f.level && LEVELS.includes(f.level) ? f.level : "P2";
      const base = { subject: s.name, level, basis: f.basis ?? "" };
      if (f.members.length === 0)
        rows.push({
          ...base,
          indicator: f.indicator ?? "",
          problem: f.message,
          deduct: f.deduct ?? null,
          sheet: f.sheet,
          cell: f.cell,
        });
      else
        for (const m of f.members)
          rows.push({
            ...base,
            indicator: m.indicator ?? "",
            problem: t(lang, "workpaper.problem", { title: f.title, detail: m.text }),
            deduct: m.deduct ?? null,
            sheet: m.sheet,
            cell: m.cell,
          });
    }
    // within a subject P0 first, then P1, then P2 (catalogue order kept within a level)
    const own = rows.splice(start).sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
    rows.push(...own);
  }
  return { unit: report.department, rows };
}

/** P0/P1/P2 lines of a unit. */
function levelCounts(rows: ReviewFindingRow[]): Record<ReviewLevel, number> {
  const counts: Record<ReviewLevel, number> = { P0: 0, P1: 0, P2: 0 };
  for (const r of rows) counts[r.level]++;
  return counts;
}

const UNIT_HEADERS: MessageKey[] = [
  "workpaper.col.file",
  "workpaper.col.unit",
  "workpaper.col.p0",
  "workpaper.col.p1",
  "workpaper.col.p2",
  "workpaper.col.findings",
  "workpaper.col.workpaper",
  "workpaper.col.note",
];
const FINDING_HEADERS: MessageKey[] = [
  "workpaper.col.subject",
  "workpaper.col.indicator",
  "workpaper.col.finding",
  "workpaper.col.level",
  "workpaper.col.deduct",
  "workpaper.col.basis",
  "workpaper.col.cell",
];

/** A sheet name Excel accepts (≤ 31 characters, none of : \ / ? * [ ], not quoted), unique here. */
function sheetNameFor(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[:\\/?*[\]]/g, "_")
      .replace(/^'+|'+$/g, "")
      .trim() || "_";
  const cut = (s: string, n: number) => Array.from(s).slice(0, n).join("");
  let name = cut(clean, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = cut(clean, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

const quoteSheet = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** A cell address written absolute ($H$3): the hyperlink then stays a link into the other file. */
function absolute(cell: string): string {
  const first = cell.split(":")[0];
  return first.replace(/^([A-Za-z]+)(\d+)$/, "$$$1$$$2");
}

/** The link from the workpaper to a cell of a unit's file: relative path, then #'sheet'!$A$1. */
function cellLink(input: string, workpaper: string, sheet: string, cell: string): string {
  const rel = path
    .relative(path.dirname(path.resolve(workpaper)), path.resolve(input))
    .split(path.sep)
    .join("/");
  return `${rel}#${quoteSheet(sheet)}!${absolute(cell)}`;
}

const LINK_FONT = { color: { argb: "FF0563C1" }, underline: true } as const;

/** The workpaper's bytes. */
async function reviewWorkpaper(
  entries: Entry[],
  finished: Finished[],
  options: { lang: Lang; file: string },
): Promise<Uint8Array> {
  const { lang } = options;
  const { Workbook } = await import("../host/xlsx/exceljs");
  const wb = new Workbook();
  const taken = new Set<string>();
  const units = wb.addWorksheet(sheetNameFor(t(lang, "workpaper.sheetUnits"), taken));
  units.addRow(UNIT_HEADERS.map((k) => t(lang, k)));
  const sheets: { ws: ReturnType<typeof wb.addWorksheet>; columns: number }[] = [
    { ws: units, columns: UNIT_HEADERS.length },
  ];
  for (const [i, entry] of entries.entries()) {
    const done = finished[i];
    const file = fitCellText(entry.rel);
    const review = done.reviews;
    if (done.status !== "scored" || !review) {
      units.addRow([
        file,
        null,
        null,
        null,
        null,
        null,
        null,
        fitCellText(
          t(lang, done.status === "skipped" ? "workpaper.skipped" : "workpaper.failed", {
            reason: done.error ?? "",
          }),
        ),
      ]);
      continue;
    }
    const counts = levelCounts(review.rows);
    const stem = path.posix.basename(entry.rel).replace(/\.xlsx$/i, "");
    const name = sheetNameFor(review.unit ?? stem, taken);
    const ws = wb.addWorksheet(name);
    sheets.push({ ws, columns: FINDING_HEADERS.length });
    ws.addRow(FINDING_HEADERS.map((k) => t(lang, k)));
    for (const r of review.rows) {
      const row = ws.addRow([
        fitCellText(r.subject),
        fitCellText(r.indicator || "—"),
        fitCellText(r.problem),
        r.level,
        r.deduct,
        fitCellText(r.basis),
        null,
      ]);
      if (r.sheet && r.cell) {
        const link = row.getCell(7);
        link.value = {
          text: fitCellText(`${r.sheet}!${r.cell}`),
          hyperlink: cellLink(entry.input, options.file, r.sheet, r.cell),
        };
        link.font = LINK_FONT;
      } else if (r.sheet) row.getCell(7).value = fitCellText(r.sheet);
    }
    if (review.rows.length === 0) ws.addRow([null, null, t(lang, "workpaper.none")]);
    ws.getColumn(5).numFmt = "0.00";
    [20, 18, 60, 6, 9, 50, 16].forEach((w, c) => (ws.getColumn(c + 1).width = w));
    const row = units.addRow([
      file,
      review.unit === null ? null : fitCellText(review.unit),
      counts.P0,
      counts.P1,
      counts.P2,
      review.rows.length,
      null,
      null,
    ]);
    const link = row.getCell(7);
    link.value = { text: name, hyperlink: `${quoteSheet(name)}!A1` };
    link.font = LINK_FONT;
  }
  [28, 24, 6, 6, 6, 6, 24, 40].forEach((w, c) => (units.getColumn(c + 1).width = w));
  for (const { ws, columns } of sheets) {
    ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: columns } };
    ws.getRow(1).font = { bold: true };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** `review`'s arguments. */
interface ReviewArgs {
  inputs: string[];
  out: string;
  jobs?: number;
  config?: string;
  profile?: string;
  lang: Lang;
  langGiven: boolean;
}

/** The arguments of `perf-eval review`; a BatchError (exit code 2) says what is wrong. */
export function parseReviewArgs(args: string[], lang: Lang): ReviewArgs {
  const parsed = parseCommandArgs(
    args,
    {
      out: { type: "string" },
      jobs: { type: "string" },
      config: { type: "string" },
      profile: { type: "string" },
      lang: { type: "string" },
    },
    lang,
    (message) => new BatchError(message),
  );
  const { values, positionals } = parsed;
  const chosen = values.lang ?? lang;
  if (chosen !== "zh-CN" && chosen !== "en-US")
    throw new BatchError(text(lang, "badLang", { value: chosen }));
  if (positionals.length === 0)
    throw new BatchError(`${t(chosen, "workpaper.needInput")}\n${text(chosen, "seeHelp")}`);
  if (values.out === undefined)
    throw new BatchError(`${t(chosen, "workpaper.needOut")}\n${text(chosen, "seeHelp")}`);
  if (!/\.xlsx$/i.test(values.out))
    throw new BatchError(t(chosen, "workpaper.notXlsx", { file: values.out }));
  const options: ReviewArgs = {
    inputs: positionals,
    out: values.out,
    lang: chosen,
    langGiven: values.lang !== undefined,
  };
  if (values.jobs !== undefined) {
    const jobs = Number(values.jobs);
    if (!/^\d+$/.test(values.jobs) || !Number.isSafeInteger(jobs) || jobs < 1)
      throw new BatchError(text(chosen, "badJobs", { value: values.jobs }));
    options.jobs = jobs;
  }
  if (values.config !== undefined) options.config = values.config;
  if (values.profile !== undefined) options.profile = values.profile;
  return options;
}

/** Review the batch and write the workpaper; resolves to the exit code (2 when nothing was read). */
export async function runReview(
  args: ReviewArgs,
  config: EvalConfig | undefined,
  io: ProgressIo,
): Promise<number> {
  // the batch's scored copies are not written in review mode; its output folder is a scratch one
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-review-"));
  const options: BatchOptions = {
    inputs: args.inputs,
    outDir: scratch,
    summary: args.out,
    report: false,
    lang: args.lang,
    langGiven: args.langGiven,
    allowLoss: true,
    protect: [args.config, args.profile].filter((f): f is string => f !== undefined),
    review: reviewWorkpaper,
  };
  if (config) options.config = config;
  if (args.jobs !== undefined) options.jobs = args.jobs;
  try {
    return await runBatch(options, io);
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
