/**
 * evaluate: the whole pipeline on a snapshot — config, detection, metrics, scores (the largest
 * indicator table first), findings, and what could not be checked. Never throws on bad input: a stage
 * that fails is reported in notChecked and the rest carries on with what there is.
 */
import { ncText } from "./not-computed";
import { parseCell } from "./address";
import { resolveConfig, type DeepPartial } from "./config";
import { detectSubjects, type WorkbookDetection } from "./detect";
import { DEPARTMENT_ID, DEPARTMENT_NAME } from "./subjects";
import { deriveFindings } from "./findings";
import { tableName } from "./rules/data";
import { computeMetrics } from "./metrics";
import { orderFindings, reviewSubject } from "./rules/review";
import { scoreIndicatorTable } from "./scoring/score";
import type {
  CellValue,
  BasicInfo,
  Detection,
  EvalConfig,
  Evaluation,
  Metrics,
  ScoreResult,
  Subject,
  SubjectEvaluation,
  SubjectReview,
  WorkbookSnapshot,
} from "./types";
import { cellText, normalizeText } from "./values";

const EMPTY_DETECTION: Detection = {
  tables: [],
  missing: ["budget", "indicators", "targets", "checklist"],
  budget: null,
  budgets: [],
  structure: null,
  finalAccounts: null,
  indicators: [],
  targets: null,
  checklist: null,
  problems: [],
};

const EMPTY_METRICS: Metrics = {
  execution: [],
  adjustment: [],
  departmentExecution: null,
  departmentAdjustment: null,
  finalAccounts: null,
  named: {},
  notComputed: [],
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const DEPARTMENT_LABELS = [
  "部门名称",
  "单位名称",
  "部门(单位)名称",
  "被评价单位",
  "被评价部门",
  "预算部门",
  "主管部门",
];
const YEAR_LABELS = ["评价年度", "预算年度", "年度", "评价期间"];

function labelOf(text: string): string {
  return normalizeText(text)
    .replace(/\s+/g, "")
    .replace(/[:：]$/, "");
}

/** 部门名称 / 评价年度 from label cells (value to the right, or after a colon in the same cell). */
function readBasicInfo(snapshot: WorkbookSnapshot): BasicInfo {
  const info: BasicInfo = { department: null, year: null, sheet: null };
  for (const sheet of snapshot.sheets ?? []) {
    const values = sheet.values ?? [];
    for (let r = 0; r < values.length && r < 200; r++) {
      const row = values[r] ?? [];
      for (let c = 0; c < row.length && c < 30; c++) {
        const text = cellText(row[c] ?? null);
        if (text === null) continue;
        const inline = /^([^:：]{2,12})[:：]\s*(.+)$/.exec(normalizeText(text));
        const label = labelOf(inline ? inline[1] : text);
        const isDept = DEPARTMENT_LABELS.includes(label);
        const isYear = YEAR_LABELS.includes(label);
        if (!isDept && !isYear) continue;
        let value = inline ? inline[2].trim() : null;
        for (let cc = c + 1; value === null && cc < row.length; cc++) value = cellText(row[cc] ?? null);
        if (value === null) continue;
        if (isDept && info.department === null) {
          info.department = value;
          info.sheet = info.sheet ?? sheet.name;
        }
        if (isYear && info.year === null) {
          const m = /(\d{4})/.exec(normalizeText(value));
          if (m) {
            info.year = m[1];
            info.sheet = info.sheet ?? sheet.name;
          }
        }
      }
    }
    if (info.department !== null && info.year !== null) break;
  }
  return info;
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  return a === b;
}

/** The snapshot with the add-in's own earlier output blanked: a cell the ledger says the add-in wrote,
 *  still holding that value (and no formula), is output, not input. Without this a second run would
 *  read its own results block as part of the table (a 合计 row, a 分值 column …). */
function withoutOwnOutput(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const entries = snapshot.ledger?.entries ?? [];
  if (entries.length === 0) return snapshot;
  const bySheet = new Map<string, { row: number; col: number; value: CellValue }[]>();
  for (const e of entries) {
    let cell: { row: number; col: number };
    try {
      cell = parseCell(e.address);
    } catch {
      continue;
    }
    const list = bySheet.get(e.sheet) ?? [];
    list.push({ ...cell, value: e.value });
    bySheet.set(e.sheet, list);
  }
  const sheets = snapshot.sheets.map((sheet) => {
    const own = bySheet.get(sheet.name);
    if (!own) return sheet;
    const values = sheet.values.map((row) => [...row]);
    for (const { row, col, value } of own) {
      const r = row - sheet.top;
      const c = col - sheet.left;
      if (values[r] === undefined || c < 0 || c >= values[r].length) continue;
      if (sheet.formulas?.[r]?.[c]) continue;
      if (sameValue(values[r][c], value)) values[r][c] = null;
    }
    return { ...sheet, values };
  });
  return { ...snapshot, sheets };
}

/** The snapshot without the add-in's own summary sheet (the ledger names it): its score table has
 *  一级指标 | 分值 | 得分 headers, and read as input it would be scored and written into on a re-run. */
function withoutSummarySheet(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const summary = snapshot.ledger?.summarySheet;
  if (!summary || !snapshot.sheets.some((s) => s.name === summary)) return snapshot;
  return { ...snapshot, sheets: snapshot.sheets.filter((s) => s.name !== summary) };
}

function isSnapshot(x: unknown): x is WorkbookSnapshot {
  return typeof x === "object" && x !== null && Array.isArray((x as WorkbookSnapshot).sheets);
}

type NotChecked = Evaluation["notChecked"];

function failure(zh: boolean, zhItem: string, enItem: string, error: unknown): NotChecked[number] {
  return {
    item: zh ? zhItem : enItem,
    reason: (zh ? "内部错误：" : "Internal error: ") + messageOf(error),
  };
}

/** One subject: its metrics, scores (the largest indicator table first), findings and what could not be
 *  checked, from its own tables only. */
function evaluateSubject(
  subject: Subject,
  detection: Detection,
  config: EvalConfig,
  ledger: WorkbookSnapshot["ledger"],
): SubjectEvaluation {
  const zh = config.lang === "zh-CN";
  const notChecked: NotChecked = [];
  let metrics = EMPTY_METRICS;
  try {
    metrics = computeMetrics(detection, config);
  } catch (error) {
    notChecked.push(failure(zh, "指标计算", "Metrics", error));
  }

  const tables = detection.indicators
    .map((table, index) => ({ table, index }))
    .sort((a, b) => b.table.rows.length - a.table.rows.length || a.index - b.index)
    .map(({ table }) => table);
  const scores: ScoreResult[] = [];
  for (const table of tables) {
    try {
      scores.push(scoreIndicatorTable(table, metrics, config));
    } catch (error) {
      const sheet = table.location.sheet;
      notChecked.push(failure(zh, `评分（${sheet}）`, `Scoring (${sheet})`, error));
    }
  }

  let findings: Evaluation["findings"] = [];
  try {
    findings = deriveFindings(detection, metrics, scores, config, ledger);
  } catch (error) {
    notChecked.push(failure(zh, "问题检查", "Findings", error));
  }

  let review: SubjectReview = { findings: [], scores: null };
  try {
    const reviewed = reviewSubject(metrics, scores, config);
    review = reviewed.review;
    if (reviewed.main.length) findings = orderFindings([...findings, ...reviewed.main]);
  } catch (error) {
    notChecked.push(failure(zh, "复核检查", "Review checks", error));
  }

  for (const kind of detection.missing) {
    notChecked.push({
      item: tableName(kind, config.lang),
      reason: zh
        ? "未在工作簿中识别到该表的表头，相关检查未进行。"
        : "No header of this table was found; its checks were not run.",
    });
  }
  for (const m of metrics.notComputed) notChecked.push({ item: m.metric, reason: m.reason });
  return { subject, detection, metrics, scores, findings, notChecked, review };
}

/** Evaluate a workbook snapshot: every subject on its own (see Evaluation for the top-level fields). */
export function evaluate(snapshot: WorkbookSnapshot, partial?: DeepPartial<EvalConfig>): Evaluation {
  const config = resolveConfig(partial);
  const zh = config.lang === "zh-CN";
  const notChecked: NotChecked = [];

  if (!isSnapshot(snapshot)) {
    notChecked.push({
      item: zh ? "工作簿" : "Workbook",
      reason: zh ? "未读取到任何工作表。" : "No sheets were read.",
    });
    snapshot = { sheets: [] };
  }

  let info: BasicInfo = { department: null, year: null, sheet: null };
  try {
    info = readBasicInfo(withoutSummarySheet(snapshot));
  } catch (error) {
    notChecked.push(failure(zh, "基本信息", "Basic information", error));
  }

  let found: WorkbookDetection = {
    workbook: EMPTY_DETECTION,
    subjects: [
      {
        subject: { id: DEPARTMENT_ID, kind: "department", name: DEPARTMENT_NAME, sheet: "", sheets: [] },
        detection: EMPTY_DETECTION,
      },
    ],
  };
  try {
    found = detectSubjects(withoutOwnOutput(withoutSummarySheet(snapshot)), {
      departmentName: info.department,
    });
  } catch (error) {
    notChecked.push(failure(zh, "表格识别", "Table detection", error));
  }

  const subjects = found.subjects.map((s) =>
    evaluateSubject(s.subject, s.detection, config, snapshot.ledger),
  );
  if (subjects.length === 1) {
    const only = subjects[0];
    // workbook-level notes (the snapshot, 基本信息, detection) first, as before
    only.notChecked.unshift(...notChecked);
    return {
      config,
      detection: only.detection,
      metrics: only.metrics,
      scores: only.scores,
      findings: only.findings,
      notChecked: only.notChecked,
      info,
      subjects,
    };
  }
  const department = subjects.find((s) => s.subject.kind === "department") ?? null;
  const ordered = department ? [department, ...subjects.filter((s) => s !== department)] : subjects;
  for (const s of subjects)
    for (const n of s.notChecked)
      notChecked.push({
        item: ncText(config.lang, "subjectItem", { subject: s.subject.name, item: n.item }),
        reason: n.reason,
      });
  return {
    config,
    detection: found.workbook,
    metrics: department?.metrics ?? EMPTY_METRICS,
    scores: ordered.flatMap((s) => s.scores),
    findings: subjects.flatMap((s) => s.findings),
    notChecked,
    info,
    subjects,
  };
}
