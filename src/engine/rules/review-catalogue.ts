/**
 * The 复核 rules: what finance bureaus and third-party firms catch when they re-check a unit's
 * self-evaluation (issue #16), as catalogue entries (./catalogue.ts appends them to RULES). Each has a
 * default review level (P0 must be corrected, P1 should be, P2 is a note) that a profile may change
 * (EvalConfig.review.rules). The checks themselves are in ./review.ts.
 *
 * Member params every review rule fills: `indicator` (the 三级 name, for the workpaper's 指标 column) and,
 * where the data says how many points are at stake, `deduct` (the workpaper's 建议扣分).
 */
import type { RuleDef, Texts } from "./define";

const SELF_EVALUATION: Texts = {
  "zh-CN":
    "《项目支出绩效评价管理办法》（财预〔2020〕10号）：单位自评应对照年初设定的绩效目标，如实反映目标完成情况，未完成目标的应分析偏差原因；自评结果由财政部门抽查复核。",
  "en-US":
    "Measures for Performance Evaluation of Project Expenditure (Caiyu [2020] No. 10): a unit's self-evaluation compares results with the targets set for the year, reports them truthfully and explains every shortfall; the finance department spot-checks and reviews the results.",
};

const INDICATOR_GUIDE: Texts = {
  "zh-CN":
    "《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）：产出指标分数量、质量、时效、成本指标，效益指标分经济、社会、生态效益和可持续影响，满意度指标反映服务对象的认可程度；成本指标一般为控制上限（≤）。",
  "en-US":
    "Guidelines on core performance targets and indicators of central departments' project expenditure (trial) (Caiyu [2021] No. 101): outputs are quantity, quality, timeliness and cost indicators; benefits are economic, social, ecological and sustainable impact; satisfaction indicators reflect the beneficiaries' approval; a cost indicator is normally an upper limit (≤).",
};

const REC_RESCORE: Texts = {
  "zh-CN": "建议复核人员对照评分标准和佐证材料重新核定该指标得分，并要求单位补充说明。",
  "en-US":
    "Re-score the indicator against its criteria and the supporting evidence, and ask the unit for an explanation.",
};

const REC_INDICATORS: Texts = {
  "zh-CN": "建议单位按指标体系调整指标的归类和指标性质，下一年度设置绩效目标时予以纠正。",
  "en-US":
    "Have the unit correct the indicator's place in the system and its direction, and set next year's targets accordingly.",
};

export const REVIEW_RULES = [
  {
    code: "REVIEW_EXECUTION_CAP",
    category: "scoring",
    severity: "warning",
    level: "P0",
    title: { "zh-CN": "自评得分超过执行率封顶分", "en-US": "Self-score above the execution-rate cap" },
    message: {
      "zh-CN": "预算执行率为{rate%}，按“{profile}”方案得分至多{max}分；自评得分{before}分，已按{max}分计。",
      "en-US":
        "The budget execution rate is {rate%}; under the “{profile}” profile the score is at most {max}. The self-score of {before} is counted as {max}.",
    },
    member: {
      "zh-CN": "总分{before}分（执行率{rate%}，至多{max}分）",
      "en-US": "total {before} (execution {rate%}, at most {max})",
    },
    basis: {
      "zh-CN": "规则方案“{profile}”的执行率封顶规则（docs/profiles.md 列明出处）。",
      "en-US": "The execution-rate cap of the “{profile}” profile (docs/profiles.md gives its source).",
    },
    recommendation: {
      "zh-CN": "建议单位分析预算执行偏低的原因，按封顶后的得分确定自评等级。",
      "en-US":
        "Have the unit analyse why execution is low and grade the self-evaluation on the capped score.",
    },
  },
  {
    code: "REVIEW_SELF_DEVIATION",
    category: "scoring",
    severity: "warning",
    level: "P1",
    title: { "zh-CN": "自评得分与复核得分偏离较大", "en-US": "Self-score far from the review score" },
    message: {
      "zh-CN": "以下指标自评得分与复核得分的偏离度超过{limit%~}：{list}。",
      "en-US": "The self-score deviates from the review score by more than {limit%~}: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”自评{self}分、复核{review}分（偏离度{deviation%}）",
      "en-US": "“{indicator}” self {self}, review {review} (deviation {deviation%})",
    },
    basis: SELF_EVALUATION,
    recommendation: {
      "zh-CN": "建议将偏离较大的指标反馈单位，说明复核扣分的依据，督促单位提高自评质量。",
      "en-US":
        "Report the indicators that deviate most to the unit with the reasons for the review score, and ask for better self-evaluation.",
    },
  },
  {
    code: "REVIEW_ALL_FULL",
    category: "scoring",
    severity: "warning",
    level: "P1",
    title: { "zh-CN": "全部指标自评满分", "en-US": "Every indicator self-scored full" },
    message: {
      "zh-CN": "全部{rows}项指标均为满分（合计{total}分），自评未如实反映指标完成情况的可能性较大。",
      "en-US":
        "All {rows} indicators are scored full ({total} points in all); the self-evaluation most likely does not reflect actual results.",
    },
    basis: SELF_EVALUATION,
    recommendation: REC_RESCORE,
  },
  {
    code: "REVIEW_BELOW_TARGET_FULL",
    category: "scoring",
    severity: "error",
    level: "P0",
    title: { "zh-CN": "未完成目标仍得满分", "en-US": "Full score though the target was missed" },
    message: {
      "zh-CN": "以下指标实际完成值未达到目标值，却得满分：{list}。",
      "en-US": "These indicators missed their target yet scored full: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”目标{target}、实际{actual}，得{score}分（按标准应得{computed}分）",
      "en-US":
        "“{indicator}” target {target}, actual {actual}, scored {score} (the criteria give {computed})",
    },
    basis: SELF_EVALUATION,
    recommendation: REC_RESCORE,
  },
  {
    code: "REVIEW_ZERO_NO_REASON",
    category: "scoring",
    severity: "warning",
    level: "P1",
    title: { "zh-CN": "完成值为0或空白且未说明原因", "en-US": "Zero or blank actual, no reason given" },
    message: {
      "zh-CN": "以下指标实际完成值为0或空白，偏差原因未填写：{list}。",
      "en-US": "These indicators have a zero or blank actual value and no stated reason: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”（实际完成值：{actual}）",
      "en-US": "“{indicator}” (actual: {actual})",
    },
    basis: SELF_EVALUATION,
    recommendation: {
      "zh-CN": "建议单位补填实际完成值或偏差原因及改进措施；确未完成的按评分标准扣分。",
      "en-US":
        "Have the unit fill in the actual value or the reason and the corrective measures; deduct points as the criteria say where the target was missed.",
    },
  },
  {
    code: "REVIEW_DEDUCTION_NO_REASON",
    category: "scoring",
    severity: "warning",
    level: "P2",
    title: { "zh-CN": "扣分未说明原因", "en-US": "Deduction without a reason" },
    message: {
      "zh-CN": "以下指标有扣分，但扣分原因（偏差原因）未填写：{list}。",
      "en-US": "These indicators lost points but give no reason for the deduction: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”{score}/{weight}分",
      "en-US": "“{indicator}” {score}/{weight}",
    },
    basis: SELF_EVALUATION,
    recommendation: {
      "zh-CN": "建议单位逐项写明扣分原因和改进措施。",
      "en-US": "Have the unit state the reason and the corrective measure for every deduction.",
    },
  },
  {
    code: "REVIEW_DEDUCTION_MISMATCH",
    category: "scoring",
    severity: "warning",
    level: "P1",
    title: {
      "zh-CN": "扣分原因所写比例与实扣分数不符",
      "en-US": "Stated deduction differs from the points taken",
    },
    message: {
      "zh-CN": "以下指标扣分原因中写明的扣分与实际扣分相差超过{limit}分：{list}。",
      "en-US":
        "The deduction stated in the reason differs from the points taken by more than {limit}: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”写明扣{stated}分（“{text}”），实扣{taken}分",
      "en-US": "“{indicator}” states {stated} points (“{text}”), {taken} taken",
    },
    basis: SELF_EVALUATION,
    recommendation: REC_RESCORE,
  },
  {
    code: "REVIEW_COST_GE",
    category: "performance",
    severity: "warning",
    level: "P2",
    title: { "zh-CN": "成本指标写为“≥”", "en-US": "Cost indicator written as “≥”" },
    message: {
      "zh-CN": "成本指标应为控制上限（≤），以下成本指标写为“≥”：{list}。",
      "en-US": "A cost indicator is an upper limit (≤); these are written as “≥”: {list}.",
    },
    member: { "zh-CN": "“{indicator}”（{target}）", "en-US": "“{indicator}” ({target})" },
    basis: INDICATOR_GUIDE,
    recommendation: REC_INDICATORS,
  },
  {
    code: "REVIEW_SATISFACTION_NO_SURVEY",
    category: "performance",
    severity: "warning",
    level: "P1",
    title: { "zh-CN": "满意度满分但无调查依据", "en-US": "Full satisfaction score without a survey" },
    message: {
      "zh-CN": "以下满意度指标得满分，但既无满意度数值，也未说明调查方式：{list}。",
      "en-US":
        "These satisfaction indicators scored full with neither a satisfaction figure nor a survey note: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”{score}分（实际完成值：{actual}）",
      "en-US": "“{indicator}” {score} points (actual: {actual})",
    },
    basis: INDICATOR_GUIDE,
    recommendation: {
      "zh-CN": "建议单位提供满意度调查问卷、样本量和统计结果；以“无投诉”代替满意度调查的不应得满分。",
      "en-US":
        "Have the unit provide the questionnaire, the sample size and the results; “no complaints” is not a satisfaction survey and does not earn full marks.",
    },
  },
  {
    code: "REVIEW_DUPLICATE_LEVEL3",
    category: "scoring",
    severity: "warning",
    level: "P2",
    title: {
      "zh-CN": "同一指标重复列在两个一级指标下",
      "en-US": "One indicator under two first-level indicators",
    },
    message: {
      "zh-CN": "以下三级指标同时列在两个一级指标下，重复计分：{list}。",
      "en-US": "These indicators sit under two first-level indicators and are scored twice: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”（{first}、{second}）",
      "en-US": "“{indicator}” ({first}, {second})",
    },
    basis: INDICATOR_GUIDE,
    recommendation: REC_INDICATORS,
  },
  {
    code: "REVIEW_LEVEL2_MISMATCH",
    category: "scoring",
    severity: "warning",
    level: "P2",
    title: { "zh-CN": "三级指标与所属二级指标不符", "en-US": "Indicator under the wrong second level" },
    message: {
      "zh-CN": "以下三级指标与所属二级指标不符：{list}。",
      "en-US": "These indicators do not belong under their second-level indicator: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”列在“{level2}”下，通常属于“{expected}”",
      "en-US": "“{indicator}” is under “{level2}” but usually belongs to “{expected}”",
    },
    basis: INDICATOR_GUIDE,
    recommendation: REC_INDICATORS,
  },
  {
    code: "REVIEW_OUTPUT_FULL_LOW_EXECUTION",
    category: "scoring",
    severity: "error",
    level: "P0",
    title: {
      "zh-CN": "预算执行率很低而产出指标满分",
      "en-US": "Outputs at full score with little of the budget spent",
    },
    message: {
      "zh-CN": "预算执行率仅为{rate%}（低于{limit%~}），以下产出指标仍为满分：{list}。",
      "en-US":
        "Only {rate%} of the budget was spent (below {limit%~}), yet these outputs scored full: {list}.",
    },
    member: { "zh-CN": "“{indicator}”{score}分", "en-US": "“{indicator}” {score}" },
    basis: SELF_EVALUATION,
    recommendation: {
      "zh-CN": "建议核实产出是否确已完成及其资金来源；资金未支出而产出已完成的，应说明原因并提供佐证。",
      "en-US":
        "Verify that the outputs were delivered and how they were paid for; where outputs are complete but the money unspent, ask for the reason and evidence.",
    },
  },
] as const satisfies readonly RuleDef[];

export type ReviewCode = (typeof REVIEW_RULES)[number]["code"];
