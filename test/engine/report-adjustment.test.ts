/**
 * The report's 预算调整率 problem sentence: the budget's composition and the year's spending listed
 * item by item (built run by run, no list per row), in both languages.
 */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import { resolveConfig } from "../../src/engine/config";
import { buildReportModel, runsText } from "../../src/engine/report-model";
import type { Lang } from "../../src/engine/types";

function adjustmentItem(lang: Lang) {
  const model = buildReportModel(evaluate(gaozhuangSnapshot(), resolveConfig({ lang })), { lang });
  const item = model.problems.flatMap((g) => g.items).find((i) => i.rule === "BUDGET_ADJUSTMENT_RATE");
  if (!item) throw new Error("no 预算调整率 problem");
  return item;
}

describe("the 预算调整率 sentence", () => {
  it("lists the initial budget and the spending by fund source (zh-CN)", () => {
    const item = adjustmentItem("zh-CN");
    expect(runsText(item.runs)).toBe(
      "2023年度部门年初预算数为939.45万元，其中财政拨款552.45万元，政府性基金387.00万元。" +
        "全年支出数为994.07万元，其中财政拨款667.92万元，单位资金326.15万元。" +
        "财政拨款预算调增115.47万元，预算调整率20.90%，侧面反映出部门年初预算编制的计划性和准确性还有待提升。",
    );
    const money = item.runs.filter((r) => r.kind === "money").map((r) => r.value);
    expect(money).toEqual([939.45, 552.45, 387, 994.07, 667.92, 326.15, 115.47]);
    // each figure its own run: 3 per listed item, a separator between items
    expect(item.runs).toHaveLength(29);
  });

  it("lists them in brackets with semicolons (en-US)", () => {
    const item = adjustmentItem("en-US");
    expect(runsText(item.runs)).toBe(
      "In 2023, the initial budget was 939.45 (财政拨款 552.45; 政府性基金 387.00). " +
        "Spending for the year was 994.07 (财政拨款 667.92; 单位资金 326.15). " +
        "The 财政拨款 budget was adjusted up by 115.47 (10k yuan), an adjustment rate of 20.90%; the initial budget was not planned accurately enough.",
    );
    expect(item.runs).toHaveLength(25);
  });
});
