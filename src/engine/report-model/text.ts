/**
 * The report's fixed words in zh-CN and en-US: headings (by subject kind), the category headings of
 * 四、存在问题 and 五、有关建议, placeholders and the appendix's notes. Sentences that carry numbers are
 * built in ./build.ts from these pieces, so every number stays a run of its own.
 */
import type { Category, Lang } from "../types";
import type { ReportSubjectKind } from "./types";

export interface KindWords {
  /** 部门 / 项目: the word the sentences use for the subject. */
  subject: string;
  /** 部门整体 / 项目: before 绩效评价报告 and 绩效评价指标得分表. */
  scope: string;
  overview: string;
  funds: string;
  work: string;
  overviewPlaceholder: string;
  workPlaceholder: string;
  /** 部门整体支出 / 项目: what was evaluated. */
  evaluated: string;
  /** 部门履职过程中 / 项目实施过程中. */
  during: string;
}

interface ReportText {
  kinds: Record<ReportSubjectKind, KindWords>;
  title: (year: string | null, name: string, scope: string) => string;
  namePlaceholder: (kind: ReportSubjectKind) => string;
  sections: [string, string, string, string, string];
  conclusionSubs: [string, string];
  tableCaption: (scope: string) => string;
  tableHeader: [string, string, string, string];
  total: string;
  placeholder: (what: string) => string;
  yearPrefix: (year: string | null) => string;
  income: string;
  expenditure: string;
  evaluationPlaceholder: string;
  basisPlaceholder: string;
  achievementsPlaceholder: string;
  conclusionPlaceholder: string;
  noProblems: string;
  basisLabel: string;
  sourceLabel: string;
  adviceFor: (heading: string) => string;
  appendixHeading: string;
  appendixLead: string;
  problemHeadings: Record<Category, string>;
  adviceHeadings: Record<Category, string>;
  numbering: (i: number) => string;
  listSep: string;
  clauseSep: string;
  end: string;
  omitted: {
    budgetTable: { item: string; text: string };
    budgetRow: { item: string; text: string };
    scores: { item: string; text: string };
    name: { item: string; text: string };
    year: { item: string; text: string };
  };
}

const ZH_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export const REPORT_TEXT: Record<Lang, ReportText> = {
  "zh-CN": {
    kinds: {
      department: {
        subject: "部门",
        scope: "部门整体",
        overview: "部门概况",
        funds: "部门预决算情况",
        work: "重点工作完成情况",
        overviewPlaceholder: "部门职能、内设机构、下属单位及人员编制等概况",
        workPlaceholder: "年度重点工作及其完成情况",
        evaluated: "部门整体支出",
        during: "部门履职过程中",
      },
      project: {
        subject: "项目",
        scope: "项目",
        overview: "项目概况",
        funds: "项目资金情况",
        work: "项目实施情况",
        overviewPlaceholder: "项目立项依据、实施内容、实施单位及绩效目标等概况",
        workPlaceholder: "项目实施过程及完成情况",
        evaluated: "项目",
        during: "项目实施过程中",
      },
    },
    title: (year, name, scope) => `${year ? `${year}年度` : ""}${name}${scope}绩效评价报告`,
    namePlaceholder: (kind) => (kind === "department" ? "被评价部门名称" : "项目名称"),
    sections: ["一、基本情况", "二、综合评价结论", "三、主要成效", "四、存在问题", "五、有关建议"],
    conclusionSubs: ["（一）综合评价情况", "（二）评价结论"],
    tableCaption: (scope) => `${scope}绩效评价指标得分表`,
    tableHeader: ["一级指标", "分值", "得分", "得分率"],
    total: "合计",
    placeholder: (what) => `【请填写：${what}】`,
    yearPrefix: (year) => (year ? `${year}年度` : ""),
    income: "收入方面：",
    expenditure: "支出方面：",
    evaluationPlaceholder: "综合评价情况（重点工作目标完成情况、取得的社会效益等）",
    basisPlaceholder: "评价依据文件名称及文号",
    achievementsPlaceholder: "主要成效（工作成果、获得的荣誉、典型做法等）",
    conclusionPlaceholder: "评价结论（工作簿中未识别到指标评分表，未计算得分）",
    noProblems: "经检查，工作簿数据未显示存在问题。",
    basisLabel: "政策依据：",
    sourceLabel: "数据位置：",
    adviceFor: (heading) => `针对“${heading}”的建议`,
    appendixHeading: "附：数据检查说明",
    appendixLead:
      "以下为绩效评价助手检查工作簿时的说明，供评价人员核对，不属于被评价单位的问题，定稿前请删除本附录。",
    problemHeadings: {
      budget: "预决算编制准确性待提升，预算管理需加强",
      performance: "绩效目标设置不合理，绩效管理工作质量有待提高",
      assets: "资产管理不规范，未进行定期资产清查",
      institutions: "管理制度不健全，制度执行有待加强",
      duties: "目标管理不到位，履职能力有待提升",
      scoring: "评分与指标体系",
      data: "数据质量",
    },
    adviceHeadings: {
      budget: "提高预决算数据准确性，提升预决算管理统筹能力",
      performance: "强化绩效管理意识，提升绩效工作质量",
      assets: "提高资产管理水平，提高财政资源配置效益",
      institutions: "健全制度建设，加强制度执行力",
      duties: "加强目标管理，提高履职能力",
      scoring: "复核评分与指标体系",
      data: "核对工作簿数据",
    },
    numbering: (i) => `（${ZH_NUMERALS[i] ?? String(i + 1)}）`,
    listSep: "，",
    clauseSep: "，",
    end: "。",
    omitted: {
      budgetTable: {
        item: "一、（二）预决算情况",
        text: "工作簿中未识别到预算执行表，收入、支出情况的句子未生成，请评价人员补充。",
      },
      budgetRow: {
        item: "一、（二）预决算情况",
        text: "预算执行表中未找到可用于部门口径的行（财政拨款或合计行），收入、支出情况的句子未生成。",
      },
      scores: {
        item: "二、（二）评价结论",
        text: "工作簿中未识别到指标评分表，未计算得分和等级，得分表和评价结论未生成。",
      },
      name: {
        item: "报告标题",
        text: "工作簿中未找到部门名称或项目名称（如“部门名称”“项目名称”单元格），标题中留有待填写处。",
      },
      year: { item: "评价年度", text: "工作簿中未找到评价年度，句子中未写年度。" },
    },
  },
  "en-US": {
    kinds: {
      department: {
        subject: "the department",
        scope: "department-wide",
        overview: "About the department",
        funds: "Budget and final accounts",
        work: "Key tasks",
        overviewPlaceholder: "the department's functions, internal units, subordinate units and staffing",
        workPlaceholder: "the year's key tasks and how far they were completed",
        evaluated: "the department's spending as a whole",
        during: "in the performance of its duties",
      },
      project: {
        subject: "the project",
        scope: "project",
        overview: "About the project",
        funds: "Project funds",
        work: "Implementation",
        overviewPlaceholder: "the project's basis, content, implementing unit and performance targets",
        workPlaceholder: "how the project was carried out and completed",
        evaluated: "the project",
        during: "in carrying out the project",
      },
    },
    title: (year, name, scope) => `${name}: ${year ? `${year} ` : ""}${scope} performance evaluation report`,
    namePlaceholder: (kind) => (kind === "department" ? "name of the department" : "name of the project"),
    sections: [
      "1. Basic information",
      "2. Overall conclusion",
      "3. Main achievements",
      "4. Problems found",
      "5. Recommendations",
    ],
    conclusionSubs: ["(a) Overall assessment", "(b) Conclusion"],
    tableCaption: (scope) => `Scores of the ${scope} performance evaluation by first-level indicator`,
    tableHeader: ["First-level indicator", "Weight", "Score", "Rate"],
    total: "Total",
    placeholder: (what) => `[To be completed: ${what}]`,
    yearPrefix: (year) => (year ? `In ${year}, ` : ""),
    income: "Revenue: ",
    expenditure: "Expenditure: ",
    evaluationPlaceholder: "overall assessment (key targets met, social benefits achieved …)",
    basisPlaceholder: "title and number of the document the evaluation follows",
    achievementsPlaceholder: "main achievements (results, honours, good practice …)",
    conclusionPlaceholder: "conclusion (no indicator table was found in the workbook; no score was computed)",
    noProblems: "The workbook's data show no problems.",
    basisLabel: "Basis: ",
    sourceLabel: "In the workbook: ",
    adviceFor: (heading) => `recommendations on “${heading}”`,
    appendixHeading: "Appendix: notes on the data check",
    appendixLead:
      "Notes from the Performance Evaluation Assistant's check of the workbook, for the evaluator; they are not problems of the evaluated unit. Delete this appendix before the report is final.",
    problemHeadings: {
      budget: "Budget preparation needs to be more accurate and budget management stronger",
      performance: "Performance targets are not well set; performance management needs improvement",
      assets: "Assets are not managed properly and not inventoried regularly",
      institutions: "Rules are incomplete and not enforced well enough",
      duties: "Objectives are not managed well; the performance of duties needs improvement",
      scoring: "Scoring and indicator system",
      data: "Data quality",
    },
    adviceHeadings: {
      budget: "Make budgets and final accounts accurate and manage them as a whole",
      performance: "Take performance management seriously and raise its quality",
      assets: "Manage assets better and use fiscal resources more efficiently",
      institutions: "Complete the rules and enforce them",
      duties: "Manage objectives and strengthen the performance of duties",
      scoring: "Review the scoring and indicator system",
      data: "Check the workbook's data",
    },
    numbering: (i) => `(${String.fromCharCode(97 + i)}) `,
    listSep: "; ",
    clauseSep: ", ",
    end: ".",
    omitted: {
      budgetTable: {
        item: "1(b) Budget and final accounts",
        text: "No budget execution table was found in the workbook; the revenue and expenditure sentences were left out.",
      },
      budgetRow: {
        item: "1(b) Budget and final accounts",
        text: "The budget execution table has no row for the department's figures (fiscal allocation or total); the revenue and expenditure sentences were left out.",
      },
      scores: {
        item: "2(b) Conclusion",
        text: "No indicator table was found in the workbook; no score or grade was computed and the score table and conclusion were left out.",
      },
      name: {
        item: "Title",
        text: "No department or project name was found in the workbook (a 部门名称 or 项目名称 cell); the title has a placeholder.",
      },
      year: {
        item: "Year",
        text: "No evaluation year was found in the workbook; the sentences name no year.",
      },
    },
  },
};
