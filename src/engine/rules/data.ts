/**
 * Rule family: data quality (数据质量) — the input problems detection recorded (Excel errors, text in number
 * cells, merged headers) and the tables that were not found. Its catalogue entries, then its checks.
 */
import type { Detection, Finding, TableKind } from "../types";
import { grouperOf, member, ruleIn, type MemberAt, type Params, type RuleDef, type Texts } from "./define";

// ───────────────────────────── policy texts ─────────────────────────────

const REC_DATA: Texts = {
  "zh-CN": "建议核对并修正该单元格的数据后重新评分。",
  "en-US": "Check and correct the cell's data, then score the workbook again.",
};

// ───────────────────────────── catalogue entries ─────────────────────────────

export const DATA_RULES = [
  {
    code: "DATA_EXCEL_ERROR",
    category: "data",
    severity: "error",
    title: { "zh-CN": "单元格为错误值", "en-US": "Excel error in a cell" },
    message: {
      "zh-CN": "以下单元格为错误值，已按空白处理：{list}。",
      "en-US": "These cells hold Excel errors and were read as blank: {list}.",
    },
    member: { "zh-CN": "“{sheet}”{cell}（{value}）", "en-US": "“{sheet}” {cell} ({value})" },
    basis: null,
    recommendation: REC_DATA,
  },
  {
    code: "DATA_NOT_A_NUMBER",
    category: "data",
    severity: "warning",
    title: { "zh-CN": "数值单元格中为文字", "en-US": "Text in a number cell" },
    message: {
      "zh-CN": "以下单元格应为数字，实际为文字，已按空白处理：{list}。",
      "en-US": "These cells should hold numbers but hold text; they were read as blank: {list}.",
    },
    member: { "zh-CN": "“{sheet}”{cell}（“{text}”）", "en-US": "“{sheet}” {cell} (“{text}”)" },
    basis: null,
    recommendation: REC_DATA,
  },
  {
    code: "DATA_MERGED_HEADER",
    category: "data",
    severity: "info",
    title: { "zh-CN": "表头为跨列合并单元格", "en-US": "Header merged across columns" },
    message: {
      "zh-CN": "以下表头跨列合并，已按第一个有数据的列读取：{list}。",
      "en-US": "These headers are merged across columns; the first column with data was used: {list}.",
    },
    member: {
      "zh-CN": "“{sheet}”{cell}“{text}”（{columns}列有数据）",
      "en-US": "“{sheet}” {cell} “{text}” ({columns} columns with data)",
    },
    basis: null,
    recommendation: {
      "zh-CN": "建议取消表头的跨列合并，每个数据列使用单独的表头。",
      "en-US": "Unmerge the header so that every data column has its own heading.",
    },
  },
  {
    code: "DATA_INPUT",
    category: "data",
    severity: "warning",
    title: { "zh-CN": "输入数据问题", "en-US": "Input data problem" },
    message: {
      "zh-CN": "以下单元格的数据有问题：{list}。",
      "en-US": "These cells have data problems: {list}.",
    },
    member: { "zh-CN": "“{sheet}”{cell}（{problem}）", "en-US": "“{sheet}” {cell} ({problem})" },
    basis: null,
    recommendation: REC_DATA,
  },
  {
    code: "TABLE_MISSING",
    category: "data",
    severity: "info",
    title: { "zh-CN": "未识别到表格", "en-US": "Table not found" },
    message: {
      "zh-CN": "未在工作簿中识别到{table}，相关检查未进行。",
      "en-US": "No {tableEn} was found in the workbook; its checks were not run.",
    },
    basis: null,
    recommendation: {
      "zh-CN":
        "如工作簿中有该表，请检查其表头是否使用常见名称（如“年初预算数”“调整后预算数”“决算数”“一级指标”“分值”“得分”）。",
      "en-US":
        "If the workbook has this table, check that its headers use the usual names (such as 年初预算数, 调整后预算数, 决算数, 一级指标, 分值, 得分).",
    },
  },
] as const satisfies readonly RuleDef[];

export type DataCode = (typeof DATA_RULES)[number]["code"];

const grouped = grouperOf(DATA_RULES);

// ───────────────────────────── checks ─────────────────────────────

const TABLE_NAMES: Record<TableKind, { zh: string; en: string }> = {
  budget: { zh: "预算执行表", en: "budget table" },
  structure: { zh: "支出结构表", en: "expenditure structure table" },
  indicators: { zh: "指标评分表", en: "indicator scoring table" },
  targets: { zh: "绩效目标表", en: "performance target table" },
  checklist: { zh: "管理情况检查表", en: "management checklist" },
  finalAccounts: { zh: "收入支出决算总表", en: "final accounts statement" },
};

export function tableName(kind: TableKind, lang: "zh-CN" | "en-US"): string {
  return lang === "zh-CN" ? TABLE_NAMES[kind].zh : TABLE_NAMES[kind].en;
}

const DATA_CODES = new Set<string>(DATA_RULES.map((r) => r.code));

function isDataCode(code: string): code is DataCode {
  return DATA_CODES.has(code);
}

export function dataFindings(detection: Detection): Finding[] {
  const byCode = new Map<DataCode, MemberAt[]>();
  for (const p of detection.problems) {
    // a problem code the catalogue does not know is reported as the generic input problem
    const code: DataCode = isDataCode(p.code) ? p.code : "DATA_INPUT";
    const params: Params = code === "DATA_INPUT" ? { ...p.params, problem: p.code } : { ...p.params };
    const list = byCode.get(code) ?? [];
    list.push(member(p.sheet, p.row, p.col, params));
    byCode.set(code, list);
  }
  const out: Finding[] = [];
  for (const [code, members] of byCode) {
    const f = grouped(code, members, {});
    if (f) out.push(f);
  }
  for (const kind of detection.missing) {
    const rule = ruleIn(DATA_RULES, "TABLE_MISSING");
    out.push({
      rule: rule.code,
      severity: rule.severity,
      category: rule.category,
      params: { table: TABLE_NAMES[kind].zh, tableEn: TABLE_NAMES[kind].en, kind },
      sheet: null,
      cell: null,
      members: [],
    });
  }
  return out;
}
