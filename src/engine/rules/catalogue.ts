/**
 * The rule catalogue, as data: every finding the engine can raise, with its stable code, category,
 * default severity, zh-CN/en-US message templates, the policy basis it cites and the recommendation.
 * The pane, the summary sheet and the JSON report all render from here (renderMessage & co.).
 *
 * Texts of basis and recommendation quote the seed report (2023 高庄街道办事处 部门整体绩效评价报告,
 * sections 四、存在问题 and 五、有关建议) and docs/domain.md §5.
 *
 * Template placeholders (filled from Finding.params, then from the finding itself):
 *   {x}      the param as is; numbers print as integers when whole, else with 2 decimals (85.54, 38)
 *   {x.2}    a number with exactly 2 decimals (money in 万元: 387.00)
 *   {x%}     a ratio as a percentage with 2 decimals (1.209 → 120.90%)
 *   {x%~}    the same without a trailing .00 (1 → 100%, 0.125 → 12.50%), for thresholds
 *   {sheet} {cell}  the finding's sheet and A1 cell
 *   {count}  the number of members (1 when there are none)
 *   {list}   the members, each rendered with the rule's `member` template, joined by 、 (zh; ； when a
 *            member holds a ，, joinZhList in ../format.ts) or ; (en)
 * A placeholder without a value renders as "—", never "undefined".
 */
import { joinZhList } from "../format";
import type { Category, Finding, FindingMember, Lang } from "../types";
import { BUDGET_RULES, type BudgetCode } from "./budget";
import { CHECKLIST_RULES, type ChecklistCode } from "./checklist";
import { DATA_RULES, type DataCode } from "./data";
import type { Params, RuleDef, Texts } from "./define";
import { INDICATOR_RULES, type IndicatorCode } from "./indicators";
import { REVIEW_RULES, type ReviewCode } from "./review-catalogue";
import { SANGONG_RULES, type SangongCode } from "./sangong";
import { TARGET_RULES, type TargetCode } from "./targets";

export { checklistRuleFor } from "./checklist";

export const CATEGORIES: Record<Category, Texts & { order: number }> = {
  budget: { "zh-CN": "预决算管理", "en-US": "Budget and final accounts", order: 1 },
  performance: { "zh-CN": "绩效目标与绩效管理", "en-US": "Performance targets and management", order: 2 },
  assets: { "zh-CN": "资产管理", "en-US": "Asset management", order: 3 },
  institutions: { "zh-CN": "制度建设与执行", "en-US": "Rules and their enforcement", order: 4 },
  duties: { "zh-CN": "目标管理与履职", "en-US": "Objectives and performance of duties", order: 5 },
  scoring: { "zh-CN": "评分与指标体系", "en-US": "Scoring and indicator system", order: 6 },
  data: { "zh-CN": "数据质量", "en-US": "Data quality", order: 7 },
};

/** Categories in the report's order. */
export const CATEGORY_ORDER: Category[] = (Object.keys(CATEGORIES) as Category[]).sort(
  (a, b) => CATEGORIES[a].order - CATEGORIES[b].order,
);

// ───────────────────────────── the rules ─────────────────────────────

/** Every rule code: a finding's `rule` is one of these, so a misspelt code does not compile. */
export type RuleCode =
  BudgetCode | SangongCode | TargetCode | IndicatorCode | ChecklistCode | DataCode | ReviewCode;

/** Every rule, family by family, in the report's order (within a category, this order). */
export const RULES: readonly RuleDef<RuleCode>[] = [
  ...BUDGET_RULES,
  ...SANGONG_RULES,
  ...TARGET_RULES,
  ...INDICATOR_RULES,
  ...CHECKLIST_RULES,
  ...DATA_RULES,
  ...REVIEW_RULES,
];

const BY_CODE = new Map<string, RuleDef<RuleCode>>(RULES.map((r) => [r.code, r]));

/** The rule for a code; unknown codes get the generic data rule so rendering never fails. */
export function ruleFor(code: string): RuleDef<RuleCode> {
  return BY_CODE.get(code) ?? (BY_CODE.get("DATA_INPUT") as RuleDef<RuleCode>);
}

export function hasRule(code: string): code is RuleCode {
  return BY_CODE.has(code);
}

// ───────────────────────────── rendering ─────────────────────────────

/** 38 → "38", 85.54 → "85.54", 2.5 → "2.50" is avoided: whole numbers stay whole, others get 2 decimals. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const fixed = x.toFixed(2);
  return fixed.endsWith(".00") ? fixed.slice(0, -3) : fixed;
}

export function formatFixed2(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : "—";
}

export function formatPercent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : "—";
}

function fill(template: string, params: Params): string {
  return template.replace(/\{([A-Za-z0-9_]+)(\.2|%~|%)?\}/g, (_, name: string, fmt: string | undefined) => {
    const v = params[name];
    if (v === undefined || v === null || v === "") return "—";
    if (typeof v === "string") return v;
    if (fmt === "%") return formatPercent(v);
    if (fmt === "%~") return formatPercent(v).replace(".00%", "%");
    if (fmt === ".2") return formatFixed2(v);
    return formatNumber(v);
  });
}

/** One member as its rule's member template renders it. */
export function renderMember(rule: RuleDef, member: FindingMember, lang: Lang): string {
  const template = rule.member?.[lang] ?? "{cell}";
  return fill(template, { sheet: member.sheet, cell: member.cell, ...member.params });
}

/** A message names at most this many members; the rest are counted ("…等 N 项"). Every member still
 *  travels with the finding (pane, report, marks). */
export const MAX_LISTED_MEMBERS = 20;

function memberList(rule: RuleDef, members: FindingMember[], lang: Lang): string {
  const shown = members.slice(0, MAX_LISTED_MEMBERS).map((m) => renderMember(rule, m, lang));
  const more = members.length - shown.length;
  if (lang === "zh-CN") return joinZhList(shown) + (more > 0 ? `等，另有${more}项` : "");
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

function paramsOf(finding: Finding, lang: Lang): Params {
  const rule = ruleFor(finding.rule);
  const list = finding.members.length
    ? memberList(rule, finding.members, lang)
    : rule.member
      ? fill(rule.member[lang], finding.params)
      : "";
  return {
    sheet: finding.sheet ?? "",
    cell: finding.cell ?? "",
    count: Math.max(1, finding.members.length),
    list,
    problem: finding.rule,
    ...finding.params,
  };
}

export function renderMessage(finding: Finding, lang: Lang): string {
  return fill(ruleFor(finding.rule).message[lang], paramsOf(finding, lang));
}

export function renderTitle(finding: Finding, lang: Lang): string {
  return fill(ruleFor(finding.rule).title[lang], paramsOf(finding, lang));
}

/** The policy basis, or null when the rule cites none. */
export function renderBasis(finding: Finding, lang: Lang): string | null {
  const basis = ruleFor(finding.rule).basis;
  return basis ? fill(basis[lang], paramsOf(finding, lang)) : null;
}

export function renderRecommendation(finding: Finding, lang: Lang): string | null {
  const rec = ruleFor(finding.rule).recommendation;
  return rec ? fill(rec[lang], paramsOf(finding, lang)) : null;
}

export function categoryName(category: Category, lang: Lang): string {
  return CATEGORIES[category][lang];
}
