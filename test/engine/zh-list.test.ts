/**
 * Chinese lists (issue 17): items joined by 、, or by ； as soon as one item holds a ，. The helper, then
 * the places that join user-facing lists: a finding's {list} (the sample's 预算调整率 finding, whose members
 * each say 调整数，调整率), the report's cells and clauses, the profile names.
 */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { resolveConfig, validateConfig } from "../../src/engine/config";
import { evaluate } from "../../src/engine/evaluate";
import { joinZhList, zhListSeparator } from "../../src/engine/format";
import { renderMessage } from "../../src/engine/rules/catalogue";

describe("joinZhList", () => {
  it("joins items without ， by 、", () => {
    expect(joinZhList(["预算执行表", "指标评分表", "绩效目标表"])).toBe("预算执行表、指标评分表、绩效目标表");
    expect(zhListSeparator(["甲", "乙"])).toBe("、");
  });

  it("joins by ； when any item holds a ，", () => {
    expect(joinZhList(["财政拨款调整115.47万元，调整率20.90%", "合计调整115.47万元，调整率12.29%"])).toBe(
      "财政拨款调整115.47万元，调整率20.90%；合计调整115.47万元，调整率12.29%",
    );
    expect(joinZhList(["甲", "乙，丙", "丁"])).toBe("甲；乙，丙；丁");
    expect(zhListSeparator(["甲", "乙，丙"])).toBe("；");
  });

  it("reads a half-width comma as no reason for ；, and leaves one item or none as it is", () => {
    expect(joinZhList(["1,234.50", "2,000"])).toBe("1,234.50、2,000");
    expect(joinZhList(["甲，乙"])).toBe("甲，乙");
    expect(joinZhList([])).toBe("");
  });
});

describe("the lists the product writes", () => {
  const evaluation = evaluate(gaozhuangSnapshot(), resolveConfig());

  it("a finding whose members hold ， lists them with ；", () => {
    const f = evaluation.findings.find((x) => x.rule === "BUDGET_ADJUSTMENT_RATE");
    expect(f?.members.length).toBeGreaterThan(1);
    const message = renderMessage(f!, "zh-CN");
    expect(message).toContain("预算调整率20.90%；合计预算调整115.47万元");
    expect(message).not.toMatch(/\d%、/);
  });

  it("a finding whose members hold no ， lists them with 、", () => {
    const f = evaluation.findings.find((x) => x.rule === "LOW_SCORE_RATE");
    expect(f?.members.length).toBeGreaterThan(1);
    const message = renderMessage(f!, "zh-CN");
    expect(message).toContain("（16.67%）、“预算执行率”");
    expect(message).not.toContain("；");
  });

  it("the profile names in the message of an unknown profile", () => {
    const { errors } = validateConfig({ profile: "省级" });
    expect(errors.map((e) => e.message["zh-CN"])).toEqual([
      expect.stringContaining("（可用：default、一体化自评）"),
    ]);
  });
});
