/** Metric lookup by loose name and 定性 phrase recognition, used by the row scorer. */
import { isExecutionRateName, lookupMetric } from "../../src/engine/scoring/metric-lookup";
import { isNotApplicable, qualitativeLevel } from "../../src/engine/scoring/qualitative";

describe("lookupMetric", () => {
  const named = { 预算执行率: 1.209, 预算调整率: 0.209, 三公经费变动率: -0.05 };

  it.each([
    ["预算执行率", "预算执行率"],
    ["执行率", "预算执行率"],
    ["资金执行率", "预算执行率"],
    ["部门预算执行率", "预算执行率"],
    ["调整率", "预算调整率"],
    [" 预算调整率（%）", "预算调整率"],
    ["“三公经费”变动率", "三公经费变动率"],
  ])("%s → %s", (name, found) => {
    expect(lookupMetric([name], named)?.name).toBe(found);
  });

  it.each(["政府采购执行率", "完成率", "", "率"])("finds nothing for %p", (name) => {
    expect(lookupMetric([name], named)).toBeNull();
  });

  it("tries the candidates in order and skips non-finite metrics", () => {
    expect(lookupMetric(["重点工作办结率", "预算调整率"], named)?.value).toBe(0.209);
    expect(lookupMetric(["预算执行率"], { 预算执行率: Number.NaN })).toBeNull();
  });

  it("knows the 执行率 names", () => {
    expect(isExecutionRateName("执行率")).toBe(true);
    expect(isExecutionRateName("预算执行率")).toBe(true);
    expect(isExecutionRateName("政府采购执行率")).toBe(false);
  });
});

describe("qualitativeLevel", () => {
  it.each([
    ["达成", "achieved"],
    ["已达成", "achieved"],
    ["达到预期指标", "achieved"],
    ["全部完成", "achieved"],
    ["部分达成", "partial"],
    ["基本达到预期目标", "partial"],
    ["未达成", "notAchieved"],
    ["未达到预期指标", "notAchieved"],
    ["尚未完成", "notAchieved"],
    ["完成12个", null],
    ["良好", null],
    ["", null],
  ])("%p → %p", (text, level) => {
    expect(qualitativeLevel(text)).toBe(level);
  });
});

describe("isNotApplicable", () => {
  it.each([
    ["不适用", true],
    ["N/A", true],
    ["n/a", true],
    ["NA", true],
    ["本项不适用", true],
    ["（不适用）", true],
    ["不涉及", true],
    ["免评", true],
    ["不适用时说明理由", false],
    ["达成", false],
    [5, false],
    [null, false],
  ])("%p → %p", (v, expected) => {
    expect(isNotApplicable(v)).toBe(expected);
  });
});
