/**
 * Rule family: performance targets (绩效目标) — a project without one of the five indicator categories, a
 * target that names nothing measurable. Its catalogue entries, then its checks over the 绩效目标表.
 */
import type { Detection, Finding, TargetRow } from "../types";
import { normalizeText, readTargetValue } from "../values";
import { grouperOf, member, present, type MemberAt, type RuleDef, type Texts } from "./define";

// ───────────────────────────── policy texts ─────────────────────────────

const TARGET_SETTING: Texts = {
  "zh-CN":
    "绩效目标设置要求（财预〔2021〕101号）：绩效指标应覆盖产出（数量、质量、时效）、成本、效益和满意度，指标应细化、量化，可衡量、可考核。",
  "en-US":
    "Requirements for performance targets (Caiyu [2021] No. 101): indicators cover outputs (quantity, quality, timeliness), cost, benefits and satisfaction, and are specific, quantified, measurable and assessable.",
};

const REC_TARGETS: Texts = {
  "zh-CN":
    "提高部门全员绩效管理意识与水平。强化绩效目标设置的科学性和合理性，力求绩效目标贴近实际、科学合理，使其兼具全面性、系统性和可操作性。",
  "en-US":
    "Raise everyone's competence in performance management and set performance targets that are realistic and well founded, complete, systematic and workable.",
};

// ───────────────────────────── catalogue entries ─────────────────────────────

export const TARGET_RULES = [
  {
    code: "TARGET_CATEGORY_MISSING",
    category: "performance",
    severity: "warning",
    title: { "zh-CN": "部门整体绩效目标编制不全面", "en-US": "Performance targets incomplete" },
    message: {
      "zh-CN": "以下{count}个项目均未设置“{category}”：{list}。",
      "en-US": "{count} project(s) set no {categoryEn}: {list}.",
    },
    member: { "zh-CN": "{project}", "en-US": "{project}" },
    basis: TARGET_SETTING,
    recommendation: REC_TARGETS,
  },
  {
    code: "TARGET_VAGUE",
    category: "performance",
    severity: "warning",
    title: { "zh-CN": "部分绩效目标设置不合理", "en-US": "Some performance targets are vague" },
    message: {
      "zh-CN": "以下绩效指标设定不够详细明确、无法量化考核：{list}。",
      "en-US": "These indicators are not specific or quantified enough to be assessed: {list}.",
    },
    member: {
      "zh-CN": "{project}{level1}“{indicator}”（指标值：{value}）",
      "en-US": "{project} {level1} “{indicator}” (value: {value})",
    },
    basis: TARGET_SETTING,
    recommendation: REC_TARGETS,
  },
] as const satisfies readonly RuleDef[];

export type TargetCode = (typeof TARGET_RULES)[number]["code"];

const grouped = grouperOf(TARGET_RULES);

// ───────────────────────────── checks ─────────────────────────────

type TargetCategory = "quantity" | "quality" | "timeliness" | "benefit" | "satisfaction";

const TARGET_CATEGORIES: { key: TargetCategory; zh: string; en: string; test: (r: TargetRow) => boolean }[] =
  [
    { key: "quantity", zh: "数量指标", en: "quantity indicators", test: (r) => r.level2.includes("数量") },
    { key: "quality", zh: "质量指标", en: "quality indicators", test: (r) => r.level2.includes("质量") },
    {
      key: "timeliness",
      zh: "时效指标",
      en: "timeliness indicators",
      test: (r) => r.level2.includes("时效"),
    },
    {
      key: "benefit",
      zh: "效益指标",
      en: "benefit indicators",
      test: (r) => r.level1.includes("效益") || r.level2.includes("效益") || r.level2.includes("可持续影响"),
    },
    {
      key: "satisfaction",
      zh: "满意度指标",
      en: "satisfaction indicators",
      test: (r) => r.level1.includes("满意度") || r.level2.includes("满意度"),
    },
  ];

/** 三级 names that say nothing measurable on their own (docs/domain.md §5). */
const VAGUE_TARGET_NAMES = ["经济效益", "社会效益", "生态效益", "年度工作目标实现", "可持续影响"];

export function targetFindings(detection: Detection): Finding[] {
  const targets = detection.targets;
  if (!targets) return [];
  const { sheet, columns } = targets.location;
  const projectCol = columns.project ?? columns.level1 ?? 0;
  const valueCol = columns.target ?? columns.level3 ?? projectCol;
  const projects: { name: string; rows: TargetRow[] }[] = [];
  for (const row of targets.rows) {
    const name = row.project.trim();
    if (!name) continue;
    const last = projects[projects.length - 1];
    const existing = last && last.name === name ? last : projects.find((p) => p.name === name);
    if (existing) existing.rows.push(row);
    else projects.push({ name, rows: [row] });
  }
  const out: (Finding | null)[] = [];
  for (const cat of TARGET_CATEGORIES) {
    const members = projects
      .filter((p) => !p.rows.some(cat.test))
      .map((p) => member(sheet, p.rows[0].row, projectCol, { project: p.name }));
    out.push(grouped("TARGET_CATEGORY_MISSING", members, { category: cat.zh, categoryEn: cat.en }));
  }
  const vague: MemberAt[] = [];
  for (const row of targets.rows) {
    const indicator = normalizeText(row.level3).replace(/\s+/g, "");
    const value = readTargetValue(row.value);
    const valueText = row.value === null ? "" : String(row.value);
    const genericName = VAGUE_TARGET_NAMES.includes(indicator);
    const unquantified =
      row.valueType === "定量" && (value.value === null || (value.unit === null && !row.unit));
    if (genericName || unquantified)
      vague.push(
        member(sheet, row.row, valueCol, {
          project: row.project,
          level1: row.level1,
          indicator: row.level3,
          value: valueText || "空",
        }),
      );
  }
  out.push(grouped("TARGET_VAGUE", vague, {}));
  return present(out);
}
