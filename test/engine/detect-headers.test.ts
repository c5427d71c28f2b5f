/** The one header synonym table and the row-label words. */
import {
  canonical,
  fundingSourceOf,
  HEADER_SYNONYMS,
  isSubItemLabel,
  isTotalLabel,
  matchHeader,
  splitWeightLabel,
  structureTypeOf,
  unitIn,
} from "../../src/engine/headers";
import type { FieldKey } from "../../src/engine/types";

describe("matchHeader", () => {
  const cases: [string, FieldKey][] = [
    // docs/domain.md §2.1
    ["资金来源", "name"],
    ["项目", "name"],
    ["项目名称", "name"],
    ["支出类型", "name"],
    ["项目资金（万元）", "name"],
    ["年初预算数", "initial"],
    ["年初预算", "initial"],
    ["年初预算数(A)", "initial"],
    ["当年预算数", "initial"],
    ["预算数", "initial"],
    ["预算调整数", "adjustment"],
    ["调整数", "adjustment"],
    ["调增（减）数", "adjustment"],
    ["年中追加", "adjustment"],
    ["调整后预算数", "adjusted"],
    ["调整预算数", "adjusted"],
    ["全年预算数", "adjusted"],
    ["全年预算", "adjusted"],
    ["年度预算数", "adjusted"],
    ["年度预算数（万元）", "adjusted"],
    ["决算数", "finalAccounts"],
    ["决算支出数", "finalAccounts"],
    ["纳入决算数", "finalAccounts"],
    ["全年执行数", "actual"],
    ["全年执行数(B)", "actual"],
    ["实际支出数", "actual"],
    ["预算执行数", "actual"],
    ["支出数", "actual"],
    ["全年实际支出数", "actual"],
    ["执行率", "executionRate"],
    ["预算执行率", "executionRate"],
    ["调整率", "adjustmentRate"],
    ["预算调整率", "adjustmentRate"],
    // docs/domain.md §2.3
    ["一级指标", "level1"],
    ["二级指标", "level2"],
    ["三级指标", "level3"],
    ["分值", "weight"],
    ["分值(10分)", "weight"],
    ["权重", "weight"],
    ["权数", "weight"],
    ["评分标准", "criteria"],
    ["评价标准", "criteria"],
    ["得分计算方法", "criteria"],
    ["指标解释", "criteria"],
    ["评（扣）分标准", "criteria"],
    ["指标性质", "nature"],
    ["年度指标值", "target"],
    ["目标值", "target"],
    ["指标值", "target"],
    ["指标值(A)", "target"],
    ["实际完成值", "actualValue"],
    ["完成值", "actualValue"],
    ["全年实际值(B)", "actualValue"],
    ["实际值", "actualValue"],
    ["度量单位", "unit"],
    ["计量单位", "unit"],
    ["得分", "score"],
    ["自评得分", "score"],
    ["评价得分", "score"],
    ["得分率", "scoreRate"],
    ["扣分原因", "reason"],
    ["扣分原因和其他说明", "reason"],
    ["偏差原因分析及改进措施", "reason"],
    ["未完成原因分析", "reason"],
    // docs/domain.md §2.4 / §2.5
    ["指标值类型", "valueType"],
    ["检查事项", "item"],
    ["结论", "conclusion"],
    ["说明", "note"],
    ["依据", "basis"],
    // per-level weights
    ["一级指标分值", "weight1"],
    ["二级指标分值", "weight2"],
    ["三级指标分值", "weight3"],
  ];
  it.each(cases)("%s → %s", (text, field) => expect(matchHeader(text)).toBe(field));

  it("matches through full-width, whitespace, line breaks, units and a leading year", () => {
    expect(matchHeader(" 年初预算数\n（万元） ")).toBe("initial");
    expect(matchHeader("年 初 预 算 数")).toBe("initial");
    expect(matchHeader("全年执行数（Ｂ）")).toBe("actual");
    expect(matchHeader("2023年全年执行数")).toBe("actual");
    expect(matchHeader("分值（10分）")).toBe("weight");
    expect(matchHeader("★得分")).toBe("score");
  });

  it("does not match data or prose", () => {
    for (const text of ["财政拨款", "552.45", "产出指标", "预算执行情况", "人居环境整治达标村（社区）数", ""])
      expect(matchHeader(text)).toBeNull();
    expect(matchHeader("年初预算数".repeat(10))).toBeNull();
  });

  it("every synonym in the table matches its own field or a stronger reading of the same text", () => {
    for (const [field, list] of Object.entries(HEADER_SYNONYMS) as [FieldKey, string[]][]) {
      for (const text of list) {
        const m = matchHeader(text);
        expect(m).not.toBeNull();
        // 自评得分 / 评价得分 are the 得分 of a table without a 复核 column (detect/header.ts selfAndReview)
        if (m !== field)
          expect([
            ["name", "project"],
            ["score", "selfScore"],
            ["reviewScore", "score"],
          ]).toContainEqual([m, field].sort());
      }
    }
  });

  it("canonical strips parentheses (units, (A), （减）) and whitespace", () => {
    expect(canonical("调增（减）数")).toBe("调增数");
    expect(canonical("年初预算数(A)")).toBe("年初预算数");
    expect(canonical(" 合　计 ")).toBe("合计");
  });
});

describe("row labels", () => {
  it.each(["合计", "合 计", "总计", "年度资金总额", "总额", "总分", "合计（万元）"])("%s is a total", (t) =>
    expect(isTotalLabel(t)).toBe(true),
  );
  it.each(["财政拨款", "小计合计数据", "合计数据说明", "其中：财政拨款"])("%s is not a total", (t) =>
    expect(isTotalLabel(t)).toBe(false),
  );
  it("recognises 其中 sub-rows", () => {
    expect(isSubItemLabel("其中：当年财政拨款")).toBe(true);
    expect(isSubItemLabel("其中:财政拨款")).toBe(true);
    expect(isSubItemLabel("财政拨款")).toBe(false);
  });
  it("recognises 财政拨款 funding rows", () => {
    for (const t of ["财政拨款", "当年财政拨款", "财政资金", "其中：当年财政拨款", "一、财政拨款"])
      expect(fundingSourceOf(t)).toBe("fiscal");
    for (const t of ["政府性基金", "单位资金", "合计"]) expect(fundingSourceOf(t)).toBeNull();
  });
  it("recognises structure rows", () => {
    expect(structureTypeOf("基本支出")).toBe("basic");
    expect(structureTypeOf("（一）项目支出")).toBe("project");
    expect(structureTypeOf("其他")).toBe("other");
    expect(structureTypeOf("合计")).toBe("total");
    expect(structureTypeOf("财政拨款")).toBeNull();
  });
  it("reads money units from lines and headers", () => {
    expect(unitIn("金额单位：元")).toBe("元");
    expect(unitIn("单位:万元")).toBe("万元");
    expect(unitIn("年初预算数（元）")).toBe("元");
    expect(unitIn("项目资金（万元）")).toBe("万元");
    expect(unitIn("元旦")).toBeNull();
  });
  it("splits weights written in labels", () => {
    expect(splitWeightLabel("产出指标（50分）")).toEqual({ name: "产出指标", weight: 50 });
    expect(splitWeightLabel("投入(15)")).toEqual({ name: "投入", weight: 15 });
    expect(splitWeightLabel("产出指标(50)")).toEqual({ name: "产出指标", weight: 50 });
    expect(splitWeightLabel("质量（７.５分）")).toEqual({ name: "质量", weight: 7.5 });
    expect(splitWeightLabel("人居环境整治达标村（社区）数")).toEqual({
      name: "人居环境整治达标村（社区）数",
      weight: null,
    });
    expect(splitWeightLabel("办结率(100%)")).toEqual({ name: "办结率(100%)", weight: null });
  });
});
