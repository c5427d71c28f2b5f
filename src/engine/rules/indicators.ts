/**
 * Rule family: the indicator scoring table (评分与指标体系) — weights that do not add up, scores out of range
 * or disagreeing with the criteria, qualitative bands, unscored rows, low score rates, the total row and
 * the written grade. Its catalogue entries, then its checks over one scored indicator table.
 */
import { a1 } from "../address";
import type { EvalConfig, Finding, IndicatorTable, Ledger, ScoreResult } from "../types";
import { normalizeText } from "../values";
import { EPS, grouperOf, member, present, r2, type MemberAt, type RuleDef, type Texts } from "./define";

// ───────────────────────────── policy texts ─────────────────────────────

const INDICATOR_SYSTEM: Texts = {
  "zh-CN": "绩效评价指标体系：一级指标分值合计为100分，各级指标分值之和应等于上级指标分值。",
  "en-US":
    "Indicator system of the evaluation: first-level weights add up to 100 points and each indicator's children add up to its weight.",
};

const GRADING: Texts = {
  "zh-CN":
    "《项目支出绩效评价管理办法》（财预〔2020〕10号）：评价结果采取评分和评级相结合的方式，总分90（含）—100分为优、80（含）—90分为良、60（含）—80分为中、60分以下为差。",
  "en-US":
    "Measures for Performance Evaluation of Project Expenditure (Caiyu [2020] No. 10): results are scored and graded; 90–100 points is Excellent (优), 80–<90 Good (良), 60–<80 Fair (中), below 60 Poor (差).",
};

const REC_SCORING: Texts = {
  "zh-CN": "建议评价工作组复核该指标的分值、评分标准和得分，确保评分有据可查、计算准确。",
  "en-US":
    "Have the evaluation team review the indicator's weight, scoring criteria and score so that every score is documented and correctly computed.",
};

// ───────────────────────────── catalogue entries ─────────────────────────────

export const INDICATOR_RULES = [
  {
    code: "WEIGHTS_LEVEL1_TOTAL",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "一级指标分值合计不为100分", "en-US": "First-level weights do not total 100" },
    message: {
      "zh-CN": "一级指标分值合计为{sum}分，应为{expected}分。",
      "en-US": "The first-level weights add up to {sum} points instead of {expected}.",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "WEIGHTS_CHILDREN",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "下级指标分值之和与上级分值不符", "en-US": "Child weights do not match the parent" },
    message: {
      "zh-CN": "下级指标分值之和与上级指标分值不符：{list}。",
      "en-US": "Child weights do not add up to the parent's weight: {list}.",
    },
    member: {
      "zh-CN": "“{parent}”下级合计{sum}分，上级分值{weight}分",
      "en-US": "“{parent}”: children {sum}, weight {weight}",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "SCORE_OUT_OF_RANGE",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "得分超出分值范围", "en-US": "Score out of range" },
    message: {
      "zh-CN": "得分超出0至分值的范围：{list}。",
      "en-US": "Scores outside 0 to the weight: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”得分{score}分（分值{weight}分）",
      "en-US": "“{indicator}” scored {score} (weight {weight})",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "SCORE_DISAGREES",
    category: "scoring",
    severity: "warning",
    title: {
      "zh-CN": "填写得分与评分标准计算结果不一致",
      "en-US": "Entered score disagrees with the criteria",
    },
    message: {
      "zh-CN": "填写得分与按评分标准计算的得分相差超过{limit}分（保留评价人员的得分）：{list}。",
      "en-US":
        "Entered scores differ from the computed score by more than {limit} (the evaluator's score is kept): {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”填写{entered}分，计算{computed}分",
      "en-US": "“{indicator}” entered {entered}, computed {computed}",
    },
    basis: null,
    recommendation: REC_SCORING,
  },
  {
    code: "QUALITATIVE_BAND",
    category: "scoring",
    severity: "warning",
    title: { "zh-CN": "定性指标得分与评价结果档次不符", "en-US": "Qualitative score outside its band" },
    message: {
      "zh-CN": "定性指标得分不在其评价结果对应的分档内：{list}。",
      "en-US": "Qualitative scores outside the band of their result: {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”评价为“{actual}”，应得{low}–{high}分，填写{score}分",
      "en-US": "“{indicator}” rated “{actual}” should score {low}–{high}, entered {score}",
    },
    basis: GRADING,
    recommendation: REC_SCORING,
  },
  {
    code: "UNSCORED_ROW",
    category: "scoring",
    severity: "warning",
    title: { "zh-CN": "指标未评分", "en-US": "Indicator not scored" },
    message: {
      "zh-CN": "以下指标未填写得分，且无法按评分标准自动计算，需评价人员评分：{list}。",
      "en-US":
        "These indicators have no score and none can be computed from their criteria; the evaluator must score them: {list}.",
    },
    member: { "zh-CN": "“{indicator}”（{reason}）", "en-US": "“{indicator}” ({reason})" },
    basis: null,
    recommendation: REC_SCORING,
  },
  {
    code: "LOW_SCORE_RATE",
    category: "scoring",
    severity: "info",
    title: { "zh-CN": "主要失分指标", "en-US": "Main lost points" },
    message: {
      "zh-CN": "以下{count}项指标得分率低于{limit%~}，为主要失分指标：{list}。",
      "en-US": "{count} indicator(s) score below {limit%~} of their weight (main lost points): {list}.",
    },
    member: {
      "zh-CN": "“{indicator}”{score}/{weight}分（{rate%}）",
      "en-US": "“{indicator}” {score}/{weight} ({rate%})",
    },
    basis: null,
    recommendation: {
      "zh-CN": "建议部门针对失分指标分析原因，制定整改措施并跟踪落实。",
      "en-US": "Analyse why points were lost on these indicators and follow up with corrective measures.",
    },
  },
  {
    code: "TOTAL_DISAGREES",
    category: "scoring",
    severity: "warning",
    title: { "zh-CN": "合计得分与各项得分之和不符", "en-US": "Total disagrees with the sum of scores" },
    message: {
      "zh-CN": "合计行填写得分{entered}分，各项指标得分之和为{computed}分。",
      "en-US": "The total row reads {entered} points but the indicator scores add up to {computed}.",
    },
    basis: INDICATOR_SYSTEM,
    recommendation: REC_SCORING,
  },
  {
    code: "GRADE_MISMATCH",
    category: "scoring",
    severity: "error",
    title: { "zh-CN": "评价等级与总分不符", "en-US": "Grade does not match the total" },
    message: {
      "zh-CN": "填写的评价等级为“{written}”，按总分{total}分应为“{grade}”。",
      "en-US": "The written grade is “{written}” but a total of {total} gives “{grade}”.",
    },
    basis: GRADING,
    recommendation: REC_SCORING,
  },
] as const satisfies readonly RuleDef[];

export type IndicatorCode = (typeof INDICATOR_RULES)[number]["code"];

const grouped = grouperOf(INDICATOR_RULES);

// ───────────────────────────── checks ─────────────────────────────

function isLedgerOwned(ledger: Ledger | undefined, sheet: string, address: string, value: string): boolean {
  return !!ledger?.entries.some((e) => e.sheet === sheet && e.address === address && e.value === value);
}

export function indicatorFindings(
  result: ScoreResult,
  config: EvalConfig,
  ledger: Ledger | undefined,
): Finding[] {
  const out: (Finding | null)[] = [];
  const table: IndicatorTable = result.table;
  const { sheet, columns, headerRow } = table.location;
  const t = config.thresholds;
  const scoreCol = columns.score ?? columns.weight ?? columns.level3 ?? 0;
  const weightCol = columns.weight ?? columns.weight3 ?? columns.weight1 ?? scoreCol;
  const name = (level3: string, level2: string, level1: string) => level3 || level2 || level1;

  // weights: first level total, then children vs parent
  const levelSum = result.levels.reduce((s, l) => s + l.weight, 0);
  const expected = table.totalRow?.weight ?? 100;
  if (result.levels.length > 0 && Math.abs(levelSum - expected) > 1e-6) {
    const row = table.totalRow?.row ?? headerRow;
    out.push(
      grouped("WEIGHTS_LEVEL1_TOTAL", [member(sheet, row, weightCol, { sum: r2(levelSum), expected })], {}),
    );
    const last = out[out.length - 1];
    if (last) last.members = [];
  }
  const children: MemberAt[] = [];
  const rowWeight = (rows: typeof table.rows) => rows.reduce((s, r) => s + (r.weight ?? 0), 0);
  for (const [level1, weight] of Object.entries(table.levelWeights)) {
    const rows = table.rows.filter((r) => r.level1 === level1);
    if (rows.length === 0 || rows.some((r) => r.weight === null)) continue;
    const sum = rowWeight(rows);
    if (Math.abs(sum - weight) > 1e-6)
      children.push(
        member(sheet, rows[0].row, columns.weight1 ?? columns.level1 ?? weightCol, {
          parent: level1,
          sum: r2(sum),
          weight,
        }),
      );
  }
  for (const [key, weight] of Object.entries(table.level2Weights)) {
    const rows = table.rows.filter((r) => `${r.level1}/${r.level2}` === key);
    if (rows.length === 0 || rows.some((r) => r.weight === null)) continue;
    const sum = rowWeight(rows);
    if (Math.abs(sum - weight) > 1e-6)
      children.push(
        member(sheet, rows[0].row, columns.weight2 ?? columns.level2 ?? weightCol, {
          parent: rows[0].level2,
          sum: r2(sum),
          weight,
        }),
      );
  }
  out.push(grouped("WEIGHTS_CHILDREN", children, {}));

  const outOfRange: MemberAt[] = [];
  const disagrees: MemberAt[] = [];
  const band: MemberAt[] = [];
  const unscored: MemberAt[] = [];
  const lowRate: MemberAt[] = [];
  for (let i = 0; i < result.rows.length; i++) {
    const scored = result.rows[i];
    const src = scored.source;
    const indicator = name(src.level3, src.level2, src.level1);
    const weight = src.weight;
    if (src.entered !== null && weight !== null && (src.entered < -EPS || src.entered > weight + EPS))
      outOfRange.push(member(sheet, src.row, scoreCol, { indicator, score: src.entered, weight }));
    if (
      scored.method === "entered" &&
      src.entered !== null &&
      scored.computed !== null &&
      Math.abs(src.entered - scored.computed) > t.scoreDisagreement + EPS
    )
      disagrees.push(
        member(sheet, src.row, scoreCol, { indicator, entered: src.entered, computed: scored.computed }),
      );
    if (scored.band && src.entered !== null && weight !== null) {
      const low = scored.band[0] * weight;
      const high = scored.band[1] * weight;
      if (src.entered < low - EPS || src.entered > high + EPS)
        band.push(
          member(sheet, src.row, scoreCol, {
            indicator,
            actual: typeof src.actual === "string" ? src.actual : String(src.actual ?? ""),
            low: r2(low),
            high: r2(high),
            score: src.entered,
          }),
        );
    }
    if (scored.method === "unscored" && scored.score === null)
      unscored.push(
        member(sheet, src.row, scoreCol, { indicator, reason: scored.note ?? "评分标准无法解析" }),
      );
    if (
      scored.rate !== null &&
      scored.score !== null &&
      weight !== null &&
      scored.rate < t.lowScoreRate - EPS
    )
      lowRate.push(
        member(sheet, src.row, scoreCol, { indicator, score: scored.score, weight, rate: scored.rate }),
      );
  }
  out.push(grouped("SCORE_OUT_OF_RANGE", outOfRange, {}));
  out.push(grouped("SCORE_DISAGREES", disagrees, { limit: t.scoreDisagreement }));
  out.push(grouped("QUALITATIVE_BAND", band, {}));
  out.push(grouped("UNSCORED_ROW", unscored, {}));
  out.push(grouped("LOW_SCORE_RATE", lowRate, { limit: t.lowScoreRate }));

  const totalRow = table.totalRow;
  if (totalRow && totalRow.entered !== null && columns.score !== undefined) {
    const address = a1(totalRow.row, columns.score);
    const ours = ledger?.entries.some(
      (e) => e.sheet === sheet && e.address === address && e.value === totalRow.entered,
    );
    if (!ours && Math.abs(totalRow.entered - result.total.score) > t.scoreDisagreement + EPS) {
      const f = grouped(
        "TOTAL_DISAGREES",
        [
          member(sheet, totalRow.row, columns.score, {
            entered: totalRow.entered,
            computed: result.total.score,
          }),
        ],
        {},
      );
      if (f) f.members = [];
      out.push(f);
    }
  }

  const written = table.writtenGrade;
  if (written) {
    const grade = normalizeText(written.grade).replace(/\s+/g, "");
    const owned = isLedgerOwned(ledger, sheet, a1(written.row, written.col), written.grade);
    if (!owned && grade !== result.total.grade) {
      const f = grouped(
        "GRADE_MISMATCH",
        [
          member(sheet, written.row, written.col, {
            written: written.grade,
            total: result.total.score,
            grade: result.total.grade,
          }),
        ],
        {},
        { evidence: { actual: written.grade, limit: result.total.grade } },
      );
      if (f) f.members = [];
      out.push(f);
    }
  }
  return present(out);
}
