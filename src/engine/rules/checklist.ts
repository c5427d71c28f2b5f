/**
 * Rule family: the management checklist (管理情况检查表) — every item answered 否 raises the rule whose
 * keywords its 检查事项 text matches (longest keyword wins), else CHECKLIST_FAILED. Its catalogue entries,
 * then its check.
 */
import { a1 } from "../address";
import type { Detection, Finding } from "../types";
import { REC_BUDGET_SYSTEM } from "./budget";
import { ruleIn, type Params, type RuleDef, type Texts } from "./define";

// ───────────────────────────── policy texts ─────────────────────────────

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

const REC_PERFORMANCE_SYSTEM: Texts = {
  "zh-CN":
    "建议部门在《石龙区区级预算绩效管理办法》的基础上，完善本部门关于绩效目标、绩效监控、绩效评价、评价结果应用等全流程预算绩效管理机制，并形成相关制度、流程、工作计划。",
  "en-US":
    "Building on the Shilong District Measures for Budget Performance Management, complete the department's full-cycle mechanism of performance targets, monitoring, evaluation and use of results, with written rules, procedures and work plans.",
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

// ───────────────────────────── catalogue entries ─────────────────────────────

export const CHECKLIST_RULES = [
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
] as const satisfies readonly RuleDef[];

export type ChecklistCode = (typeof CHECKLIST_RULES)[number]["code"];

// ───────────────────────────── checks ─────────────────────────────

/** The checklist rule for a 检查事项 text: the rule with the longest matching keyword, else CHECKLIST_FAILED. */
export function checklistRuleFor(itemText: string): (typeof CHECKLIST_RULES)[number] {
  const text = itemText.replace(/\s+/g, "");
  let best: (typeof CHECKLIST_RULES)[number] | null = null;
  let bestLength = 0;
  for (const rule of CHECKLIST_RULES) {
    if (!("keywords" in rule)) continue;
    for (const word of rule.keywords) {
      if (word.length > bestLength && text.includes(word)) {
        best = rule;
        bestLength = word.length;
      }
    }
  }
  return best ?? ruleIn(CHECKLIST_RULES, "CHECKLIST_FAILED");
}

export function checklistFindings(detection: Detection): Finding[] {
  const checklist = detection.checklist;
  if (!checklist) return [];
  const sheet = checklist.location.sheet;
  const out: Finding[] = [];
  for (const row of checklist.rows) {
    if (row.ok !== false) continue;
    const rule = checklistRuleFor(row.item);
    const params: Params = { item: row.item, conclusion: row.raw };
    if (row.note) params.note = row.note;
    if (row.basis) params.basis = row.basis;
    out.push({
      rule: rule.code,
      severity: rule.severity,
      category: rule.category,
      params,
      sheet,
      cell: a1(row.row, row.conclusionCol),
      members: [],
      evidence: { actual: row.raw },
    });
  }
  return out;
}
