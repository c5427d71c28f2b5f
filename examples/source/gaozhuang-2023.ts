/**
 * The sample workbook of docs/domain.md §7 as readable data: the 2023 department-wide evaluation of
 * 平顶山市石龙区高庄街道办事处. Numbers taken from the report are exact;
 * everything else is illustrative and each sheet says so in a note cell.
 *
 * Rows start at A1. Every table has a title row above it so that detection has to find the header.
 * Cells under a merged label are left empty, as Excel stores them. scripts/build-examples.ts turns this
 * into examples/gaozhuang-2023.xlsx; gaozhuangSnapshot() gives the same workbook to the engine directly.
 * No Node or ExcelJS imports here.
 */
import { parseRange } from "../../src/engine/address";
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";

export interface SampleSheet {
  name: string;
  /** Row-major values from A1; rows may be shorter than the widest. */
  rows: CellValue[][];
  merges: CellRange[];
  /** Character widths per column, from column A. */
  columnWidths?: number[];
  /** Cell comments (A1 address → text), for the xlsx build. */
  notes?: { address: string; text: string }[];
}

const ILLUSTRATIVE = "说明：除报告原文数字外，其余内容为示例";

function merges(...ranges: string[]): CellRange[] {
  return ranges.map((r) => parseRange(r));
}

// ───────────────────────────── 基本信息 ─────────────────────────────

const basicInfo: SampleSheet = {
  name: "基本信息",
  rows: [
    ["2023年度平顶山市石龙区高庄街道办事处部门整体绩效评价基本信息"],
    [],
    ["部门名称", "平顶山市石龙区高庄街道办事处"],
    ["评价年度", 2023],
    ["金额单位", "万元"],
    ["内设机构", 5],
    ["下设事业单位", 4],
    ["实际在编在岗人数", 43],
    ["评价依据", "平龙财〔2021〕67号"],
    [],
    [ILLUSTRATIVE],
  ],
  merges: merges("A1:D1"),
  columnWidths: [20, 36, 12, 12],
};

// ───────────────────────────── 预算执行 ─────────────────────────────

const budget: SampleSheet = {
  name: "预算执行",
  rows: [
    ["2023年度高庄街道办事处预算执行情况"],
    ["金额单位：万元"],
    ["资金来源", "年初预算数", "预算调整数", "调整后预算数", "决算数", "全年实际支出数", "执行率", "调整率"],
    ["财政拨款", 552.45, 115.47, 552.45, 667.92, 667.92, null, null],
    ["政府性基金", 387.0, null, 387.0, null, null, null, null],
    ["单位资金", null, null, null, null, 326.15, null, null],
    ["合计", 939.45, 115.47, 939.45, 667.92, 994.07, null, null],
    [],
    ["支出类型", "决算数"],
    ["基本支出", 471.17],
    ["项目支出", 196.75],
    ["合计", 667.92],
    [],
    [ILLUSTRATIVE + "（本表数字均取自报告原文；调整后预算数按报告所列“调整预算数552.45万元”填列）"],
  ],
  merges: merges("A1:H1"),
  columnWidths: [16, 14, 14, 16, 12, 18, 12, 12],
};

// ───────────────────────────── 指标评分 ─────────────────────────────

const BANDS = "预算调整率=0，计3分；0-10%(含)，计2分；10-20%(含)，计1分；20-30%(含)，计0.5分；大于30%不得分";
const DEVIATION = "预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止";
const THREE_PUBLIC = '"三公经费"变动率≦0，计2分；"三公经费">0，每超过一个百分点扣0.5分，扣完为止';
const RATIO = "按完成比例计算得分，满分为止";
const JUDGED = "评价工作组根据资料核查和访谈情况综合评判";
const QUALITATIVE = "达成预期指标计80%-100%分值；部分达成计60%-80%；未达成计0-60%";

/** 一级 | 二级 | 三级 | 分值 | 指标性质 | 目标值 | 实际值 | 评分标准 | 得分 (得分率 is left to the add-in). */
type IndicatorLine = [
  string,
  string,
  string,
  number,
  string | null,
  CellValue,
  CellValue,
  string,
  number | null,
];

const INDICATORS: IndicatorLine[] = [
  ["管理效率", "预算编制", "预算调整率", 3, null, null, null, BANDS, null],
  ["管理效率", "预算编制", "绩效目标合理性", 3, null, null, null, JUDGED, 2.5],
  ["管理效率", "预算编制", "绩效指标明确性", 3, null, null, null, JUDGED, 2],
  ["管理效率", "预算执行", "预算执行率", 5, null, null, null, DEVIATION, null],
  ["管理效率", "预算执行", "决算编制完整性", 3, null, null, null, JUDGED, 1.5],
  ["管理效率", "预算管理", "管理制度健全性", 4, null, null, null, JUDGED, 2.5],
  ["管理效率", "预算管理", "资金使用合规性", 3, null, null, null, JUDGED, 3],
  ["管理效率", "预算管理", "预决算信息公开性", 2, null, null, null, JUDGED, 2],
  ["管理效率", "资产管理", "资产管理规范性", 4, null, null, null, JUDGED, 3.43],
  ["履职效能", "重点工作", "机关日常运维保障", 8, null, null, null, JUDGED, 8],
  ["履职效能", "重点工作", "人居环境整治达标村（社区）数", 8, "≥", "12个", "9个", RATIO, null],
  ["履职效能", "重点工作", "安全生产、信访稳定、环境保护", 8, null, null, null, JUDGED, 8],
  ["履职效能", "重点工作", "疫情防控、乡村振兴、搬迁安置", 8, null, null, null, JUDGED, 8],
  ["履职效能", "职责履行", "重点工作办结率", 8, "≥", "100%", "100%", RATIO, null],
  ["运行成本", "成本控制", '"三公经费"变动率', 2, "≤", "0%", "-5%", THREE_PUBLIC, null],
  [
    "运行成本",
    "成本控制",
    "公用经费控制率",
    3,
    "≤",
    "100%",
    "96%",
    "公用经费控制率≦100%，计3分；超过100%不得分",
    null,
  ],
  ["社会效应", "社会效益", "辖区社会稳定和群众生活改善", 5, "定性", "达成", "达成", QUALITATIVE, 5],
  ["社会效应", "经济效益", "乡村振兴带动效果", 5, "定性", "达成", "达成", QUALITATIVE, 4.2],
  ["社会效应", "满意度", "服务对象满意度", 5, "≥", "95%", "95%", RATIO, null],
  ["可持续发展能力", "长效机制", "中长期规划与年度计划", 4, null, null, null, JUDGED, 4],
  ["可持续发展能力", "制度建设", "内部管理制度完善性", 3, null, null, null, JUDGED, 2],
  ["可持续发展能力", "创新能力", "创新机制建设", 3, null, null, null, JUDGED, 2],
];

/** First data row of the indicator table (0-based): title on row 1, blank row 2, header row 3. */
const IND_FIRST = 3;

/** Merge runs of equal labels in one column, leaving the cells under the first empty. */
function mergeRuns(lines: IndicatorLine[], col: number, key: (l: IndicatorLine) => string): CellRange[] {
  const out: CellRange[] = [];
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i === lines.length || key(lines[i]) !== key(lines[start])) {
      if (i - start > 1) out.push({ row: IND_FIRST + start, col, rowCount: i - start, colCount: 1 });
      start = i;
    }
  }
  return out;
}

function indicatorRows(): CellValue[][] {
  const rows: CellValue[][] = [
    ["2023年度高庄街道办事处部门整体绩效评价指标评分表"],
    [],
    [
      "一级指标",
      "二级指标",
      "三级指标",
      "分值",
      "指标性质",
      "目标值",
      "实际值",
      "评分标准",
      "得分",
      "得分率",
    ],
  ];
  INDICATORS.forEach((line, i) => {
    const prev = INDICATORS[i - 1];
    const level1 = prev && prev[0] === line[0] ? null : line[0];
    const level2 = prev && prev[0] === line[0] && prev[1] === line[1] ? null : line[1];
    rows.push([level1, level2, line[2], line[3], line[4], line[5], line[6], line[7], line[8], null]);
  });
  const weight = INDICATORS.reduce((s, l) => s + l[3], 0);
  rows.push(["合计", null, null, weight, null, null, null, null, null, null]);
  rows.push([]);
  rows.push([ILLUSTRATIVE + "（分值与得分取自报告得分表；三级指标的评分标准、目标值、实际值为示例）"]);
  return rows;
}

const totalRow = IND_FIRST + INDICATORS.length;

const indicators: SampleSheet = {
  name: "指标评分",
  rows: indicatorRows(),
  merges: [
    ...merges("A1:J1"),
    ...mergeRuns(INDICATORS, 0, (l) => l[0]),
    ...mergeRuns(INDICATORS, 1, (l) => `${l[0]}/${l[1]}`),
    { row: totalRow, col: 0, rowCount: 1, colCount: 3 },
  ],
  columnWidths: [16, 12, 30, 8, 10, 10, 10, 48, 10, 10],
};

// ───────────────────────────── 绩效目标 ─────────────────────────────

/** The ten projects the report names as lacking 时效指标. */
export const PROJECTS_WITHOUT_TIMELINESS = [
  "纪检工作办案经费",
  "秸秆禁烧经费",
  "严重精神病监护人以奖代补专项资金",
  "严重精神病人住院治疗费",
  "宋坪社区李家庄土地复垦",
  "人大委员联络经费",
  "巩固拓展脱贫攻坚成果及乡村振兴运行经费",
  "武装工作经费",
  "张庄社区公路养护路肩施工",
  "综合治理工作经费",
];

/** 一级 | 二级 | 三级 | 指标值 | 度量单位 | 指标值类型 */
type TargetLine = [string, string, string, CellValue, string | null, "定量" | "定性"];

const PROJECT_TARGETS: TargetLine[] = [
  ["产出指标", "数量指标", "计划任务完成数", "≥1", "项", "定量"],
  ["产出指标", "质量指标", "任务验收合格率", "100", "%", "定量"],
  ["成本指标", "经济成本指标", "项目成本控制率", "≤100", "%", "定量"],
  ["效益指标", "社会效益指标", "社会效益提升情况", "有效提升", null, "定性"],
  ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90", "%", "定量"],
];

const TIMELINESS: TargetLine = ["产出指标", "时效指标", "任务按时完成率", "100", "%", "定量"];

const DEPARTMENT_TARGETS: TargetLine[] = [
  ["产出指标", "数量指标", "重点工作任务计划完成", "完成", null, "定量"],
  ["产出指标", "质量指标", "年度工作目标实现", "实现", null, "定量"],
  ["产出指标", "时效指标", "重点工作按时完成率", "100", "%", "定量"],
  ["效益指标", "经济效益指标", "经济效益", "显著", null, "定性"],
  ["效益指标", "社会效益指标", "社会效益", "显著", null, "定性"],
  ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95", "%", "定量"],
];

function targetSheet(): SampleSheet {
  const rows: CellValue[][] = [
    ["2023年度高庄街道办事处项目及部门整体绩效目标表"],
    [],
    ["项目名称", "一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型"],
  ];
  const ranges: CellRange[] = [parseRange("A1:G1")];
  const groups: [string, TargetLine[]][] = [
    ...PROJECTS_WITHOUT_TIMELINESS.map((p): [string, TargetLine[]] => [p, PROJECT_TARGETS]),
    ["创文保卫治理经费", [PROJECT_TARGETS[0], PROJECT_TARGETS[1], TIMELINESS, ...PROJECT_TARGETS.slice(2)]],
    ["部门整体", DEPARTMENT_TARGETS],
  ];
  for (const [project, lines] of groups) {
    const first = rows.length;
    lines.forEach((l, i) => rows.push([i === 0 ? project : null, l[0], l[1], l[2], l[3], l[4], l[5]]));
    if (lines.length > 1) ranges.push({ row: first, col: 0, rowCount: lines.length, colCount: 1 });
  }
  rows.push([]);
  rows.push([ILLUSTRATIVE + "（项目名称与缺少时效指标的情况、部门整体目标名称取自报告；具体指标值为示例）"]);
  return { name: "绩效目标", rows, merges: ranges, columnWidths: [36, 12, 20, 24, 12, 10, 12] };
}

// ───────────────────────────── 管理情况 ─────────────────────────────

const checklist: SampleSheet = {
  name: "管理情况",
  rows: [
    ["2023年度高庄街道办事处管理情况检查表"],
    [],
    ["检查事项", "结论", "说明", "依据"],
    [
      "是否建立预算管理制度",
      "否",
      "未建立预算编制、审批、执行、调整、决算与评价等预算内部管理制度",
      "《中华人民共和国预算法》",
    ],
    [
      "是否建立全过程预算绩效管理制度",
      "否",
      "未建立绩效目标、绩效监控、绩效评价、评价结果应用等全流程预算绩效管理制度",
      "《石龙区区级预算绩效管理办法》",
    ],
    ["是否建立采购管理制度", "否", "未建立《采购管理制度》", "行政事业单位内部控制规范"],
    ["是否建立合同管理制度", "否", "未建立《合同管理制度》", "行政事业单位内部控制规范"],
    ["是否建立内部控制制度", "否", "未建立《内部控制制度》", "行政事业单位内部控制规范"],
    ["是否开展固定资产年度清查盘点", "否", "未定期对固定资产进行清查盘点", "财资〔2020〕97号"],
    [
      "评价结果是否整改与应用",
      "否",
      "创文保卫治理经费项目评价问题未整改，评价结果应用率0%",
      "预算绩效管理办法",
    ],
    [
      "是否建立年度目标责任分解机制",
      "否",
      "未建立目标责任分解和管理的工作机制，未明确各部室职责",
      "部门整体绩效管理要求",
    ],
    ["是否建立创新激励机制", "否", "缺少激励创新的制度机制", "部门整体绩效管理要求"],
    ["资金使用是否合规", "是", "抽查未见违规使用资金", "财政资金管理规定"],
    [],
    [ILLUSTRATIVE + "（检查结论取自报告存在问题部分；说明与依据文字为示例）"],
  ],
  merges: merges("A1:D1"),
  columnWidths: [34, 8, 56, 30],
};

export const GAOZHUANG_SHEETS: SampleSheet[] = [basicInfo, budget, indicators, targetSheet(), checklist];

/** A sample sheet as the engine sees it: a rectangular used range from A1. */
export function sampleSheetSnapshot(sheet: SampleSheet): SheetSnapshot {
  const width = sheet.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values = sheet.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  return { name: sheet.name, top: 0, left: 0, values, merges: sheet.merges.map((m) => ({ ...m })) };
}

/** The sample workbook as a snapshot (fresh objects on every call). */
export function gaozhuangSnapshot(): WorkbookSnapshot {
  return { sheets: GAOZHUANG_SHEETS.map(sampleSheetSnapshot) };
}
