/** The 评分标准 parser: every shape of docs/domain.md §4, both (含) conventions, spelling variants, and refusal. */
import {
  evaluateCriteria,
  inInterval,
  matchBand,
  parseCriteria,
  type BandsCriteria,
  type Criteria,
} from "../../src/engine/scoring/criteria";
import { tokenize } from "../../src/engine/scoring/tokens";

function parsed(text: string): Criteria {
  const c = parseCriteria(text);
  if (c === null) throw new Error(`did not parse: ${text}`);
  return c;
}

function bands(text: string): BandsCriteria {
  const c = parsed(text);
  if (c.kind !== "bands") throw new Error(`not bands: ${c.kind}`);
  return c;
}

const ADJUSTMENT =
  "预算调整率=0，计3分；0-10%(含)，计2分；10-20%(含)，计1分；20-30%(含)，计0.5分；大于30%不得分";
const KEY_SPENDING =
  "重点支出安排率≥90%，计5分；80%(含)-90%，计4分；70%(含)-80%，计3分；60%(含)-70%，计2分；低于60%不得分。";

describe("bands", () => {
  it("reads the 预算调整率 bands with (含) on the upper end", () => {
    const c = bands(ADJUSTMENT);
    expect(c.metric).toBe("预算调整率");
    expect(c.percent).toBe(true);
    expect(c.bands).toEqual([
      { lower: 0, lowerInclusive: true, upper: 0, upperInclusive: true, points: 3 },
      { lower: 0, lowerInclusive: false, upper: 0.1, upperInclusive: true, points: 2 },
      { lower: 0.1, lowerInclusive: false, upper: 0.2, upperInclusive: true, points: 1 },
      { lower: 0.2, lowerInclusive: false, upper: 0.3, upperInclusive: true, points: 0.5 },
      { lower: 0.3, lowerInclusive: false, upper: null, upperInclusive: false, points: 0 },
    ]);
  });

  it.each([
    [0, 3],
    [0.05, 2],
    [0.1, 2], // 10%(含) belongs to the 0-10% band
    [0.1000001, 1],
    [0.2, 1],
    [115.47 / 552.45, 0.5], // the seed: 20.90%
    [0.3, 0.5],
    [0.31, 0],
    [5, 0],
  ])("预算调整率 %p → %p", (value, points) => {
    expect(evaluateCriteria(bands(ADJUSTMENT), value, 3)).toBe(points);
  });

  it("treats a boundary computed with float noise as the boundary", () => {
    // 0.1 + 0.2 = 0.30000000000000004 still falls in 20-30%(含)
    expect(evaluateCriteria(bands(ADJUSTMENT), 0.1 + 0.2, 3)).toBe(0.5);
  });

  it("reads (含) on the lower end as [lower, upper)", () => {
    const c = bands(KEY_SPENDING);
    expect(c.metric).toBe("重点支出安排率");
    expect(c.bands[1]).toEqual({
      lower: 0.8,
      lowerInclusive: true,
      upper: 0.9,
      upperInclusive: false,
      points: 4,
    });
    expect(c.bands[4]).toEqual({
      lower: null,
      lowerInclusive: false,
      upper: 0.6,
      upperInclusive: false,
      points: 0,
    });
    expect(evaluateCriteria(c, 0.9, 5)).toBe(5);
    expect(evaluateCriteria(c, 0.8999, 5)).toBe(4);
    expect(evaluateCriteria(c, 0.8, 5)).toBe(4);
    expect(evaluateCriteria(c, 0.7, 5)).toBe(3);
    expect(evaluateCriteria(c, 0.6, 5)).toBe(2);
    expect(evaluateCriteria(c, 0.5999, 5)).toBe(0);
  });

  it("reads full-width digits, ％, （含）and full-width separators", () => {
    const c = bands(
      "预算调整率＝０，计３分；０－１０％（含），计２分；１０％－２０％（含），得１分；大于３０％不得分。",
    );
    expect(c.bands.map((b) => [b.lower, b.upper, b.points])).toEqual([
      [0, 0, 3],
      [0, 0.1, 2],
      [0.1, 0.2, 1],
      [0.3, null, 0],
    ]);
  });

  it.each([
    ["≦", "<=", 0.95, true],
    ["≤", "<=", 0.95, true],
    ["<=", "<=", 0.95, true],
    ["＜", "<", 0.95, false],
    ["<", "<", 0.95, false],
    ["≧", ">=", 0.95, true],
    ["≥", ">=", 0.95, true],
    [">=", ">=", 0.95, true],
    ["＞", ">", 0.95, false],
    ["不低于", ">=", 0.95, true],
    ["高于", ">", 0.95, false],
  ])("comparison %s", (symbol, op, bound, inclusive) => {
    const c = bands(`满意度${symbol}95%，计5分`);
    const b = c.bands[0];
    if (op.startsWith("<")) {
      expect(b.upper).toBeCloseTo(bound, 12);
      expect(b.upperInclusive).toBe(inclusive);
      expect(b.lower).toBeNull();
    } else {
      expect(b.lower).toBeCloseTo(bound, 12);
      expect(b.lowerInclusive).toBe(inclusive);
      expect(b.upper).toBeNull();
    }
  });

  it("reads 以上/以下 as inclusive, 得N分 / N分 / 得0分 / 不得分 as points, and 满分", () => {
    const c = bands("完成率90%以上得满分；80%(含)-90%计4分；60%-80%，3分；60%以下得0分");
    expect(c.bands.map((b) => b.points)).toEqual(["full", 4, 3, 0]);
    expect(c.bands[0]).toMatchObject({ lower: 0.9, lowerInclusive: true, upper: null });
    expect(c.bands[3]).toMatchObject({ lower: null, upper: 0.6, upperInclusive: true });
    expect(evaluateCriteria(c, 0.95, 8)).toBe(8); // 满分 = the row's 分值
    expect(evaluateCriteria(c, 0.6, 8)).toBe(3); // first band holding 60% (60%-80% is [60%, 80%))
  });

  it("reads 为90%以上 as ≥ 90% and refuses 大于90%以下", () => {
    expect(bands("满意度为90%以上，计5分").bands[0]).toMatchObject({
      lower: 0.9,
      lowerInclusive: true,
      upper: null,
    });
    expect(parseCriteria("满意度大于90%以下，计5分")).toBeNull();
  });

  it("reads a double comparison 80%≤完成率<90%", () => {
    const c = bands("完成率≥90%，计5分；80%≤完成率<90%，计3分；完成率<80%，不得分");
    expect(c.bands[1]).toEqual({
      lower: 0.8,
      lowerInclusive: true,
      upper: 0.9,
      upperInclusive: false,
      points: 3,
    });
  });

  it("reads counts without percent (≥12个)", () => {
    const c = bands("≥12个，计8分；8-12个，计4分；低于8个不得分");
    expect(c.percent).toBe(false);
    expect(evaluateCriteria(c, 12, 8)).toBe(8);
    expect(evaluateCriteria(c, 9, 8)).toBe(4);
    expect(evaluateCriteria(c, 7, 8)).toBe(0);
  });

  it("reads a bare number of a 率 above 1 as a percentage", () => {
    const c = bands("公用经费控制率≤100，计3分；大于100不得分");
    expect(c.bands[0].upper).toBe(1);
  });

  it("leaves gaps unmatched rather than guessing", () => {
    const c = bands("完成率≥90%，计5分；低于60%不得分");
    expect(matchBand(c, 0.75)).toBeNull();
    expect(matchBand(c, 0.95)).toBe(0);
  });
});

describe("texts that define their metric first", () => {
  it("skips a defining formula ending in ×100%", () => {
    const c = bands(
      "预算执行率=（实际支出资金/实际到位资金）×100%。预算执行率≥90%，得5分；80%≤预算执行率<90%，得3分；预算执行率<80%，得0分。",
    );
    expect(c.metric).toBe("预算执行率");
    expect(c.bands.map((b) => b.points)).toEqual([5, 3, 0]);
    const r = parsed("完成率=实际完成数/计划数×100%，按完成比例计算得分");
    expect(r).toMatchObject({ kind: "ratio", metric: "完成率" });
  });

  it("reads 10%<预算调整率≤20% and 得满分", () => {
    const c = bands("预算调整率≤10%，得满分；10%<预算调整率≤20%，得1分；预算调整率>20%，不得分");
    expect(c.bands[1]).toEqual({
      lower: 0.1,
      lowerInclusive: false,
      upper: 0.2,
      upperInclusive: true,
      points: 1,
    });
    expect(evaluateCriteria(c, 0.05, 4)).toBe(4);
  });
});

describe("per-point deduction", () => {
  it("reads 在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止", () => {
    const c = parsed("在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止");
    expect(c).toEqual({
      kind: "deduction",
      metric: "在职人员控制率",
      percent: true,
      threshold: 1,
      direction: "above",
      step: 0.01,
      perStep: 0.5,
      full: 5,
      maxDeduction: null,
    });
    expect(evaluateCriteria(c, 0.98, 5)).toBe(5);
    expect(evaluateCriteria(c, 1, 5)).toBe(5);
    expect(evaluateCriteria(c, 1.04, 5)).toBeCloseTo(3, 10);
    expect(evaluateCriteria(c, 1.5, 5)).toBe(0); // 扣完为止
  });

  it("reads the “三公经费” text with its scoping condition", () => {
    const c = parsed("“三公经费”变动率≦0，计5分；“三公经费”>0，每超过一个百分点扣0.5分，扣完为止。");
    expect(c).toMatchObject({
      kind: "deduction",
      metric: "三公经费变动率",
      threshold: 0,
      direction: "above",
      full: 5,
    });
    expect(evaluateCriteria(c, -0.05, 2)).toBe(5); // un-capped: the caller caps to 分值
    expect(evaluateCriteria(c, 0.03, 5)).toBeCloseTo(3.5, 10);
    // ASCII quotes read the same
    expect(
      parseCriteria('"三公经费"变动率≦0，计5分；"三公经费">0，每超过一个百分点扣0.5分，扣完为止。'),
    ).toEqual(c);
  });

  it.each([
    ["每低于", "below"],
    ["每减少", "below"],
    ["每下降", "below"],
  ])("reads %s as a deduction below the threshold", (word, direction) => {
    const c = parsed(`重点支出安排率≥90%，计5分；${word}1个百分点扣1分，扣完为止`);
    expect(c).toMatchObject({ kind: "deduction", direction, threshold: 0.9, step: 0.01, perStep: 1 });
    expect(evaluateCriteria(c, 0.87, 5)).toBeCloseTo(2, 10);
    expect(evaluateCriteria(c, 0.95, 5)).toBe(5);
  });

  it("reads steps in %, several 百分点, Chinese numerals and 最多扣N分", () => {
    const a = parsed("控制率≤100%，计4分；每超过5%扣1分");
    expect(a).toMatchObject({ step: 0.05, perStep: 1 });
    const b = parsed("控制率≤100%，计4分；每超过两个百分点扣一分，最多扣3分");
    expect(b).toMatchObject({ step: 0.02, perStep: 1, maxDeduction: 3 });
    expect(evaluateCriteria(b, 1.5, 4)).toBe(1);
  });

  it("uses the row's 分值 when the text gives no full points", () => {
    const c = parsed("以100%为标准，每超过1个百分点扣0.2分，扣完为止");
    expect(c).toMatchObject({ kind: "deduction", threshold: 1, full: null });
    expect(evaluateCriteria(c, 1.1, 4)).toBeCloseTo(2, 10);
  });
});

describe("deviation", () => {
  it("reads 预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止", () => {
    const c = parsed("预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止");
    expect(c).toEqual({
      kind: "deviation",
      metric: "预算执行率",
      percent: true,
      target: 1,
      step: 0.01,
      perStep: 0.1,
      full: 5,
      maxDeduction: null,
    });
    // the seed: 667.92 / 552.45 = 120.90% → 5 − 20.90 × 0.1 = 2.9099 (2.91 once rounded)
    expect(evaluateCriteria(c, 667.92 / 552.45, 5)).toBeCloseTo(2.909855, 5);
    expect(evaluateCriteria(c, 0.95, 5)).toBeCloseTo(4.5, 10); // both sides
    expect(evaluateCriteria(c, 3, 5)).toBe(0);
  });
});

describe("ratio", () => {
  it("reads a band scored by ratio (低于100%按完成比例计分)", () => {
    const c = bands("完成率≥100%，得满分；低于100%的，按完成比例计分");
    expect(c.bands.map((b) => b.points)).toEqual(["full", "ratio"]);
    expect(evaluateCriteria(c, 0.75, 8)).toBe(6);
    expect(evaluateCriteria(c, 1.2, 8)).toBe(8);
  });

  it.each([
    "按完成比例计算得分，满分为止",
    "按实际完成比例得分",
    "完成率×分值",
    "得分=完成率×分值",
    "完成率*分值",
  ])("reads %s", (text) => {
    const c = parsed(text);
    expect(c.kind).toBe("ratio");
    expect(evaluateCriteria(c, 0.75, 8)).toBe(6);
  });

  it("keeps an optional leading 以100%为标准。", () => {
    expect(parsed("以100%为标准。按完成比例计算得分，满分为止")).toEqual({
      kind: "ratio",
      metric: null,
      percent: true,
      standard: 1,
    });
  });
});

describe("refusal", () => {
  it.each([
    "",
    "   ",
    "根据情况酌情扣分",
    "每发现一处问题扣1分",
    "全部完成计5分，未完成不得分",
    "计5分",
    "≥目标值得满分",
    "90%",
    "扣分不超过3分",
    "完成率≥90%，计5分；每超过1个百分点扣0.5分；每低于1个百分点扣0.5分",
    "20%-10%，计2分",
  ])("gives null for %p", (text) => {
    expect(parseCriteria(text)).toBeNull();
  });

  it("refuses a band list where one condition has no points", () => {
    expect(parseCriteria("完成率≥90%，计5分；80%-90%；低于80%不得分")).toBeNull();
  });
});

describe("tokens and intervals", () => {
  it("tokenizes a minus sign after a comparison but a range dash after a number", () => {
    expect(tokenize("≦-5%").map((t) => t.t)).toEqual(["cmp", "num"]);
    expect(tokenize("0-10%").map((t) => t.t)).toEqual(["num", "range", "num"]);
  });

  it("checks open and closed interval ends", () => {
    const iv = { lower: 0.1, lowerInclusive: false, upper: 0.2, upperInclusive: true };
    expect(inInterval(iv, 0.1)).toBe(false);
    expect(inInterval(iv, 0.2)).toBe(true);
    expect(inInterval(iv, 0.15)).toBe(true);
  });

  it("never returns NaN for non-finite values", () => {
    expect(evaluateCriteria(parsed(ADJUSTMENT), Number.NaN, 3)).toBe(0);
    expect(evaluateCriteria(parsed("完成率×分值"), Number.POSITIVE_INFINITY, 3)).toBe(0);
  });
});
