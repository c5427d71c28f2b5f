/**
 * Rule profiles (issue 16): the shipped default is today's behaviour, number for number; 一体化自评 caps a
 * subject's score by its 执行率 and deducts for a large overshoot; a bad profile is refused with errors
 * naming the field in both languages; docs/profiles.md is the generator's output.
 *
 * The cap workbook (fixtures/review.ts NINETY_FIVE): 完成道路数 40 + 受益人数 25 + 群众满意度 30 = 95 of
 * 100, all entered; 财政拨款 调整后预算 100, 实际支出 65 → 执行率 65%. 一体化自评: 65% is below 80% (≤ 89) and
 * below 70% (≤ 79), not below 60% → the lowest max is 79 → 79, grade 中 (60 ≤ 79 < 80). Default: no cap →
 * 95, 优.
 */
import { readFileSync } from "fs";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { profilesDoc, PROFILES_DOC } from "../../scripts/profiles-doc";
import {
  DEFAULT_CONFIG,
  PROFILES,
  profileConfig,
  profileNamed,
  resolveConfig,
  validateConfig,
  validateProfile,
} from "../../src/engine/config";
import { evaluate } from "../../src/engine/evaluate";
import { buildReport } from "../../src/engine/report";
import { executionCapFor } from "../../src/engine/rules/review";
import { NINETY_FIVE, reviewWorkbook, row } from "./fixtures/review";

const YITIHUA = profileConfig(profileNamed("一体化自评")!);

describe("the shipped profiles", () => {
  it("ships default first and 一体化自评", () => {
    expect(PROFILES.map((p) => p.name)).toEqual(["default", "一体化自评"]);
  });

  it("default is today's configuration, number for number", () => {
    expect(DEFAULT_CONFIG).toEqual({
      lang: "zh-CN",
      thresholds: {
        executionHigh: 1,
        executionLow: 0.9,
        adjustmentWarn: 0.1,
        adjustmentError: 0.3,
        tolerance: 0.01,
        scoreDisagreement: 0.1,
        lowScoreRate: 0.6,
      },
      grades: [
        { min: 90, label: "优" },
        { min: 80, label: "良" },
        { min: 60, label: "中" },
        { min: 0, label: "差" },
      ],
      qualitativeBands: { achieved: [0.8, 1], partial: [0.6, 0.8], notAchieved: [0, 0.6] },
      reverseFormula: "ratio",
      executionDenominator: "adjusted",
      metricBasisRow: "fiscal",
      rebaseNotApplicable: true,
      overwriteUserValues: false,
      profile: "default",
      executionCap: [],
      overshoot: null,
      review: { outputExecutionLow: 0.5, selfDeviation: 0.1, deductionTolerance: 0.5, rules: {} },
    });
    expect(resolveConfig()).toEqual(DEFAULT_CONFIG);
    expect(resolveConfig({ profile: "default" })).toEqual(DEFAULT_CONFIG);
  });

  it("every shipped profile validates and names a source for every setting", () => {
    for (const p of PROFILES) expect(validateProfile(p).errors).toEqual([]);
    expect(() => profilesDoc()).not.toThrow();
  });

  it("一体化自评 differs from default only in the cap, the overshoot and two review levels", () => {
    const { executionCap, overshoot, profile, review, ...rest } = YITIHUA;
    const { executionCap: c0, overshoot: o0, profile: p0, review: r0, ...defaults } = DEFAULT_CONFIG;
    expect(rest).toEqual(defaults);
    expect([c0, o0, p0]).toEqual([[], null, "default"]);
    expect(profile).toBe("一体化自评");
    expect(executionCap).toEqual([
      { below: 0.8, max: 89 },
      { below: 0.7, max: 79 },
      { below: 0.6, max: 69 },
      { below: 0.5, max: 59 },
    ]);
    expect(overshoot).toEqual({ ratio: 0.3, deduct: 2 });
    expect({ ...review, rules: {} }).toEqual(r0);
  });

  it("resolving a resolved profile config gives it back (evaluate resolves again)", () => {
    expect(resolveConfig(YITIHUA)).toEqual(YITIHUA);
  });

  it("docs/profiles.md is the generator's output (run npx tsx scripts/profiles-doc.ts)", () => {
    expect(readFileSync(PROFILES_DOC, "utf8")).toBe(profilesDoc());
  });
});

describe("the 执行率 cap", () => {
  it("bands by hand: the lowest max of the bands the rate is under; 70% itself is in 70–80%", () => {
    const cases: [number, number | null][] = [
      [0.95, null],
      [0.8, null],
      [0.79, 89],
      [0.7, 89],
      [0.65, 79],
      [0.6, 79],
      [0.59, 69],
      [0.5, 69],
      [0.45, 59],
      [0, 59],
    ];
    for (const [rate, max] of cases) expect([rate, executionCapFor(rate, YITIHUA)]).toEqual([rate, max]);
    for (const [rate] of cases) expect(executionCapFor(rate, DEFAULT_CONFIG)).toBeNull();
  });

  const book = reviewWorkbook(NINETY_FIVE, { budget: [100, 65] });

  it("一体化自评 turns a 95-point self-score at 执行率 65% into 79 (中) and says so", () => {
    const e = evaluate(book, YITIHUA);
    expect(e.metrics.departmentExecution?.value).toBeCloseTo(0.65, 12);
    const main = e.scores[0];
    expect(main.total).toEqual({ score: 79, max: 100, rate: 0.79, grade: "中" });
    expect(main.cap).toEqual({ before: 95, max: 79, executionRate: 0.65 });
    // the level scores stay as scored
    expect(main.levels.map((l) => [l.name, l.score])).toEqual([
      ["产出指标", 40],
      ["效益指标", 25],
      ["满意度指标", 30],
    ]);
    const cap = e.findings.filter((f) => f.rule === "REVIEW_EXECUTION_CAP");
    expect(cap).toHaveLength(1);
    expect(cap[0]).toMatchObject({
      severity: "error",
      level: "P0",
      params: { before: 95, max: 79, rate: 0.65, profile: "一体化自评", deduct: 16 },
    });
    expect(buildReport(e).total).toEqual({ score: 79, max: 100, rate: 0.79, grade: "中" });
  });

  it("under default the same workbook scores 95 (优) and nothing else changes but the cap", () => {
    const d = evaluate(book, DEFAULT_CONFIG);
    expect(d.scores[0].total).toEqual({ score: 95, max: 100, rate: 0.95, grade: "优" });
    expect(d.scores[0].cap).toBeUndefined();
    expect(d.findings.some((f) => f.rule.startsWith("REVIEW_"))).toBe(false);
    // default = no config at all
    expect(JSON.stringify(evaluate(book))).toBe(JSON.stringify(d));
    // 一体化: the same findings besides the cap's, the same rows
    const y = evaluate(book, YITIHUA);
    const rules = (f: { rule: string; cell: string | null }) => `${f.rule}@${f.cell}`;
    expect(y.findings.filter((f) => f.rule !== "REVIEW_EXECUTION_CAP").map(rules)).toEqual(
      d.findings.map(rules),
    );
    expect(y.scores[0].rows.map((r) => r.score)).toEqual(d.scores[0].rows.map((r) => r.score));
  });

  it("does not cap a score already under the cap, nor a subject whose 执行率 is unknown", () => {
    const low = [row("产出指标", "数量指标", "完成道路数", 100, "≥", 10, 7, 70)];
    expect(evaluate(reviewWorkbook(low, { budget: [100, 65] }), YITIHUA).scores[0].total.score).toBe(70);
    expect(evaluate(reviewWorkbook(NINETY_FIVE, { budget: null }), YITIHUA).scores[0].total.score).toBe(95);
  });
});

describe("指标偏离 (overshoot)", () => {
  // 分值 10, 目标 100: actual 130 = 100 × (1 + 0.3) → 10 − 2 = 8 under 一体化; 129 → 10; default → 10
  const rows = (actual: number) => [
    row("产出指标", "数量指标", "培训人次", 10, "≥", 100, actual, null),
    row("产出指标", "数量指标", "完成道路数", 90, "≥", 10, 10, 90),
  ];
  it("deducts 2 points at 130% of target under 一体化自评, nothing under default", () => {
    expect(evaluate(reviewWorkbook(rows(130)), YITIHUA).scores[0].rows[0].score).toBe(8);
    expect(evaluate(reviewWorkbook(rows(129)), YITIHUA).scores[0].rows[0].score).toBe(10);
    expect(evaluate(reviewWorkbook(rows(130)), DEFAULT_CONFIG).scores[0].rows[0].score).toBe(10);
  });
});

describe("the sample under default", () => {
  it("still scores 85.54 → 良 with execution 120.90% (no cap applies)", () => {
    for (const config of [DEFAULT_CONFIG, YITIHUA]) {
      const e = evaluate(gaozhuangSnapshot(), config);
      expect(e.scores[0].total.score).toBe(85.54);
      expect(e.scores[0].total.grade).toBe("良");
      expect(((e.metrics.departmentExecution?.value ?? 0) * 100).toFixed(2)).toBe("120.90");
    }
  });
});

describe("validation", () => {
  it("a saved setting may name a shipped profile, and its numbers come with it", () => {
    const { config, errors } = validateConfig({ profile: "一体化自评", thresholds: { executionLow: 0.8 } });
    expect(errors).toEqual([]);
    expect(config.executionCap).toHaveLength(4);
    expect(config.thresholds.executionLow).toBe(0.8);
  });

  it("an unknown profile name is an error naming the field", () => {
    const { errors } = validateConfig({ profile: "不存在" });
    expect(errors.map((e) => e.path)).toEqual(["profile"]);
    expect(errors[0].message["zh-CN"]).toContain("一体化自评");
    expect(errors[0].message["en-US"]).toContain('Unknown profile "不存在"');
  });

  it("a bad profile file: every error names its field, in both languages", () => {
    const bad = {
      name: "",
      config: {
        executionCap: [
          { below: 0.8, max: 89 },
          { below: 70, max: -1 },
        ],
        overshoot: { ratio: 0, deduct: 2, extra: 1 },
        thresholds: { executionLow: "0.9" },
        review: { selfDeviation: 2, rules: { REVIEW_ALL_FULL: { level: "P4" }, NOT_A_RULE: {} } },
        lang: "en-US",
      },
      colour: "red",
    };
    const { errors, profile } = validateProfile(bad);
    expect(profile).toBeNull();
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        "colour",
        "name",
        "config.lang",
        "config.executionCap.1.below",
        "config.executionCap.1.max",
        "config.overshoot.ratio",
        "config.overshoot.extra",
        "config.thresholds.executionLow",
        "config.review.selfDeviation",
        "config.review.rules.REVIEW_ALL_FULL.level",
        "config.review.rules.NOT_A_RULE",
      ].sort(),
    );
    for (const e of errors) {
      expect(e.message["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
      expect(e.message["en-US"]).toMatch(/^[\x20-\x7e≥–“”]+$/);
    }
  });

  it("a profile file that leaves settings out takes the default's", () => {
    const { errors, config } = validateProfile({
      name: "本地",
      config: { executionCap: [{ below: 0.6, max: 60 }] },
    });
    expect(errors).toEqual([]);
    expect(config.profile).toBe("本地");
    expect(config.executionCap).toEqual([{ below: 0.6, max: 60 }]);
    expect(config.grades).toEqual(DEFAULT_CONFIG.grades);
  });
});
