/**
 * The rule catalogue, as data: every finding the engine can raise, with its stable code, category,
 * default severity, zh-CN/en-US message templates, the policy basis it cites and the recommendation.
 * The pane, the summary sheet and the JSON report all render from here (renderMessage & co.).
 *
 * Texts of basis and recommendation quote the seed report (2023 高庄街道办事处 部门整体绩效评价报告,
 * sections 四、存在问题 and 五、有关建议) and SPEC §5.
 *
 * Template placeholders (filled from Finding.params, then from the finding itself):
 *   {x}      the param as is; numbers print as integers when whole, else with 2 decimals (85.54, 38)
 *   {x.2}    a number with exactly 2 decimals (money in 万元: 387.00)
 *   {x%}     a ratio as a percentage with 2 decimals (1.209 → 120.90%)
 *   {x%~}    the same without a trailing .00 (1 → 100%, 0.125 → 12.50%), for thresholds
 *   {sheet} {cell}  the finding's sheet and A1 cell
 *   {count}  the number of members (1 when there are none)
 *   {list}   the members, each rendered with the rule's `member` template, joined by 、 (zh) or ; (en)
 * A placeholder without a value renders as "—", never "undefined".
 */
import type { Category, Finding, FindingMember, Lang, Severity } from "../types";
import { SANGONG_RULES } from "./sangong";

export interface Texts {
  "zh-CN": string;
  "en-US": string;
}

export interface RuleDef {
  code: string;
  category: Category;
  /** Default severity; findings.ts may raise it (adjustment rate above the error line). */
  severity: Severity;
  /** Short heading, as the report's problem headings. */
  title: Texts;
  message: Texts;
  /** How one member renders inside {list}. */
  member?: Texts;
  basis: Texts | null;
  recommendation: Texts | null;
  /** Checklist rules: words in the 检查事项 text that select this rule (longest match wins). */
  keywords?: string[];
}

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

// ───────────────────────────── shared texts ─────────────────────────────

const BUDGET_LAW_13: Texts = {
  "zh-CN":
    "《中华人民共和国预算法》第十三条：“各级政府、各部门、各单位的支出必须以经批准的预算为依据，未列入预算的不得支出。”超出预算的支出应依法履行预算调整程序（第六十七条）。",
  "en-US":
    'Budget Law of the PRC, Article 13: "Expenditures of governments, departments and units at all levels must be based on the approved budget; no expenditure may be made that is not included in the budget." Spending beyond the budget requires the statutory budget adjustment procedure (Article 67).',
};

const FINAL_ACCOUNTS_LAW: Texts = {
  "zh-CN":
    "《中华人民共和国预算法》第七十五条：“编制决算草案，必须符合法律、行政法规，做到收支真实、数额准确、内容完整、报送及时。”《中华人民共和国预算法实施条例》第八十三条：“决算各项数据应当以经核实的各级政府、各部门、各单位会计数据为准，不得以估计数据替代，不得弄虚作假”。",
  "en-US":
    'Budget Law of the PRC, Article 75: "Draft final accounts must comply with laws and administrative regulations, with true revenue and expenditure, accurate amounts, complete content and timely submission." Implementing Regulations of the Budget Law, Article 83: "All figures in the final accounts shall be based on verified accounting data of governments, departments and units at all levels; estimates shall not be substituted and no falsification is allowed."',
};

const RECONCILIATION: Texts = {
  "zh-CN":
    "预决算报表勾稽关系：分项之和应等于合计，基本支出＋项目支出＝支出合计，年初预算数＋预算调整数＝调整后预算数。",
  "en-US":
    "Reconciliation of budget statements: the items must add up to the total, basic + project expenditure = total expenditure, and initial budget + adjustment = adjusted budget.",
};

const INDICATOR_SYSTEM: Texts = {
  "zh-CN": "绩效评价指标体系：一级指标分值合计为100分，各级指标分值之和应等于上级指标分值。",
  "en-US":
    "Indicator system of the evaluation: first-level weights add up to 100 points and each indicator's children add up to its weight.",
};

const GRADING: Texts = {
  "zh-CN":
    "《项目支出绩效评价管理办法》（财预〔2020〕10号）：评价结果采取评分和评级相结合的方式，总分90（含）—100分为优、80（含）—90分为良、60（含）—80分为中、60分以下为差。",
  "en-US":
    "Measures for Performance Evaluation of Project Expenditure (Caiyu [2020] No. 10): results are scored and graded; 90–100 points is Excellent (优), 80–<90 Good (良), 60–<80 Fair (中), below 60 Poor (差).",
};

const TARGET_RULES: Texts = {
  "zh-CN":
    "绩效目标设置要求（财预〔2021〕101号）：绩效指标应覆盖产出（数量、质量、时效）、成本、效益和满意度，指标应细化、量化，可衡量、可考核。",
  "en-US":
    "Requirements for performance targets (Caiyu [2021] No. 101): indicators cover outputs (quantity, quality, timeliness), cost, benefits and satisfaction, and are specific, quantified, measurable and assessable.",
};

const PERFORMANCE_MANAGEMENT: Texts = {
  "zh-CN":
    "《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）及《石龙区区级预算绩效管理办法》（平龙财〔2021〕67号）：建立绩效目标、绩效监控、绩效评价、评价结果应用等全过程预算绩效管理机制。",
  "en-US":
    "Opinions of the CPC Central Committee and the State Council on Fully Implementing Budget Performance Management (Zhongfa [2018] No. 34) and the Shilong District Measures for Budget Performance Management (Pinglongcai [2021] No. 67): a full-cycle mechanism of performance targets, monitoring, evaluation and use of results.",
};

const INTERNAL_CONTROL: Texts = {
  "zh-CN":
    "《行政事业单位内部控制规范（试行）》（财会〔2012〕21号）：单位应当建立健全预算、收支、政府采购、资产、建设项目和合同等业务层面的内部控制制度。",
  "en-US":
    "Internal Control Standards for Administrative and Public Institutions (trial) (Caikuai [2012] No. 21): units establish internal controls over budgets, revenue and expenditure, government procurement, assets, construction projects and contracts.",
};

const ASSET_INVENTORY: Texts = {
  "zh-CN":
    "《关于加强行政事业单位固定资产管理的通知》（财资〔2020〕97号）：“（六）清查盘点。定期对固定资产进行清查盘点，每年至少盘点一次，全面掌握并真实反映固定资产的数量、价值和使用状况，确保账账相符、账实相符。”",
  "en-US":
    'Notice on Strengthening the Management of Fixed Assets of Administrative and Public Institutions (Caizi [2020] No. 97): "(6) Stocktaking. Take stock of fixed assets regularly, at least once a year, to know and truly reflect their quantity, value and condition, so that ledgers agree with each other and with the assets."',
};

const REC_BUDGET_SYSTEM: Texts = {
  "zh-CN":
    "建议部门建立健全预算编制、审批、执行、调整、决算与评价等预算内部管理制度，明确财务部门和业务部门职责分工，提升预决算管理统筹组织能力。",
  "en-US":
    "Establish internal rules for budget preparation, approval, execution, adjustment, final accounts and evaluation, define the duties of the finance and business units, and strengthen the coordination of budget and final-accounts management.",
};

const REC_BUDGET_ACCURACY: Texts = {
  "zh-CN":
    "建议部门提高预算编制合理性。将年度重点工作与预算安排相结合，充分结合当年工作计划及历年支出情况合理编制预算，降低预算调整率，强化内部科室在编制预算时的责任意识，抓实立项依据、预算编制的合理性和充分性，进一步保障预算编制的合理性。",
  "en-US":
    "Make budgets more realistic: tie the year's key tasks to the budget, prepare it from the work plan and past spending, lower the adjustment rate, make every office accountable for its budget requests and substantiate the basis of each project.",
};

const REC_FINAL_ACCOUNTS: Texts = {
  "zh-CN":
    "建议提高决算数据准确性，提前做好决算编审的各项准备工作，积极与财政对账，夯实年度结账前的基础工作，使决算全面反映部门年度收支结果，为下一年度部门预算提供重要参考。",
  "en-US":
    "Improve the accuracy of the final accounts: prepare the final-accounts work early, reconcile with the finance bureau and complete the groundwork before year-end closing, so that the final accounts reflect all of the department's revenue and expenditure and inform next year's budget.",
};

const REC_PERFORMANCE_SYSTEM: Texts = {
  "zh-CN":
    "建议部门在《石龙区区级预算绩效管理办法》的基础上，完善本部门关于绩效目标、绩效监控、绩效评价、评价结果应用等全流程预算绩效管理机制，并形成相关制度、流程、工作计划。",
  "en-US":
    "Building on the Shilong District Measures for Budget Performance Management, complete the department's full-cycle mechanism of performance targets, monitoring, evaluation and use of results, with written rules, procedures and work plans.",
};

const REC_TARGETS: Texts = {
  "zh-CN":
    "提高部门全员绩效管理意识与水平。强化绩效目标设置的科学性和合理性，力求绩效目标贴近实际、科学合理，使其兼具全面性、系统性和可操作性。",
  "en-US":
    "Raise everyone's competence in performance management and set performance targets that are realistic and well founded, complete, systematic and workable.",
};

const REC_ASSETS: Texts = {
  "zh-CN":
    "加强固定资产管理。建议单位明确资产管理部门和人员，规范固定资产卡片信息；财务部门和资产管理部门要联合定期对固定资产进行清查盘点，将固定资产账、固定资产卡片与实物核对，确保账卡物相符，针对不符事项查明原因，及时调整。",
  "en-US":
    "Strengthen fixed-asset management: assign responsible staff, complete the asset cards, and have the finance and asset units take stock regularly, checking ledgers and cards against the assets, finding the cause of every difference and correcting it promptly.",
};

const REC_INSTITUTIONS: Texts = {
  "zh-CN":
    "健全制度建设，加强制度执行力。一是完善各项管理制度，明确相关责任人的分工和职责；二是强化已制定制度的执行力度，对制度的执行情况要不定期抽查，及时发现管理漏洞，提升制度执行有效性。",
  "en-US":
    "Complete the management rules and assign responsibilities under them; enforce the rules already in place with spot checks, so that gaps are found early and the rules are effective.",
};

const REC_SCORING: Texts = {
  "zh-CN": "建议评价工作组复核该指标的分值、评分标准和得分，确保评分有据可查、计算准确。",
  "en-US":
    "Have the evaluation team review the indicator's weight, scoring criteria and score so that every score is documented and correctly computed.",
};

const REC_DATA: Texts = {
  "zh-CN": "建议核对并修正该单元格的数据后重新评分。",
  "en-US": "Check and correct the cell's data, then score the workbook again.",
};

// ───────────────────────────── the rules ─────────────────────────────

export const RULES: readonly RuleDef[] = [
  // 预决算管理
  {
    code: "BUDGET_EXECUTION_HIGH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "预算执行率超过100%", "en-US": "Budget execution above 100%" },
    message: {
      "zh-CN": "以下资金的预算执行率超过{limit%~}：{list}，存在超预算支出或预算未按程序调整的情况。",
      "en-US":
        "Budget execution exceeds {limit%~}: {list}; spending went beyond the budget or the budget was not adjusted as required.",
    },
    member: {
      "zh-CN": "{name}执行率{rate%}（支出{actual.2}万元，预算{budget.2}万元）",
      "en-US": "{name} {rate%} (spent {actual.2}, budget {budget.2}, 10k yuan)",
    },
    basis: BUDGET_LAW_13,
    recommendation: REC_BUDGET_ACCURACY,
  },
  {
    code: "BUDGET_EXECUTION_LOW",
    category: "budget",
    severity: "warning",
    title: { "zh-CN": "预算执行率偏低", "en-US": "Low budget execution" },
    message: {
      "zh-CN": "以下资金的预算执行率低于{limit%~}：{list}，应说明原因。",
      "en-US": "Budget execution is below {limit%~}: {list}; the reason must be explained.",
    },
    member: {
      "zh-CN": "{name}执行率{rate%}（支出{actual.2}万元，预算{budget.2}万元）",
      "en-US": "{name} {rate%} (spent {actual.2}, budget {budget.2}, 10k yuan)",
    },
    basis: {
      "zh-CN": "单位自评规则：预算执行率低于90%的，应当说明原因。",
      "en-US": "Self-evaluation rule: budget execution below 90% must be explained.",
    },
    recommendation: {
      "zh-CN": "建议部门加强预算执行的常态化监控和跟踪，分析执行偏慢的原因，及时调整支出计划。",
      "en-US":
        "Monitor budget execution continuously, analyse why spending lags and adjust the spending plan in time.",
    },
  },
  {
    code: "BUDGET_ADJUSTMENT_RATE",
    category: "budget",
    severity: "warning",
    title: {
      "zh-CN": "部门预算资金调剂数量较大，预算调整率较高",
      "en-US": "Large budget adjustments, high adjustment rate",
    },
    message: {
      "zh-CN": "预算调整率超过{limit%~}：{list}，侧面反映出部门年初预算编制的计划性和准确性还有待提升。",
      "en-US":
        "The budget adjustment rate exceeds {limit%~}: {list}; the initial budget was not planned accurately enough.",
    },
    member: {
      "zh-CN": "{name}预算调整{adjustment.2}万元，预算调整率{rate%}",
      "en-US": "{name} adjusted by {adjustment.2} (10k yuan), rate {rate%}",
    },
    basis: {
      "zh-CN":
        "《中华人民共和国预算法》第三十二条：各级预算应当根据年度经济社会发展目标、国家宏观调控总体要求和跨年度预算平衡的需要，参考上一年预算执行情况、有关支出绩效评价结果和本年度收支预测编制；财政部门预算调整率30%预警口径。",
      "en-US":
        "Budget Law of the PRC, Article 32: budgets are prepared from the year's development targets, macro-control requirements and multi-year balance, with reference to last year's execution, performance evaluation results and this year's forecasts; finance departments warn at an adjustment rate of 30%.",
    },
    recommendation: REC_BUDGET_ACCURACY,
  },
  {
    code: "BUDGET_ADJUSTED_MISMATCH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "调整后预算数与调整数不勾稽", "en-US": "Adjusted budget does not reconcile" },
    message: {
      "zh-CN": "年初预算数＋预算调整数≠调整后预算数：{list}。",
      "en-US": "Initial budget + adjustment ≠ adjusted budget: {list}.",
    },
    member: {
      "zh-CN": "{name}{initial.2}＋{adjustment.2}＝{expected.2}万元，但调整后预算数填列{adjusted.2}万元",
      "en-US":
        "{name}: {initial.2} + {adjustment.2} = {expected.2}, but the adjusted budget reads {adjusted.2} (10k yuan)",
    },
    basis: RECONCILIATION,
    recommendation: REC_BUDGET_SYSTEM,
  },
  {
    code: "FINAL_ACCOUNTS_INCOMPLETE",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "决算数据不准确，未将全部资金纳入决算", "en-US": "Final accounts incomplete" },
    message: {
      "zh-CN":
        "全部支出为{actual.2}万元，决算支出为{final.2}万元，相差{gap.2}万元，未将部门全部资金纳入决算公开。",
      "en-US":
        "Total spending is {actual.2} but the final accounts show {final.2} (10k yuan): {gap.2} of the department's funds are missing from the published final accounts.",
    },
    basis: FINAL_ACCOUNTS_LAW,
    recommendation: REC_FINAL_ACCOUNTS,
  },
  {
    code: "STRUCTURE_MISMATCH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "分项之和与合计不符", "en-US": "Items do not add up to the total" },
    message: {
      "zh-CN": "分项之和与合计不符：{list}。",
      "en-US": "The items do not add up to the total: {list}.",
    },
    member: {
      "zh-CN": "{label}：{parts}之和为{sum.2}万元，合计为{total.2}万元，相差{diff.2}万元",
      "en-US":
        "{label}: {parts} add up to {sum.2} but the total is {total.2}, a difference of {diff.2} (10k yuan)",
    },
    basis: RECONCILIATION,
    recommendation: REC_FINAL_ACCOUNTS,
  },
  ...SANGONG_RULES,
  // 绩效目标与绩效管理
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
    basis: TARGET_RULES,
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
    basis: TARGET_RULES,
    recommendation: REC_TARGETS,
  },
  // 评分与指标体系
  {
    code: "WEIGHTS_LEVEL1_TOTAL",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "一级指标分值合计不为100分", "en-US": "First-level weights do not total 100" },
    message: {
      "zh-CN": "一级指标分值合计为{sum}分，应为{expected}分。",
      "en-US": "The first-level weights add up to {sum} points instead of {expected}.",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "WEIGHTS_CHILDREN",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "下级指标分值之和与上级分值不符", "en-US": "Child weights do not match the parent" },
    message: {
      "zh-CN": "下级指标分值之和与上级指标分值不符：{list}。",
      "en-US": "Child weights do not add up to the parent's weight: {list}.",
    },
    member: {
      "zh-CN": "“{parent}”下级合计{sum}分，上级分值{weight}分",
      "en-US": "“{parent}”: children {sum}, weight {weight}",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "SCORE_OUT_OF_RANGE",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "得分超出分值范围", "en-US": "Score out of range" },
    message: {
      "zh-CN": "得分超出0至分值的范围：{list}。",
      "en-US": "Scores outside 0 to the weight: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”得分{score}分（分值{weight}分）",
      "en-US": "“{indicator}” scored {score} (weight {weight})",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "SCORE_DISAGREES",
    category: "scoring",
    severity: "warning",
    title: {
      "zh-CN": "填写得分与评分标准计算结果不一致",
      "en-US": "Entered score disagrees with the criteria",
    },
    message: {
      "zh-CN": "填写得分与按评分标准计算的得分相差超过{limit}分（保留评价人员的得分）：{list}。",
      "en-US":
        "Entered scores differ from the computed score by more than {limit} (the evaluator's score is kept): {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”填写{entered}分，计算{computed}分",
      "en-US": "“{indicator}” entered {entered}, computed {computed}",
    },
    basis: null,
    recommendation: REC_SCORING,
  },
  {
    code: "QUALITATIVE_BAND",
    category: "scoring",
    severity: "warning",
    title: { "zh-CN": "定性指标得分与评价结果档次不符", "en-US": "Qualitative score outside its band" },
    message: {
      "zh-CN": "定性指标得分不在其评价结果对应的分档内：{list}。",
      "en-US": "Qualitative scores outside the band of their result: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”评价为“{actual}”，应得{low}–{high}分，填写{score}分",
      "en-US": "“{indicator}” rated “{actual}” should score {low}–{high}, entered {score}",
    },
    basis: GRADING,
    recommendation: REC_SCORING,
  },
  {
    code: "UNSCORED_ROW",
    category: "scoring",
    severity: "warning",
    title: { "zh-CN": "指标未评分", "en-US": "Indicator not scored" },
    message: {
      "zh-CN": "以下指标未填写得分，且无法按评分标准自动计算，需评价人员评分：{list}。",
      "en-US":
        "These indicators have no score and none can be computed from their criteria; the evaluator must score them: {list}.",
    },
    member: { "zh-CN": "“{indicator}”（{reason}）", "en-US": "“{indicator}” ({reason})" },
    basis: null,
    recommendation: REC_SCORING,
  },
  {
    code: "LOW_SCORE_RATE",
    category: "scoring",
    severity: "info",
    title: { "zh-CN": "主要失分指标", "en-US": "Main lost points" },
    message: {
      "zh-CN": "以下{count}项指标得分率低于{limit%~}，为主要失分指标：{list}。",
      "en-US": "{count} indicator(s) score below {limit%~} of their weight (main lost points): {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”{score}/{weight}分（{rate%}）",
      "en-US": "“{indicator}” {score}/{weight} ({rate%})",
    },
    basis: null,
    recommendation: {
      "zh-CN": "建议部门针对失分指标分析原因，制定整改措施并跟踪落实。",
      "en-US": "Analyse why points were lost on these indicators and follow up with corrective measures.",
    },
  },
  {
    code: "TOTAL_DISAGREES",
    category: "scoring",
    severity: "warning",
    title: { "zh-CN": "合计得分与各项得分之和不符", "en-US": "Total disagrees with the sum of scores" },
    message: {
      "zh-CN": "合计行填写得分{entered}分，各项指标得分之和为{computed}分。",
      "en-US": "The total row reads {entered} points but the indicator scores add up to {computed}.",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "GRADE_MISMATCH",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "评价等级与总分不符", "en-US": "Grade does not match the total" },
    message: {
      "zh-CN": "填写的评价等级为“{written}”，按总分{total}分应为“{grade}”。",
      "en-US": "The written grade is “{written}” but a total of {total} gives “{grade}”.",
    },
    basis: GRADING,
    recommendation: REC_SCORING,
  },
  // 管理情况检查表
  {
    code: "CHECKLIST_BUDGET_SYSTEM",
    category: "budget",
    severity: "warning",
    title: { "zh-CN": "预算管理制度缺失", "en-US": "No budget management rules" },
    message: {
      "zh-CN":
        "“{item}”：{conclusion}。部门未建立健全预算编制、审批、执行、调整、决算与评价等预算内部管理制度，无相关的配套实施流程、工作实施计划。",
      "en-US":
        "“{item}”: {conclusion}. The department has no internal rules for budget preparation, approval, execution, adjustment, final accounts and evaluation, nor procedures or work plans for them.",
    },
    basis: INTERNAL_CONTROL,
    recommendation: REC_BUDGET_SYSTEM,
    keywords: ["预算管理制度", "预算内部管理", "预算管理办法", "预算编制制度"],
  },
  {
    code: "CHECKLIST_PERFORMANCE_SYSTEM",
    category: "performance",
    severity: "warning",
    title: {
      "zh-CN": "绩效管理制度缺失，内部协同机制不健全",
      "en-US": "No performance management rules",
    },
    message: {
      "zh-CN":
        "“{item}”：{conclusion}。部门未建立绩效目标、绩效监控、绩效评价、评价结果应用等全流程预算绩效管理制度。",
      "en-US":
        "“{item}”: {conclusion}. The department has no full-cycle rules for performance targets, monitoring, evaluation and use of results.",
    },
    basis: PERFORMANCE_MANAGEMENT,
    recommendation: REC_PERFORMANCE_SYSTEM,
    keywords: ["全过程预算绩效", "全流程预算绩效", "预算绩效管理制度", "绩效管理制度", "绩效管理办法"],
  },
  {
    code: "CHECKLIST_PROCUREMENT_SYSTEM",
    category: "institutions",
    severity: "warning",
    title: { "zh-CN": "未建立采购管理制度", "en-US": "No procurement rules" },
    message: {
      "zh-CN": "“{item}”：{conclusion}。部门未建立《采购管理制度》。",
      "en-US": "“{item}”: {conclusion}. The department has no procurement management rules.",
    },
    basis: INTERNAL_CONTROL,
    recommendation: REC_INSTITUTIONS,
    keywords: ["采购管理制度", "采购制度", "政府采购"],
  },
  {
    code: "CHECKLIST_CONTRACT_SYSTEM",
    category: "institutions",
    severity: "warning",
    title: { "zh-CN": "未建立合同管理制度", "en-US": "No contract management rules" },
    message: {
      "zh-CN": "“{item}”：{conclusion}。部门未建立《合同管理制度》。",
      "en-US": "“{item}”: {conclusion}. The department has no contract management rules.",
    },
    basis: INTERNAL_CONTROL,
    recommendation: REC_INSTITUTIONS,
    keywords: ["合同管理制度", "合同管理", "合同制度"],
  },
  {
    code: "CHECKLIST_INTERNAL_CONTROL",
    category: "institutions",
    severity: "warning",
    title: { "zh-CN": "未建立内部控制制度", "en-US": "No internal control rules" },
    message: {
      "zh-CN": "“{item}”：{conclusion}。部门未建立《内部控制制度》。",
      "en-US": "“{item}”: {conclusion}. The department has no internal control rules.",
    },
    basis: INTERNAL_CONTROL,
    recommendation: REC_INSTITUTIONS,
    keywords: ["内部控制制度", "内部控制", "内控制度", "内控"],
  },
  {
    code: "CHECKLIST_ASSET_INVENTORY",
    category: "assets",
    severity: "warning",
    title: {
      "zh-CN": "资产管理不规范，未进行定期资产清查",
      "en-US": "No regular stocktaking of fixed assets",
    },
    message: {
      "zh-CN":
        "“{item}”：{conclusion}。部门没有定期对固定资产进行清查盘点，无法确定是否存在因管理不当发生资产损失和丢失的情况。",
      "en-US":
        "“{item}”: {conclusion}. Fixed assets are not taken stock of regularly, so losses through poor management cannot be ruled out.",
    },
    basis: ASSET_INVENTORY,
    recommendation: REC_ASSETS,
    keywords: ["固定资产清查", "清查盘点", "资产清查", "资产盘点", "固定资产年度清查盘点"],
  },
  {
    code: "CHECKLIST_RESULT_APPLICATION",
    category: "performance",
    severity: "warning",
    title: {
      "zh-CN": "未对评价结果进行运用，评价工作流于形式",
      "en-US": "Evaluation results not acted on",
    },
    message: {
      "zh-CN": "“{item}”：{conclusion}。针对绩效评价发现的问题，部门未制定整改计划，未及时进行整改。",
      "en-US":
        "“{item}”: {conclusion}. The department made no plan to correct the problems an evaluation found and did not correct them.",
    },
    basis: {
      "zh-CN":
        "《项目支出绩效评价管理办法》（财预〔2020〕10号）：评价结果应作为改进管理和安排以后年度预算的重要依据，被评价单位应针对评价发现的问题及时整改；及中发〔2018〕34号关于评价结果应用的要求。",
      "en-US":
        "Measures for Performance Evaluation of Project Expenditure (Caiyu [2020] No. 10): results guide management and later budgets, and evaluated units must correct the problems found; and Zhongfa [2018] No. 34 on the use of results.",
    },
    recommendation: {
      "zh-CN":
        "建议部门针对评价发现的问题制定整改计划并及时整改，将评价结果与预算安排、政策调整挂钩，做到评价结果有反馈、有整改、有应用。",
      "en-US":
        "Draw up a plan to correct the problems each evaluation finds, correct them promptly, and link the results to budget allocations and policy changes.",
    },
    keywords: ["评价结果", "整改", "结果应用", "应用率"],
  },
  {
    code: "CHECKLIST_TARGET_RESPONSIBILITY",
    category: "duties",
    severity: "warning",
    title: {
      "zh-CN": "目标管理不到位，未建立目标责任分解机制",
      "en-US": "No breakdown of annual objectives",
    },
    message: {
      "zh-CN":
        "“{item}”：{conclusion}。部门未建立对目标进行责任分解和管理的相关工作机制，未明确各部室职责，不能有效保障目标执行和落地。",
      "en-US":
        "“{item}”: {conclusion}. There is no mechanism to break objectives down into responsibilities, the offices' duties are not defined, and delivery of the objectives is not assured.",
    },
    basis: {
      "zh-CN":
        "《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）：部门和单位要将绩效目标分解落实到具体工作和责任人；部门整体绩效评价指标体系“长效机制”要求。",
      "en-US":
        "Zhongfa [2018] No. 34: departments and units break performance targets down to specific tasks and responsible persons; the “long-term mechanism” indicator of the department-wide evaluation.",
    },
    recommendation: {
      "zh-CN":
        "建议部门按照“先谋事再排钱”理念和“核心职能—中长期发展规划—上级和本级政府重要部署—部门年度重点工作”基本思路，制定部门中长期规划和年度工作计划，梳理部门职能和当年重点工作任务，设定具体可量化、可考核的工作目标，建立相关工作机制，明确各部室职责，有效保障目标执行和落地。",
      "en-US":
        "Plan the work before allocating money: from the core functions, the medium- and long-term plan, higher-level priorities and the year's key tasks, set specific, quantified and assessable objectives, build the mechanism to deliver them and define each office's duties.",
    },
    keywords: ["目标责任", "责任分解", "目标分解", "年度目标责任"],
  },
  {
    code: "CHECKLIST_INNOVATION",
    category: "duties",
    severity: "info",
    title: { "zh-CN": "缺少激励创新的制度机制", "en-US": "No mechanism to encourage innovation" },
    message: {
      "zh-CN":
        "“{item}”：{conclusion}。部门缺少激励创新的制度机制，缺乏开展学习先进经验活动，创新能力建设有待进一步提升。",
      "en-US":
        "“{item}”: {conclusion}. The department lacks a mechanism that encourages innovation and learning from good practice; its capacity to innovate needs building.",
    },
    basis: {
      "zh-CN": "部门整体绩效评价指标体系“可持续发展能力—创新能力”指标（平龙财〔2021〕67号）。",
      "en-US":
        "The “sustainability — capacity to innovate” indicator of the department-wide evaluation (Pinglongcai [2021] No. 67).",
    },
    recommendation: {
      "zh-CN":
        "建立创新机制，培养创新意识。建议单位建立一套完善的创新机制，包括创新项目或建议的筛选、评估、实施和管理等，确保创新活动的持续开展和有效推进。",
      "en-US":
        "Build a mechanism for innovation covering the selection, assessment, implementation and management of ideas and projects, so that innovation continues and is carried through.",
    },
    keywords: ["创新激励", "创新机制", "激励创新", "创新"],
  },
  {
    code: "CHECKLIST_FAILED",
    category: "institutions",
    severity: "warning",
    title: { "zh-CN": "管理检查事项未达标", "en-US": "Checklist item not met" },
    message: {
      "zh-CN": "检查事项“{item}”的结论为“{conclusion}”。",
      "en-US": "Checklist item “{item}” is answered “{conclusion}”.",
    },
    basis: {
      "zh-CN": "管理情况检查表所列依据：{basis}",
      "en-US": "The basis given in the management checklist: {basis}",
    },
    recommendation: REC_INSTITUTIONS,
  },
  // 数据质量
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
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

/** The rule for a code; unknown codes get the generic data rule so rendering never fails. */
export function ruleFor(code: string): RuleDef {
  return BY_CODE.get(code) ?? (BY_CODE.get("DATA_INPUT") as RuleDef);
}

export function hasRule(code: string): boolean {
  return BY_CODE.has(code);
}

/** The checklist rule for a 检查事项 text: the rule with the longest matching keyword, else CHECKLIST_FAILED. */
export function checklistRuleFor(itemText: string): RuleDef {
  const text = itemText.replace(/\s+/g, "");
  let best: RuleDef | null = null;
  let bestLength = 0;
  for (const rule of RULES) {
    for (const word of rule.keywords ?? []) {
      if (word.length > bestLength && text.includes(word)) {
        best = rule;
        bestLength = word.length;
      }
    }
  }
  return best ?? ruleFor("CHECKLIST_FAILED");
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

type Params = Record<string, string | number>;

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
  if (lang === "zh-CN") return shown.join("、") + (more > 0 ? `等，另有${more}项` : "");
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
