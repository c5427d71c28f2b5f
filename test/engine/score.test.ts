/** scoreIndicatorTable: the seed's table (docs/domain.md §7), every scoring way, caps, 不适用, levels and grades. */
import { gradeFor } from "../../src/engine/config";
import { qualitativeBand, scoreIndicatorTable } from "../../src/engine/scoring/score";
import type { IndicatorRow, ScoredIndicator } from "../../src/engine/types";
import { config, metrics, row, SEED_METRICS, seedTable, table } from "./score-fixtures";

function scoreOne(
  p: Partial<IndicatorRow>,
  named: Record<string, number> = {},
  cfg = config(),
): ScoredIndicator {
  return scoreIndicatorTable(table([row(p)]), metrics(named), cfg).rows[0];
}

describe("the seed's indicator table", () => {
  const result = scoreIndicatorTable(seedTable(), SEED_METRICS(), config());
  const byName = (name: string) => {
    const found = result.rows.find((r) => r.source.level3.includes(name));
    if (!found) throw new Error(name);
    return found;
  };

  it.each([
    ["预算调整率", "criteria", 0.5],
    ["预算执行率", "criteria", 2.91],
    ["人居环境整治达标村", "positive", 6],
    ["重点工作办结率", "positive", 8],
    ["三公经费", "criteria", 2],
    ["公用经费控制率", "reverse", 3],
    ["服务对象满意度", "positive", 5],
  ])("computes %s by %s → %p", (name, method, score) => {
    const r = byName(name);
    expect(r.method).toBe(method);
    expect(r.score).toBe(score);
    expect(r.computed).toBe(score);
  });

  it("takes the metric values from metrics.named", () => {
    expect(byName("预算调整率").metricValue).toBeCloseTo(0.20901, 5);
    expect(byName("预算执行率").metricValue).toBeCloseTo(1.20901, 5);
  });

  it("keeps the evaluator's entered rows", () => {
    const entered = result.rows.filter((r) => r.method === "entered");
    expect(entered.map((r) => r.score)).toEqual([2.5, 2, 1.5, 2.5, 3, 2, 3.43, 8, 8, 8, 5, 4.2, 4, 2, 2]);
  });

  it("reports the 定性 band of entered 定性 rows without computing a number", () => {
    const r = byName("乡村振兴带动效果");
    expect(r.method).toBe("entered");
    expect(r.computed).toBeNull();
    expect(r.band).toEqual([0.8, 1]);
    expect(r.note).toContain("达成");
  });

  it("gives the seed's level table, total and grade", () => {
    expect(result.levels.map((l) => [l.name, l.weight, l.score])).toEqual([
      ["管理效率", 30, 20.34],
      ["履职效能", 40, 38],
      ["运行成本", 5, 5],
      ["社会效应", 15, 14.2],
      ["可持续发展能力", 10, 8],
    ]);
    expect(result.levels[0].rate).toBeCloseTo(0.678, 10);
    expect(result.levels[3].rate).toBeCloseTo(0.94667, 5);
    expect(result.total).toEqual({ score: 85.54, max: 100, rate: expect.closeTo(0.8554, 10), grade: "良" });
  });

  it("lists each level's absolute rows", () => {
    expect(result.levels[2].rows).toEqual([16, 17]);
  });
});

describe("entered scores", () => {
  it("keeps an entered score but still computes the rule for comparison", () => {
    const r = scoreOne({ weight: 8, nature: "≥", target: "≥12个", actual: "9个", entered: 7 });
    expect(r).toMatchObject({ method: "entered", score: 7, computed: 6 });
  });

  it("keeps a formula score even when its value could not be read", () => {
    const r = scoreOne({ weight: 8, scoreIsFormula: true, entered: null, target: "≥12个", actual: "9个" });
    expect(r.method).toBe("entered");
    expect(r.score).toBeNull();
    expect(r.computed).toBe(6);
  });

  it("recomputes a score the add-in wrote last time", () => {
    const r = scoreOne({ weight: 8, entered: 3, scoreIsOurs: true, target: "≥12个", actual: "9个" });
    expect(r).toMatchObject({ method: "positive", score: 6 });
  });

  it("caps an entered score to [0, 分值] (the raw number stays on source for the findings)", () => {
    const r = scoreOne({ weight: 5, entered: 6 });
    expect(r.score).toBe(5);
    expect(r.source.entered).toBe(6);
    expect(scoreOne({ weight: 5, entered: -1 }).score).toBe(0);
  });
});

describe("正向 / 反向 / 等于", () => {
  it("正向: full at or above target, else actual/target × 分值", () => {
    expect(scoreOne({ weight: 10, nature: "正向", target: 100, actual: 120 }).score).toBe(10);
    expect(scoreOne({ weight: 10, nature: "≥", target: "≥90%", actual: "60%" }).score).toBe(6.67);
    expect(scoreOne({ weight: 10, nature: "≥", target: "≥90%", actual: "60%" }).method).toBe("positive");
  });

  it("takes the nature from the target text when the column is empty", () => {
    expect(scoreOne({ weight: 10, target: "≥12个", actual: "6个" }).score).toBe(5);
    expect(scoreOne({ weight: 10, target: "≤10天", actual: "20天" }).method).toBe("reverse");
  });

  it("反向 ratio: 目标/实际 × 分值", () => {
    const r = scoreOne({ weight: 10, nature: "≤", target: "≤100%", actual: "125%" });
    expect(r).toMatchObject({ method: "reverse", score: 8 });
    expect(scoreOne({ weight: 10, nature: "反向", target: 10, actual: 9 }).score).toBe(10);
  });

  it("反向 deviation variant: (1 − (实际−目标)/目标) × 分值, floored at 0", () => {
    const cfg = config({ reverseFormula: "deviation" });
    expect(scoreOne({ weight: 10, nature: "≤", target: "≤100%", actual: "125%" }, {}, cfg).score).toBe(7.5);
    expect(scoreOne({ weight: 10, nature: "≤", target: "≤10", actual: 30 }, {}, cfg).score).toBe(0);
  });

  it("等于 with target 0: actual ≤ 0 full, else 0", () => {
    expect(scoreOne({ weight: 4, nature: "=", target: 0, actual: 0 }).score).toBe(4);
    expect(scoreOne({ weight: 4, nature: "=", target: "=0", actual: -2 }).score).toBe(4);
    expect(scoreOne({ weight: 4, nature: "=", target: 0, actual: 1 }).score).toBe(0);
    expect(scoreOne({ weight: 4, nature: "=", target: 0, actual: 1 }).method).toBe("equal");
  });

  it("等于 with a non-zero target scores as 正向", () => {
    expect(scoreOne({ weight: 4, nature: "=", target: "100%", actual: "50%" }).score).toBe(2);
  });

  it("reads a bare whole percent against a percentage target (96 vs ≥95%)", () => {
    expect(scoreOne({ weight: 5, nature: "≥", target: "≥95%", actual: 96 }).score).toBe(5);
    expect(scoreOne({ weight: 5, nature: "≥", target: "≥95%", actual: 0.76 }).score).toBe(4);
  });

  it("scales the bare numbers of one row alike", () => {
    // a 完成率 written 12 and 1 (no %): 1/12 of the points, not full marks
    expect(scoreOne({ level3: "完成率", weight: 12, nature: "≥", target: 12, actual: 1 }).score).toBe(1);
    expect(scoreOne({ weight: 8, target: 12, actual: 1, criteria: "按完成比例计算得分" }).score).toBe(0.67);
  });

  it("takes an empty 实际值 from a metric of the same name", () => {
    const r = scoreOne({ level3: "结转结余率", weight: 4, nature: "≤", target: "≤5%" }, { 结转结余率: 0.08 });
    expect(r).toMatchObject({ method: "reverse", score: 2.5, metricValue: 0.08 });
  });

  it("says which numbers are missing", () => {
    expect(scoreOne({ weight: 5, nature: "≥", target: "≥95%" })).toMatchObject({
      method: "unscored",
      note: "缺少实际值",
    });
    expect(scoreOne({ weight: 5, actual: 3 }).note).toBe("缺少目标值");
    expect(scoreOne({ weight: 5 }).note).toBe("缺少目标值和实际值");
  });
});

describe("评分标准 rows", () => {
  it("uses the row's 实际值 before a metric", () => {
    const r = scoreOne(
      {
        level3: "预算调整率",
        weight: 3,
        actual: "5%",
        criteria: "预算调整率=0，计3分；0-10%(含)，计2分；大于10%不得分",
      },
      { 预算调整率: 0.5 },
    );
    expect(r).toMatchObject({ method: "criteria", score: 2, metricValue: 0.05 });
  });

  it("finds the metric by a loose name (调整率 → 预算调整率) or by the criteria's own metric", () => {
    const text = "预算调整率=0，计3分；0-10%(含)，计2分；大于10%不得分";
    expect(scoreOne({ level3: "调整率", weight: 3, criteria: text }, { 预算调整率: 0 }).score).toBe(3);
    expect(scoreOne({ level3: "预算编制准确性", weight: 3, criteria: text }, { 预算调整率: 0.2 }).score).toBe(
      0,
    );
  });

  it("caps a rule's points to the row's 分值", () => {
    const r = scoreOne({
      level3: "三公经费变动率",
      weight: 2,
      actual: "-5%",
      criteria: "三公经费变动率≤0，计5分",
    });
    expect(r.score).toBe(2);
    expect(r.computed).toBe(2);
  });

  it("scores ratio text from 实际/目标", () => {
    const r = scoreOne({ weight: 8, target: 12, actual: 9, criteria: "按完成比例计算得分，满分为止" });
    expect(r).toMatchObject({ method: "criteria", score: 6 });
    expect(scoreOne({ weight: 8, target: 12, actual: 15, criteria: "完成率×分值" }).score).toBe(8);
  });

  it("reads a percent rule on a row of counts as the 完成率", () => {
    const text = "完成率≥90%，计5分；80%(含)-90%，计3分；低于80%不得分";
    expect(scoreOne({ weight: 5, target: "12个", actual: "11个", criteria: text }).score).toBe(5);
    expect(scoreOne({ weight: 5, target: "12个", actual: "10个", criteria: text }).score).toBe(3);
    expect(scoreOne({ weight: 5, target: "12个", actual: "5个", criteria: text }).score).toBe(0);
  });

  it("scores a 按完成比例 band as 实际/目标 × 分值", () => {
    const text = "完成率≥100%，得满分；低于100%的，按完成比例计分";
    expect(scoreOne({ weight: 8, target: "≥12个", actual: "9个", criteria: text }).score).toBe(6);
    expect(scoreOne({ weight: 8, target: "≥12个", actual: "13个", criteria: text }).score).toBe(8);
    const satisfaction = "满意度≥95%得满分，低于95%按比例计分";
    expect(scoreOne({ weight: 5, target: "≥95%", actual: "90%", criteria: satisfaction }).score).toBe(4.74);
  });

  it("leaves a value outside every band unscored", () => {
    const r = scoreOne({ weight: 5, actual: "75%", criteria: "完成率≥90%，计5分；低于60%不得分" });
    expect(r.method).toBe("unscored");
    expect(r.score).toBeNull();
    expect(r.note).toContain("不在评分标准的任何区间内");
  });

  it("leaves unparseable text for the evaluator", () => {
    const r = scoreOne({
      level3: "资金使用合规性",
      weight: 3,
      criteria: "资金使用合规，无违规得满分，发现问题酌情扣分",
    });
    expect(r).toMatchObject({ method: "unscored", score: null, computed: null, note: "评分标准无法解析" });
  });

  it("names the metric it could not find", () => {
    const r = scoreOne({ level3: "预算调整率", weight: 3, criteria: "预算调整率=0，计3分；大于0不得分" });
    expect(r.method).toBe("unscored");
    expect(r.note).toContain("预算调整率");
  });
});

describe("执行率 rows", () => {
  it("scores 执行率 × 分值 from the metric when there is no criteria", () => {
    const r = scoreOne({ level3: "预算执行率", weight: 10 }, { 预算执行率: 0.8765 });
    expect(r).toMatchObject({ method: "executionRate", score: 8.77 });
  });

  it("caps 执行率 above 100%", () => {
    expect(scoreOne({ level3: "执行率", weight: 10 }, { 预算执行率: 1.209 }).score).toBe(10);
  });

  it("uses the row's own 实际值 and falls back from unparseable text", () => {
    const r = scoreOne({ level3: "预算执行率", weight: 10, actual: "90%", criteria: "视执行情况评分" });
    expect(r).toMatchObject({ method: "executionRate", score: 9 });
  });

  it("does not take the budget 执行率 for another 执行率 (政府采购执行率)", () => {
    expect(scoreOne({ level3: "政府采购执行率", weight: 10 }, { 预算执行率: 0.9 }).method).toBe("unscored");
  });
});

describe("定性", () => {
  it("leaves a 定性 row without a score unscored, with its band", () => {
    const r = scoreOne({ weight: 5, nature: "定性", actual: "部分达成" });
    expect(r).toMatchObject({ method: "unscored", score: null, computed: null, band: [0.6, 0.8] });
    expect(r.note).toContain("3–4 分");
    expect(r.note).toContain("评价人员打分");
  });

  it("recognises 定性 results in the actual text without a nature", () => {
    expect(scoreOne({ weight: 5, target: "达到预期指标", actual: "未达到预期指标" }).band).toEqual([0, 0.6]);
  });

  it("exports qualitativeBand with the configured bands", () => {
    const cfg = config({
      qualitativeBands: { achieved: [0.8, 1], partial: [0.5, 0.8], notAchieved: [0, 0.5] },
    });
    expect(qualitativeBand("达成", cfg)).toEqual([0.8, 1]);
    expect(qualitativeBand("部分达成", cfg)).toEqual([0.5, 0.8]);
    expect(qualitativeBand("达到预期指标", config())).toEqual([0.8, 1]);
    expect(qualitativeBand("部分达到预期指标", config())).toEqual([0.6, 0.8]);
    expect(qualitativeBand("未达成", config())).toEqual([0, 0.6]);
    expect(qualitativeBand("良好", config())).toBeNull();
  });
});

describe("不适用 and re-basing", () => {
  const rows = () => [
    row({ row: 2, level1: "产出", weight: 10, target: 10, actual: 10 }),
    row({ row: 3, level1: "产出", weight: 10, target: 10, actual: 5 }),
    row({ row: 4, level1: "产出", weight: 10, actual: "不适用" }),
    row({ row: 5, level1: "效益", weight: 20, entered: 18 }),
  ];

  it("excludes 不适用 rows and re-bases the level to its weight", () => {
    const result = scoreIndicatorTable(table(rows()), metrics(), config());
    expect(result.rows[2]).toMatchObject({ method: "notApplicable", score: null });
    const level = result.levels[0];
    expect(level.weight).toBe(30);
    expect(level.score).toBe(22.5); // (10 + 5) × 30/20
    expect(level.rebase).toEqual({ factor: 1.5, applicableWeight: 20, excludedWeight: 10 });
    expect(result.total).toMatchObject({ score: 40.5, max: 50 });
  });

  it("without re-basing drops the excluded weight from the level", () => {
    const result = scoreIndicatorTable(table(rows()), metrics(), config({ rebaseNotApplicable: false }));
    expect(result.levels[0]).toMatchObject({ weight: 20, score: 15, rate: 0.75 });
    expect(result.total.max).toBe(40);
  });

  it.each([
    [{ scoreText: "不适用" }],
    [{ scoreText: "N/A" }],
    [{ criteria: "本项不适用" }],
    [{ target: "不涉及" }],
    [{ actual: "（不适用）" }],
    [{ scoreText: "免评" }],
  ])("reads 不适用 from %p", (p) => {
    expect(scoreOne({ weight: 5, ...p }).method).toBe("notApplicable");
  });

  it("does not take a 评分标准 that merely mentions 不适用 as a marker", () => {
    const r = scoreOne({ weight: 5, criteria: "完成得满分，不适用时说明理由", target: 1, actual: 1 });
    expect(r.method).not.toBe("notApplicable");
  });

  it("keeps an entered score on a row whose actual says 不适用", () => {
    expect(scoreOne({ weight: 5, actual: "不适用", entered: 4 })).toMatchObject({
      method: "entered",
      score: 4,
    });
  });
});

describe("levels and total", () => {
  it("takes level weights from table.levelWeights when given", () => {
    const t = table(
      [
        row({ level1: "产出指标", weight: 20, entered: 20 }),
        row({ level1: "效益指标", weight: 30, entered: 15 }),
        row({ level1: "产出指标", weight: 20, entered: 10 }),
      ],
      { levelWeights: { 产出指标: 50, 效益指标: 30 } },
    );
    const r = scoreIndicatorTable(t, metrics(), config());
    expect(r.levels.map((l) => [l.name, l.weight, l.score, l.rate])).toEqual([
      ["产出指标", 50, 30, 0.6],
      ["效益指标", 30, 15, 0.5],
    ]);
    expect(r.total).toMatchObject({ score: 45, max: 80 });
  });

  it("sums rows' rounded scores into levels", () => {
    // three rows of 1/3 × 1 point each: 0.33 + 0.33 + 0.33 = 0.99, not 1
    const t = table([1, 2, 3].map(() => row({ level1: "L", weight: 1, target: 3, actual: 1 })));
    expect(scoreIndicatorTable(t, metrics(), config()).levels[0].score).toBe(0.99);
  });

  it("gives a null rate (not NaN) for a level of weight 0", () => {
    const r = scoreIndicatorTable(table([row({ level1: "L", weight: 0, entered: 0 })]), metrics(), config());
    expect(r.levels[0].rate).toBeNull();
    expect(r.total.rate).toBeNull();
    expect(r.rows[0].rate).toBeNull();
  });

  it("keeps an entered score on a row without 分值 but does not rate it", () => {
    const r = scoreOne({ weight: null, entered: 3 });
    expect(r).toMatchObject({ method: "entered", score: 3, rate: null, note: "缺少分值" });
    expect(scoreOne({ weight: null, target: 1, actual: 1 })).toMatchObject({
      method: "unscored",
      note: "缺少分值",
    });
  });
});

describe("grades", () => {
  it.each([
    [90, "优"],
    [89.995, "良"],
    [89.99, "良"],
    [80, "良"],
    [79.999, "中"],
    [60, "中"],
    [59.99, "差"],
    [0, "差"],
  ])("%p → %s", (total, grade) => {
    expect(gradeFor(total, config().grades)).toBe(grade);
  });

  it("grades a table totalling 90 (from float-noisy sums) as 优 and 89.99 as 良", () => {
    const mk = (scores: number[]) =>
      scoreIndicatorTable(
        table(scores.map((s, i) => row({ level1: `L${i}`, weight: [1, 70, 29][i], entered: s }))),
        metrics(),
        config(),
      ).total;
    // in floats 0.02 + 65.32 + 24.66 = 89.99999999999999: still 90 → 优
    expect(0.02 + 65.32 + 24.66).toBeLessThan(90);
    expect(mk([0.02, 65.32, 24.66])).toMatchObject({ score: 90, grade: "优" });
    expect(mk([0.99, 65.32, 23.68])).toMatchObject({ score: 89.99, grade: "良" });
  });
});
