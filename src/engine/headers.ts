/**
 * THE header synonym table (one place) and the row-label words the engine recognises (合计, 其中：,
 * 财政拨款, 基本支出 …). Matching is on canonical text: full-width folded to half-width, whitespace
 * removed, parenthesised parts (`（万元）`, `(A)`, `(10分)`, `（减）`) and a leading year removed.
 */
import type { FieldKey, MoneyUnit, SangongItem } from "./types";
import { collapseSpaces, isWhitespaceCode, normalizeText } from "./values";

/** Header texts seen in real forms, per field, strongest first. Written as they appear; canonicalised
 *  for matching, so `年初预算数(A)` and `年初预算数` are the same key. */
export const HEADER_SYNONYMS: Record<FieldKey, string[]> = {
  // budget (预算执行)
  name: [
    "资金来源",
    "项目资金（万元）",
    "支出类型",
    "项目名称",
    "项目",
    "资金性质",
    "资金类型",
    "支出项目",
    "科目名称",
  ],
  initial: ["年初预算数", "年初预算数(A)", "年初预算", "年初预算金额", "当年预算数", "预算数", "年初数"],
  adjustment: [
    "预算调整数",
    "调整数",
    "调增（减）数",
    "调整金额",
    "年中追加",
    "追加（减）数",
    "预算调整金额",
  ],
  adjusted: [
    "调整后预算数",
    "调整预算数",
    "全年预算数",
    "全年预算数(A)",
    "年度预算数（万元）",
    "年度预算数",
    "全年预算",
    "调整后预算",
  ],
  finalAccounts: ["决算数", "决算支出数", "纳入决算数", "决算支出", "决算金额"],
  actual: [
    "全年执行数",
    "全年执行数(B)",
    "全年实际支出数",
    "实际支出数",
    "预算执行数",
    "实际支出",
    "全年支出数",
    "全年实际支出",
    "全年支出",
    "执行数",
    "支出数",
  ],
  executionRate: ["执行率", "预算执行率", "执行率(B/A)"],
  adjustmentRate: ["调整率", "预算调整率"],
  // indicators
  level1: ["一级指标", "一级", "一级指标名称"],
  level2: ["二级指标", "二级", "二级指标名称"],
  level3: ["三级指标", "三级", "三级指标名称"],
  weight: ["分值", "分值(10分)", "权重", "权数", "标准分值", "指标分值", "满分"],
  weight1: ["一级指标分值", "一级分值", "一级指标权重", "一级权重"],
  weight2: ["二级指标分值", "二级分值", "二级指标权重", "二级权重"],
  weight3: ["三级指标分值", "三级分值", "三级指标权重", "三级权重"],
  criteria: [
    "评分标准",
    "评（扣）分标准",
    "评价标准",
    "得分计算方法",
    "评分规则",
    "计分方法",
    "评分方法",
    "指标解释",
  ],
  nature: ["指标性质", "指标方向", "性质", "计算方式", "比较方式"],
  target: ["年度指标值", "目标值", "指标值", "指标值(A)", "年度目标值", "预期目标值", "绩效目标值"],
  actualValue: ["实际完成值", "完成值", "实际值", "全年实际值(B)", "全年实际值", "实际完成情况", "实际完成"],
  unit: ["度量单位", "计量单位", "单位"],
  score: ["得分", "自评得分", "评价得分", "实际得分", "评分", "单位自评得分", "自评分"],
  scoreRate: ["得分率"],
  // 自评 vs 复核: a table with both scores a 复核 (detect/header.ts resolveColumns); alone, 自评得分 and
  // 评价得分 are the table's 得分 and 复核得分 is too
  selfScore: ["自评得分", "单位自评得分", "自评分"],
  reviewScore: ["复核得分", "财政复核得分", "评价得分", "复评得分", "复核分", "复核评分"],
  reason: [
    "扣分原因",
    "扣分原因和其他说明",
    "偏差原因分析及改进措施",
    "未完成原因分析",
    "扣分说明",
    "偏差原因",
    "扣分理由",
  ],
  project: ["项目名称", "项目"],
  valueType: ["指标值类型", "指标类型", "定量/定性"],
  // expenditure structure by columns (部门整体: 人员经费支出 | 公用经费支出 | 项目支出 | 支出合计, beside 收入合计);
  // `基本支出` over `人员经费 | 公用经费` reads 基本支出人员经费 / 基本支出公用经费
  incomeTotal: ["收入合计", "本年收入合计", "收入总计", "本年收入", "总收入"],
  personnel: ["人员经费支出", "人员经费", "基本支出人员经费", "人员支出"],
  publicFunds: ["公用经费支出", "公用经费", "基本支出公用经费", "日常公用经费", "日常公用经费支出"],
  basicSpending: ["基本支出", "基本支出合计", "基本支出小计"],
  projectSpending: ["项目支出", "项目支出合计"],
  spendingTotal: ["支出合计", "本年支出合计", "支出总计", "总支出", "支出总额"],
  // checklist
  item: ["检查事项", "检查内容", "检查项目", "事项"],
  conclusion: ["结论", "检查结论", "是否", "检查结果"],
  note: ["说明", "情况说明", "备注"],
  basis: ["依据", "政策依据", "检查依据", "制度依据"],
};

/** Fields holding money (converted to 万元 on reading). */
export const MONEY_FIELDS: FieldKey[] = ["initial", "adjustment", "adjusted", "finalAccounts", "actual"];

/** Fields of an expenditure-structure table by columns; a header naming two of the spending ones (not
 *  收入合计) without a budget column is such a table. */
export const SPENDING_FIELDS = [
  "incomeTotal",
  "personnel",
  "publicFunds",
  "basicSpending",
  "projectSpending",
  "spendingTotal",
] as const satisfies readonly FieldKey[];

/** Header words of other spending columns added into 支出合计 (上缴上级支出, 经营支出, 对附属单位补助支出 …):
 *  a header text containing 支出 that names no field. */
export const OTHER_SPENDING_WORD = "支出";

/** True when none of canonical()'s replacements can change `s` (no bracket, no whitespace, no leading
 *  year, no leading/trailing * ★ ※ : ：): most labels, returned without building new strings. */
function alreadyCanonical(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  const first = s.charCodeAt(0);
  if (first === 42 || first === 0x2605 || first === 0x203b) return false;
  const last = s.charCodeAt(n - 1);
  if (last === 42 || last === 0x2605 || last === 0x203b || last === 58 || last === 0xff1a) return false;
  if (first >= 48 && first <= 57) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 || c === 91 || c === 0x3010 || isWhitespaceCode(c)) return false;
  }
  return true;
}

/** Canonical key of a header or label: half-width, no whitespace, no parenthesised parts, no leading
 *  year (`2023年`), no trailing colon or stars. */
export function canonical(text: string): string {
  return canonicalOfNormalized(normalizeText(text));
}

/** canonical() of a text normalizeText() has already cleaned (labelKey's second step). */
function canonicalOfNormalized(normalized: string): string {
  let s = normalized;
  if (alreadyCanonical(s)) return s;
  // remove parenthesised parts, innermost first (the unit, "(A)", "(减)")
  for (let i = 0; i < 3 && /[([【][^()[\]【】]*[)\]】]/.test(s); i++)
    s = s.replace(/[([【][^()[\]【】]*[)\]】]/g, "");
  s = s.replace(/\s+/g, "");
  s = s.replace(/^\d{4}年度?/, "");
  s = s.replace(/^[*★※]+|[*★※:：]+$/g, "");
  return s;
}

interface SynonymHit {
  field: FieldKey;
  rank: number;
}

const INDEX = new Map<string, SynonymHit[]>();
let maxKeyLength = 0;
for (const field of Object.keys(HEADER_SYNONYMS) as FieldKey[]) {
  HEADER_SYNONYMS[field].forEach((text, rank) => {
    const key = canonical(text);
    maxKeyLength = Math.max(maxKeyLength, key.length);
    const hits = INDEX.get(key) ?? [];
    if (!hits.some((h) => h.field === field)) hits.push({ field, rank });
    INDEX.set(key, hits);
  });
}

/** Raw cell text longer than this cannot be a header (cheap pre-filter for large sheets). */
export const MAX_HEADER_TEXT = 40;

/** Every field a header text may mean, strongest reading first (`项目名称` → name, project). */
export function matchHeaderAll(text: string): SynonymHit[] {
  if (text.length > MAX_HEADER_TEXT) return [];
  const key = canonical(text);
  if (key === "" || key.length > maxKeyLength) return [];
  return INDEX.get(key) ?? [];
}

/** The field a header text means, or null. */
export function matchHeader(text: string): FieldKey | null {
  return matchHeaderAll(text)[0]?.field ?? null;
}

// ───────────────────────────── row labels ─────────────────────────────

/** Words of a total row. */
const TOTAL_WORDS = [
  "合计",
  "总计",
  "年度资金总额",
  "资金总额",
  "总额",
  "总分",
  "合计数",
  "总计数",
  "得分合计",
];

/** Prefix of a sub-row ("其中：当年财政拨款") that is part of the row above and not added into sums. */
const SUB_ROW_PREFIX = /^\s*其\s*中\s*[:：]?/;

/** Labels of funding-source rows that count as 财政拨款 (EvalConfig.metricBasisRow "fiscal"). */
const FISCAL_WORDS = [
  "财政拨款",
  "当年财政拨款",
  "财政资金",
  "财政拨款收入",
  "一般公共预算财政拨款",
  "本年财政拨款",
];

/** Expenditure-structure row words. */
const STRUCTURE_WORDS: Record<"basic" | "project" | "other", string[]> = {
  basic: ["基本支出"],
  project: ["项目支出"],
  other: ["其他", "其他支出"],
};

/** Footer lines that end a table ("注：…", "填表人：…"). */
const FOOTER_WORDS = [
  "注",
  "说明",
  "备注",
  "填表人",
  "填报人",
  "审核人",
  "单位负责人",
  "财务负责人",
  "联系电话",
  "填报日期",
  "评价人",
];

const NUMBERING_START = /^[\s其一二三四五六七八九十\d(]/;

/** Label without numbering ("一、", "1.", "（一）"), sub-row prefix, parentheses and whitespace. */
export function labelKey(text: string): string {
  const n = normalizeText(text);
  // both prefixes start with whitespace, 其, a numeral, a digit or "(": anything else has neither
  if (n.length > 0 && !NUMBERING_START.test(n)) return canonicalOfNormalized(n);
  const s = n
    .replace(SUB_ROW_PREFIX, "")
    .replace(/^(?:[一二三四五六七八九十]+[、.]|\d+[、.)]|\([一二三四五六七八九十\d]+\))\s*/, "");
  return canonicalOfNormalized(s);
}

const TOTAL_SET = new Set(TOTAL_WORDS);
const FISCAL_SET = new Set(FISCAL_WORDS);
const FOOTER = new RegExp(`^(?:${FOOTER_WORDS.join("|")})(?:$|[:：])`);

/** Everything the engine asks of a row label, computed once. */
interface LabelInfo {
  isTotal: boolean;
  isSubItem: boolean;
  structure: "basic" | "project" | "other" | "total" | null;
  fiscal: boolean;
}

/** The answer for most labels (a funding source, a project): one shared object, not one per row. */
const PLAIN_LABEL: Readonly<LabelInfo> = Object.freeze({
  isTotal: false,
  isSubItem: false,
  structure: null,
  fiscal: false,
});

export function labelInfo(text: string): Readonly<LabelInfo> {
  const key = labelKey(text);
  const isTotal = TOTAL_SET.has(key);
  let structure: LabelInfo["structure"] = null;
  if (isTotal || key === "支出合计") structure = "total";
  else if (STRUCTURE_WORDS.basic.includes(key)) structure = "basic";
  else if (STRUCTURE_WORDS.project.includes(key)) structure = "project";
  else if (STRUCTURE_WORDS.other.includes(key)) structure = "other";
  const isSubItem = SUB_ROW_PREFIX.test(text);
  const fiscal = FISCAL_SET.has(key);
  if (!isTotal && !isSubItem && structure === null && !fiscal) return PLAIN_LABEL;
  return { isTotal, isSubItem, structure, fiscal };
}

const TOTAL_CHARS = /[计额分]/;

export function isTotalLabel(text: string): boolean {
  return TOTAL_CHARS.test(text) && TOTAL_SET.has(labelKey(text));
}

export function isSubItemLabel(text: string): boolean {
  return SUB_ROW_PREFIX.test(text);
}

/** A row label as messages show it: the `其中：` prefix dropped (“其中：财政拨款” → “财政拨款”), spaces
 *  collapsed. The row keeps its own label; this is only for display. */
export function displayName(text: string): string {
  const s = collapseSpaces(text);
  if (!SUB_ROW_PREFIX.test(s)) return s;
  const rest = s.replace(SUB_ROW_PREFIX, "").trim();
  return rest === "" ? s : rest;
}

/** Characters every 财政拨款 word contains (财, 政 …). labelKey only drops characters and folds
 *  full-width ASCII, so a label missing one of them cannot be a fiscal word: no key to build. */
const FISCAL_CHARS = [...FISCAL_WORDS[0]].filter((ch) => FISCAL_WORDS.every((w) => w.includes(ch)));

/** "fiscal" for a 财政拨款 row (for EvalConfig.metricBasisRow), else null. */
export function fundingSourceOf(text: string): "fiscal" | null {
  for (let i = 0; i < FISCAL_CHARS.length; i++) if (!text.includes(FISCAL_CHARS[i])) return null;
  return FISCAL_SET.has(labelKey(text)) ? "fiscal" : null;
}

export function structureTypeOf(text: string): "basic" | "project" | "other" | "total" | null {
  return labelInfo(text).structure;
}

export function isFooterLabel(text: string): boolean {
  return FOOTER.test(text.trim());
}

/** Money unit stated in a text: `金额单位：元`, `单位：人民币元`, `单位:万元`, `（元）` in a header. null when
 *  none. */
export function unitIn(text: string): MoneyUnit | null {
  const s = normalizeText(text).replace(/\s+/g, "");
  const line = /单位[:：]?(?:人民币)?(万元|元)/.exec(s);
  if (line) return line[1] as MoneyUnit;
  const paren = /\((万元|元)\)/.exec(s);
  if (paren) return paren[1] as MoneyUnit;
  return null;
}

/** A weight written in a label: `产出指标（50分）`, `投入(15)` → { name "产出指标", weight 50 }. */
export function splitWeightLabel(text: string): { name: string; weight: number | null } {
  const s = collapseSpaces(text);
  const end = s.charCodeAt(s.length - 1);
  if (end !== 0x29 && end !== 0xff09) return { name: s, weight: null }; // no closing parenthesis
  const m = /^(.*?)\s*[(（]\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分?\s*[)）]\s*$/.exec(s);
  if (!m || m[1].trim() === "") return { name: s, weight: null };
  const weight = Number(normalizeText(m[2]));
  return Number.isFinite(weight) ? { name: m[1].trim(), weight } : { name: s, weight: null };
}

// ───────────────────────────── "三公"经费 ─────────────────────────────

/** Row labels of a "三公"经费 table, per item (matched on sangongKey: numbering, 其中：, brackets such as
 *  （境）, quotes and spaces removed). */
const SANGONG_ROW_WORDS: Record<SangongItem, string[]> = {
  abroad: ["因公出国（境）费", "因公出国（境）费用", "因公出国（境）经费", "出国（境）费", "因公出国费"],
  vehicle: [
    "公务用车购置及运行维护费",
    "公务用车购置及运行费",
    "公务用车购置及运行维护经费",
    "公务用车购置和运行维护费",
    "公务用车费",
  ],
  vehiclePurchase: ["公务用车购置费", "公务用车购置"],
  vehicleRunning: ["公务用车运行维护费", "公务用车运行费", "公务用车运行维护经费", "公务用车运维费"],
  reception: ["公务接待费", "公务接待费用", "公务接待经费"],
  total: [
    "“三公”经费合计",
    "“三公”经费",
    "“三公”经费支出",
    "“三公”经费支出合计",
    "“三公”经费总额",
    "合计",
    "总计",
    "小计",
  ],
};

/** The columns of a "三公"经费 table, by what their header text contains (the header cells of a column,
 *  group first, joined). Tried in this order: `ignore` (增减额, 变动率, 备注 …), `prior` (上年, 上年决算数; a
 *  prior-year 预算 is ignored), `budget` (预算数, 本年预算数 — 调整/全年 preferred over 年初), `current`
 *  (决算数, 本年, 实际支出 …). With year headers (`2019年 | 2018年`) the earlier year is `prior`. */
export const SANGONG_COLUMN_WORDS: Record<"ignore" | "prior" | "budget" | "current", string[]> = {
  ignore: [
    "增减",
    "变动",
    "增长",
    "比上年",
    "比较",
    "率",
    "占比",
    "比重",
    "行次",
    "栏次",
    "备注",
    "说明",
    "差额",
    "原因",
  ],
  prior: ["上年", "上一年", "去年", "前一年"],
  budget: ["预算", "计划", "控制数"],
  current: ["决算", "实际", "支出", "执行", "本年", "当年", "本期", "金额", "发生额", "数额"],
};

/** Key of a "三公" row label: labelKey without quotes. */
function sangongKey(text: string): string {
  return labelKey(text).replace(/["'“”‘’「」]/g, "");
}

const SANGONG_INDEX = new Map<string, SangongItem>();
for (const item of Object.keys(SANGONG_ROW_WORDS) as SangongItem[])
  for (const w of SANGONG_ROW_WORDS[item]) SANGONG_INDEX.set(sangongKey(w), item);

/** The "三公" item a row label names, or null (`合计`/`小计` read as `total`). */
export function sangongItemOf(text: string): SangongItem | null {
  if (text.length > 30) return null;
  return SANGONG_INDEX.get(sangongKey(text)) ?? null;
}

/** Cheap pre-filter: a cell text that may name a "三公" item other than a plain total. */
export function mayNameSangongItem(text: string): boolean {
  return text.length <= 30 && (text.includes("公务") || text.includes("出国"));
}
