/**
 * Builders for scoring tests: IndicatorRow / IndicatorTable / Metrics values without table detection,
 * and the seed's indicator table (docs/domain.md §7) as data.
 */
import { DEFAULT_CONFIG, resolveConfig, type DeepPartial } from "../../src/engine/config";
import type { EvalConfig, IndicatorRow, IndicatorTable, Metrics } from "../../src/engine/types";

let nextRow = 1;

export function row(p: Partial<IndicatorRow> & { level1?: string; level3?: string }): IndicatorRow {
  return {
    row: p.row ?? nextRow++,
    level1: p.level1 ?? "产出指标",
    level2: p.level2 ?? "数量指标",
    level3: p.level3 ?? "指标",
    weight: p.weight === undefined ? 10 : p.weight,
    nature: p.nature ?? null,
    target: p.target ?? null,
    actual: p.actual ?? null,
    unit: p.unit ?? null,
    criteria: p.criteria ?? null,
    entered: p.entered ?? null,
    scoreIsFormula: p.scoreIsFormula ?? false,
    scoreIsOurs: p.scoreIsOurs ?? false,
    ...(p.scoreText !== undefined ? { scoreText: p.scoreText } : {}),
  };
}

export function table(rows: IndicatorRow[], extra: Partial<IndicatorTable> = {}): IndicatorTable {
  return {
    location: {
      kind: "indicators",
      sheet: "指标评分",
      headerRow: 0,
      headerRows: 1,
      firstDataRow: 1,
      lastRow: rows.length,
      columns: {},
    },
    rows,
    levelWeights: {},
    level2Weights: {},
    totalRow: null,
    writtenGrade: null,
    ...extra,
  };
}

export function metrics(named: Record<string, number> = {}): Metrics {
  return {
    execution: [],
    adjustment: [],
    departmentExecution: null,
    departmentAdjustment: null,
    finalAccounts: null,
    named,
    notComputed: [],
  };
}

export function config(p: DeepPartial<EvalConfig> = {}): EvalConfig {
  return resolveConfig(p);
}

export { DEFAULT_CONFIG };

export const SEED_CRITERIA = {
  adjustment: "预算调整率=0，计3分；0-10%(含)，计2分；10-20%(含)，计1分；20-30%(含)，计0.5分；大于30%不得分",
  execution: "预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止",
  threePublic:
    "\u201c三公经费\u201d变动率≦0，计5分；\u201c三公经费\u201d>0，每超过一个百分点扣0.5分，扣完为止。",
};

/** The seed's indicator table as docs/domain.md §7 lays it out (得分 blank where the add-in computes it). */
export function seedTable(): IndicatorTable {
  let r = 2;
  const mk = (
    level1: string,
    level2: string,
    level3: string,
    weight: number,
    p: Partial<IndicatorRow> = {},
  ) => row({ row: r++, level1, level2, level3, weight, ...p });
  return table([
    mk("管理效率", "预算编制", "预算调整率", 3, { criteria: SEED_CRITERIA.adjustment }),
    mk("管理效率", "预算编制", "绩效目标合理性", 3, { entered: 2.5 }),
    mk("管理效率", "预算编制", "绩效指标明确性", 3, { entered: 2 }),
    mk("管理效率", "预算执行", "预算执行率", 5, { criteria: SEED_CRITERIA.execution }),
    mk("管理效率", "预算执行", "决算编制完整性", 3, { entered: 1.5 }),
    mk("管理效率", "预算管理", "管理制度健全性", 4, { entered: 2.5 }),
    mk("管理效率", "预算管理", "资金使用合规性", 3, { entered: 3 }),
    mk("管理效率", "预算管理", "预决算信息公开性", 2, { entered: 2 }),
    mk("管理效率", "资产管理", "资产管理规范性", 4, { entered: 3.43 }),
    mk("履职效能", "重点工作", "机关日常运维保障", 8, { entered: 8 }),
    mk("履职效能", "重点工作", "人居环境整治达标村（社区）数", 8, {
      nature: "≥",
      target: "≥12个",
      actual: "9个",
    }),
    mk("履职效能", "重点工作", "安全生产、信访稳定、环境保护", 8, { entered: 8 }),
    mk("履职效能", "重点工作", "疫情防控、乡村振兴、搬迁安置", 8, { entered: 8 }),
    mk("履职效能", "职责履行", "重点工作办结率", 8, { nature: "≥", target: "≥100%", actual: "100%" }),
    mk("运行成本", "成本控制", "\u201c三公经费\u201d变动率", 2, {
      nature: "≤",
      target: "≤0",
      actual: "-5%",
      criteria: SEED_CRITERIA.threePublic,
    }),
    mk("运行成本", "成本控制", "公用经费控制率", 3, { nature: "≤", target: "≤100%", actual: "96%" }),
    mk("社会效应", "社会效益", "辖区社会稳定和群众生活改善", 5, {
      nature: "定性",
      target: "达成",
      actual: "达成",
      entered: 5,
    }),
    mk("社会效应", "经济效益", "乡村振兴带动效果", 5, {
      nature: "定性",
      target: "达成",
      actual: "达成",
      entered: 4.2,
    }),
    mk("社会效应", "满意度", "服务对象满意度", 5, { nature: "≥", target: "≥95%", actual: "95%" }),
    mk("可持续发展能力", "长效机制", "中长期规划与年度计划", 4, { entered: 4 }),
    mk("可持续发展能力", "制度建设", "内部管理制度完善性", 3, { entered: 2 }),
    mk("可持续发展能力", "创新能力", "创新机制建设", 3, { entered: 2 }),
  ]);
}

export const SEED_METRICS = (): Metrics =>
  metrics({ 预算执行率: 667.92 / 552.45, 预算调整率: 115.47 / 552.45 });
