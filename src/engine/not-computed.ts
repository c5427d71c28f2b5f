/**
 * The words of "what could not be computed, and why" (the console's 未能检查, the pane's list, the JSON's
 * `notChecked` and each rate's `reason`), in zh-CN and en-US. The engine renders them in the run's
 * language (config.lang), as it renders the rule texts; the row names in them are the user's own.
 */
import { fillPlaceholders } from "./format";
import type { Lang } from "./types";

const ZH_CN = {
  // metrics
  execution: "预算执行率",
  adjustment: "预算调整率",
  finalAccounts: "决算完整性",
  carryover: "结转结余率",
  spending: "支出结构",
  sangongChange: '"三公经费"变动率',
  sangongControl: '"三公经费"控制率',
  blankExecution: "执行率（表中留空的单元格）",
  blankAdjustment: "调整率（表中留空的单元格）",
  // a row's rate
  cannotCompute: "无法计算",
  noSpendingFigure: "无实际支出数或决算数",
  noInitial: "无年初预算数",
  noAdjustedNorInitial: "无调整后预算数和年初预算数",
  initialZero: "年初预算数为 0",
  adjustedZero: "调整后预算数为 0",
  initialZeroAdjustment: "年初预算为0，调整率无法计算",
  noAdjustmentColumns: "无调整数和调整后预算数",
  adjustmentEmpty: "调整数和调整后预算数为空",
  // the subject's figures
  noBudgetTable: "未找到预算执行表",
  noDepartmentRow: "预算表中没有财政拨款行或合计行",
  departmentRow: "口径行",
  rowReason: "{row}：{reason}",
  noFinalAccountsColumn: "预算表中没有决算数列",
  noActualColumn: "预算表中没有实际支出数列",
  finalOrActualEmpty: "决算数或实际支出数为空",
  carryoverNoDenominator: "缺少支出预算数或本年收入合计",
  carryoverNoFigure: "决算总表中没有年末结转和结余",
  // the 三公 table
  sangongCurrentEmpty: "“三公”经费本年数为空",
  sangongNoPriorColumn: "“三公”经费表中没有上年数列",
  sangongPriorEmpty: "“三公”经费上年数为空",
  sangongPriorZero: "上年“三公”经费为0或负数，变动率无法计算",
  sangongNoBudgetColumn: "“三公”经费表中没有预算数列",
  sangongBudgetEmpty: "“三公”经费预算数为空",
  sangongBudgetZero: "“三公”经费预算数为0或负数，控制率无法计算",
  // the expenditure structure table
  spendingNoTotal: "支出结构表有多行而没有合计行，未汇总",
  spendingNoFigure: "支出结构表中没有支出数",
  // rates left blank in the sheet
  blankRow: "{name}（{cell}）：{reason}",
  rowNumber: "第{row}行",
  blankSeparator: "；",
  blankMore: "；等共{count}行",
  // several subjects
  subjectItem: "{subject}：{item}",
} as const;

type Key = keyof typeof ZH_CN;

const EN_US: Record<Key, string> = {
  execution: "Budget execution rate",
  adjustment: "Budget adjustment rate",
  finalAccounts: "Final accounts completeness",
  carryover: "Carry-over and balance rate",
  spending: "Expenditure structure",
  sangongChange: 'Change in "three public" expenses (三公经费变动率)',
  sangongControl: 'Control rate of "three public" expenses (三公经费控制率)',
  blankExecution: "Execution rate (cells left blank in the sheet)",
  blankAdjustment: "Adjustment rate (cells left blank in the sheet)",
  cannotCompute: "cannot be computed",
  noSpendingFigure: "no actual spending or final accounts figure",
  noInitial: "no initial budget",
  noAdjustedNorInitial: "no adjusted or initial budget",
  initialZero: "the initial budget is 0",
  adjustedZero: "the adjusted budget is 0",
  initialZeroAdjustment: "the initial budget is 0, so the adjustment rate cannot be computed",
  noAdjustmentColumns: "no adjustment and no adjusted budget column",
  adjustmentEmpty: "the adjustment and the adjusted budget are empty",
  noBudgetTable: "no budget execution table was found",
  noDepartmentRow: "the budget table has no fiscal appropriation (财政拨款) row and no total row",
  departmentRow: "the reporting row",
  rowReason: "{row}: {reason}",
  noFinalAccountsColumn: "the budget table has no final accounts column",
  noActualColumn: "the budget table has no actual spending column",
  finalOrActualEmpty: "the final accounts or actual spending figure is empty",
  carryoverNoDenominator: "no spending budget and no total income for the year",
  carryoverNoFigure: "the final accounts statement has no year-end carry-over and balance",
  sangongCurrentEmpty: 'this year\'s "three public" expenses (三公经费) are empty',
  sangongNoPriorColumn: 'the "three public" expenses table has no last-year column',
  sangongPriorEmpty: 'last year\'s "three public" expenses are empty',
  sangongPriorZero:
    'last year\'s "three public" expenses are 0 or negative, so the change cannot be computed',
  sangongNoBudgetColumn: 'the "three public" expenses table has no budget column',
  sangongBudgetEmpty: 'the "three public" expenses budget is empty',
  sangongBudgetZero:
    'the "three public" expenses budget is 0 or negative, so the control rate cannot be computed',
  spendingNoTotal: "the expenditure structure table has several rows and no total row; not summed",
  spendingNoFigure: "the expenditure structure table has no spending figures",
  blankRow: "{name} ({cell}): {reason}",
  rowNumber: "row {row}",
  blankSeparator: "; ",
  blankMore: "; {count} rows in all",
  subjectItem: "{subject}: {item}",
};

export type NotComputedKey = Key;

export const NOT_COMPUTED_TEXT: Record<Lang, Record<Key, string>> = { "zh-CN": ZH_CN, "en-US": EN_US };

/** The text for `key` in `lang`, `{name}` placeholders filled from params. */
export function ncText(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  return fillPlaceholders(NOT_COMPUTED_TEXT[lang === "en-US" ? "en-US" : "zh-CN"][key], params);
}
