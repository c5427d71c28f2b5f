/**
 * Scoring one indicator row (docs/domain.md §4): choose the way — entered, 不适用, 评分标准 text, 正向/反向/等于,
 * 执行率 × 分值, 定性 — compute what the add-in would give, cap to [0, 分值] and round half up. The
 * evaluator's own 得分 is kept; `computed` is still filled when a rule applies so it can be compared.
 */
import type { EvalConfig, IndicatorRow, Metrics, Nature, ScoreMethod, ScoredIndicator } from "../types";
import { readTargetValue, type TargetValue } from "../values";
import { criteriaApplies, evaluateCriteria, matchBand, parseCriteria, type Criteria } from "./criteria";
import { cleanMetricName, isExecutionRateName, lookupMetric } from "./metric-lookup";
import { isNotApplicable, QUALITATIVE_LABEL, qualitativeBand, qualitativeLevel } from "./qualitative";
import { round2 } from "./round";

/** Tolerance when comparing an actual with its target (float noise only). */
const EPS = 1e-9;

/** What a rule gives, before capping/rounding; raw null = it gives no number (note says why). */
interface RuleResult {
  method: ScoreMethod;
  raw: number | null;
  metricValue: number | null;
  note: string | null;
  band?: [number, number] | null;
}

function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/** Cap to [0, weight] and round half up; a weight with more than 2 decimals caps at the largest
 *  2-decimal number not above it, so a rounded score never exceeds its 分值. */
function capRound(x: number, weight: number): number {
  const r = round2(Math.min(Math.max(x, 0), weight));
  if (r <= weight) return r;
  let capped = Math.floor(weight * 100) / 100;
  while (capped > weight) capped = round2(capped - 0.01);
  return capped;
}

/** A number for a note: 20.90% in a percent context, else up to 2 decimals. */
function show(value: number, percent: boolean): string {
  return percent ? `${round2(value * 100).toFixed(2)}%` : String(round2(value));
}

/** A value written with a unit other than % (`9个`, `12项`) is a count, never a percentage. */
function hasCountUnit(tv: TargetValue): boolean {
  return !tv.percent && tv.unit !== null && tv.unit.trim() !== "" && !/[%％‰]/.test(tv.unit);
}

/** A value read from a cell, and whether it is a percentage. */
interface Reading {
  value: number;
  percent: boolean;
}

/**
 * Read a target/actual cell. In a percent context (a % unit, a percentage target, a 率 name or a
 * percentage rule) a bare number above 2 is a whole percent (`96` → 0.96); values up to 2 are taken as
 * the fraction Excel stores for a percent-formatted cell (1.209 = 120.90%).
 */
function reading(tv: TargetValue, percentContext: boolean): Reading | null {
  const value = finiteOrNull(tv.value);
  if (value === null) return null;
  if (tv.percent) return { value, percent: true };
  if (hasCountUnit(tv)) return { value, percent: false };
  if (percentContext && Math.abs(value) > 2) return { value: value / 100, percent: true };
  return { value, percent: percentContext };
}

/** Target and actual read together: bare numbers of one row are scaled alike (`12` and `1` for a
 *  完成率 are 12% and 1%, not 12% and 100%), a value written with % is never rescaled. */
function readPair(
  targetTv: TargetValue,
  actualTv: TargetValue,
  percentContext: boolean,
): { target: Reading | null; actual: Reading | null } {
  const bare = [targetTv, actualTv]
    .filter((tv) => !tv.percent && !hasCountUnit(tv))
    .map((tv) => finiteOrNull(tv.value));
  const whole = percentContext && bare.some((v) => v !== null && Math.abs(v) > 2);
  const read = (tv: TargetValue): Reading | null => {
    const value = finiteOrNull(tv.value);
    if (value === null) return null;
    if (tv.percent) return { value, percent: true };
    if (hasCountUnit(tv)) return { value, percent: false };
    return whole ? { value: value / 100, percent: true } : { value, percent: percentContext };
  };
  return { target: read(targetTv), actual: read(actualTv) };
}

type Way = "positive" | "reverse" | "equal";

function wayOf(nature: Nature | null, op: TargetValue["op"]): Way | null {
  switch (nature) {
    case "≥":
    case "正向":
      return "positive";
    case "≤":
    case "反向":
      return "reverse";
    case "=":
      return "equal";
    case "定性":
      return null;
  }
  if (op === "≥") return "positive";
  if (op === "≤") return "reverse";
  if (op === "=") return "equal";
  return null;
}

/** 正向 / 反向 / 等于 on a target and an actual. */
function byNature(way: Way, actual: number, target: number, weight: number, config: EvalConfig): number {
  if (way === "equal" && target === 0) return actual <= EPS ? weight : 0;
  if (way === "reverse") {
    if (actual <= target + EPS) return weight;
    if (target <= 0) return 0;
    return config.reverseFormula === "deviation"
      ? Math.max(0, 1 - (actual - target) / target) * weight
      : (target / actual) * weight;
  }
  // positive (and equal with a non-zero target); 指标偏离: the profile may deduct for a large overshoot
  const over = config.overshoot;
  if (way === "positive" && over && target > 0 && actual >= target * (1 + over.ratio) - EPS)
    return Math.max(0, weight - over.deduct);
  if (actual >= target - EPS) return weight;
  if (target <= 0) return 0;
  return (actual / target) * weight;
}

const WAY_LABEL: Record<Way, string> = { positive: "正向", reverse: "反向", equal: "等于" };

const CRITERIA_LABEL: Record<Criteria["kind"], string> = {
  bands: "按评分标准区间计分",
  deduction: "按评分标准扣分",
  deviation: "按评分标准偏离扣分",
  ratio: "按完成比例计分",
};

/** The rule this row's columns call for, before the entered score is considered. */
function ruleFor(row: IndicatorRow, weight: number, metrics: Metrics, config: EvalConfig): RuleResult {
  const targetTv = readTargetValue(row.target);
  const actualTv = readTargetValue(row.actual);
  const actualText = typeof row.actual === "string" ? row.actual : null;
  const level = actualText !== null ? qualitativeLevel(actualText) : null;

  // 定性: a band, not a number
  if (row.nature === "定性" || (level !== null && actualTv.value === null)) {
    const band = actualText !== null ? qualitativeBand(actualText, config) : null;
    const note =
      band && level
        ? `定性指标（${QUALITATIVE_LABEL[level]}）：得分区间 ${show(band[0] * weight, false)}–${show(band[1] * weight, false)} 分`
        : "定性指标";
    return { method: "qualitative", raw: null, metricValue: null, note, band };
  }

  const nameIsRate = /率$/.test(cleanMetricName(row.level3));
  const unitIsPercent = row.unit !== null && /[%％]/.test(row.unit);
  // a 度量单位 like 个/项/人次 says the row counts things: its bare numbers are not percentages
  const unitIsCount = row.unit !== null && row.unit.trim() !== "" && !unitIsPercent;
  const rateContext = unitIsPercent || (nameIsRate && !unitIsCount);
  const criteriaText = row.criteria?.trim() ?? "";
  const criteria = criteriaText ? parseCriteria(criteriaText) : null;
  const metric = lookupMetric([row.level3, criteria?.metric], metrics.named);

  if (criteria) {
    const ratio = criteria.kind === "ratio";
    // a ratio rule compares the row's own target and actual; the other shapes compare the actual
    // with the rule's thresholds, which are fractions when the rule is in percent
    const pct = targetTv.percent || rateContext || (!ratio && !unitIsCount && criteria.percent);
    const pair = readPair(targetTv, actualTv, pct);
    const actual = ratio ? pair.actual : reading(actualTv, pct);
    const target = pair.target;
    let value: number | null;
    let percent = pct;
    let source: string;
    if (criteria.kind === "ratio") {
      const base = target?.value ?? criteria.standard ?? null;
      const numerator = actual?.value ?? metric?.value ?? null;
      value = numerator !== null && base !== null && base > 0 ? numerator / base : numerator;
      if (numerator !== null && base !== null && base <= 0) value = null;
      percent = true;
      source = "完成比例";
    } else if (
      criteria.percent &&
      actual &&
      target &&
      !actual.percent &&
      !target.percent &&
      target.value > 0
    ) {
      // a rule in percent on a row of counts (目标 12个, 实际 9个): the rule is about the 完成率
      value = actual.value / target.value;
      percent = true;
      source = "完成率";
    } else {
      value = actual?.value ?? metric?.value ?? null;
      percent = actual?.percent ?? pct;
      source = actual ? "实际值" : (metric?.name ?? "实际值");
    }
    if (value === null || !Number.isFinite(value)) {
      const wanted = criteria.metric ?? (nameIsRate ? cleanMetricName(row.level3) : null);
      return {
        method: "unscored",
        raw: null,
        metricValue: null,
        note: wanted ? `缺少实际值，也未找到指标“${wanted}”的计算结果` : "缺少实际值",
      };
    }
    if (!criteriaApplies(criteria, value))
      return {
        method: "unscored",
        raw: null,
        metricValue: value,
        note: `${source} ${show(value, percent)} 不在评分标准的任何区间内`,
      };
    let raw = evaluateCriteria(criteria, value, weight);
    if (criteria.kind === "bands" && actual && target && target.value > 0) {
      // `低于100%按完成比例计分`: the ratio of this row's actual to its target
      const band = matchBand(criteria, value);
      if (band !== null && criteria.bands[band].points === "ratio")
        raw = (actual.value / target.value) * weight;
    }
    return {
      method: "criteria",
      raw,
      metricValue: value,
      note: `${CRITERIA_LABEL[criteria.kind]}（${source} ${show(value, percent)}）`,
    };
  }

  const way = wayOf(row.nature, targetTv.op);
  const pct = targetTv.percent || actualTv.percent || rateContext;
  const pair = readPair(targetTv, actualTv, pct);
  const target = pair.target;
  // an empty 实际值 of a row named like a computed metric (结转结余率 ≤ 5%) takes the metric (a fraction)
  const actual = pair.actual ?? (metric && target?.percent ? { value: metric.value, percent: true } : null);
  const unparsed = criteriaText ? "评分标准无法解析，" : "";

  if (target && actual && (way !== null || !isExecutionRateName(row.level3))) {
    const used = way ?? "positive";
    const assumed = way === null ? "（未写指标性质，按正向）" : "";
    return {
      method: used,
      raw: byNature(used, actual.value, target.value, weight, config),
      metricValue: actual.value,
      note: `${unparsed}${WAY_LABEL[used]}${assumed}：实际 ${show(actual.value, actual.percent)}，目标 ${show(target.value, target.percent)}`,
    };
  }

  if (isExecutionRateName(row.level3)) {
    const value = actual?.value ?? metric?.value ?? null;
    if (value === null)
      return {
        method: "unscored",
        raw: null,
        metricValue: null,
        note: "缺少实际值，也未找到预算执行率的计算结果",
      };
    return {
      method: "executionRate",
      raw: value * weight,
      metricValue: value,
      note: `${unparsed}执行率 × 分值（执行率 ${show(value, true)}）`,
    };
  }

  if (criteriaText) return { method: "unscored", raw: null, metricValue: null, note: "评分标准无法解析" };
  if (!target && !actual)
    return { method: "unscored", raw: null, metricValue: null, note: "缺少目标值和实际值" };
  if (!target) return { method: "unscored", raw: null, metricValue: null, note: "缺少目标值" };
  return { method: "unscored", raw: null, metricValue: null, note: "缺少实际值" };
}

function naResult(row: IndicatorRow, note: string): ScoredIndicator {
  return {
    source: row,
    score: null,
    computed: null,
    method: "notApplicable",
    rate: null,
    metricValue: null,
    note,
  };
}

/** Score one row. */
export function scoreRow(row: IndicatorRow, metrics: Metrics, config: EvalConfig): ScoredIndicator {
  const enteredValue = row.scoreIsOurs ? null : finiteOrNull(row.entered);
  const isEntered = !row.scoreIsOurs && (enteredValue !== null || row.scoreIsFormula);
  const weightRaw = finiteOrNull(row.weight);
  const weight = weightRaw !== null && weightRaw >= 0 ? weightRaw : null;

  const notApplicable =
    (!row.scoreIsOurs && isNotApplicable(row.scoreText ?? null)) ||
    isNotApplicable(row.actual) ||
    isNotApplicable(row.target) ||
    isNotApplicable(row.criteria);
  if (notApplicable && enteredValue === null) return naResult(row, "不适用，已排除");

  if (weight === null) {
    const note = weightRaw === null ? "缺少分值" : "分值无效（小于 0）";
    if (isEntered)
      return {
        source: row,
        score: enteredValue === null ? null : round2(Math.max(0, enteredValue)),
        computed: null,
        method: "entered",
        rate: null,
        metricValue: null,
        note,
      };
    return {
      source: row,
      score: null,
      computed: null,
      method: "unscored",
      rate: null,
      metricValue: null,
      note,
    };
  }

  const rule = ruleFor(row, weight, metrics, config);
  const raw = finiteOrNull(rule.raw);
  const computed = raw === null ? null : capRound(raw, weight);
  const rateOf = (score: number | null) => (score !== null && weight > 0 ? score / weight : null);
  const band = rule.method === "qualitative" ? (rule.band ?? null) : undefined;

  if (isEntered) {
    const score = enteredValue === null ? null : capRound(enteredValue, weight);
    const note =
      enteredValue === null
        ? "得分单元格为公式，未读到结果"
        : rule.method === "qualitative" || computed !== null
          ? rule.note
          : null;
    const result: ScoredIndicator = {
      source: row,
      score,
      computed,
      method: "entered",
      rate: rateOf(score),
      metricValue: rule.metricValue,
      note,
    };
    if (band !== undefined) result.band = band;
    return result;
  }

  // a 定性 row without the evaluator's score is unscored: a band is not a number
  const result: ScoredIndicator = {
    source: row,
    score: computed,
    computed,
    method: rule.method === "qualitative" ? "unscored" : rule.method,
    rate: rateOf(computed),
    metricValue: rule.metricValue,
    note: rule.method === "qualitative" ? `${rule.note}，需由评价人员打分` : rule.note,
  };
  if (band !== undefined) result.band = band;
  return result;
}
