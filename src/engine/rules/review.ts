/**
 * 复核: the checks a finance bureau or a firm runs when it re-checks a unit's self-evaluation (the rules
 * are in ./review-catalogue.ts), the profile's 执行率 cap on a subject's score, and 自评 vs 复核 scores
 * side by side. Thresholds and levels come from EvalConfig (the rule profile).
 *
 * reviewSubject is the one entry point (../evaluate.ts): it caps the main table's total when the
 * profile says so, compares 自评 and 复核 columns, runs the checks, and returns the subject's review and
 * the findings that also belong among its ordinary findings (the cap and the 偏离度 rows: both change
 * or question the subject's score).
 */
import { a1 } from "../address";
import { gradeFor } from "../config";
import { BUDGET_LEVEL } from "../detect";
import { joinZhList } from "../format";
import type {
  CellValue,
  EvalConfig,
  Finding,
  FindingMember,
  IndicatorRow,
  Metrics,
  ReviewLevel,
  ReviewRow,
  ScoredIndicator,
  ScoreResult,
  SubjectReview,
} from "../types";
import { normalizeText, readTargetValue } from "../values";
import { CATEGORY_ORDER, RULES, ruleFor } from "./catalogue";
import LEVEL2_WORDS from "./level2-words.json";
import type { ReviewCode } from "./review-catalogue";

type Params = Record<string, string | number>;

const EPS = 1e-9;

function r2(x: number): number {
  return Math.round(x * 100 + Number.EPSILON * 100) / 100;
}

/** A rule's review level: the profile's, else the catalogue's. */
export function reviewLevel(code: string, config: EvalConfig): ReviewLevel {
  return config.review?.rules?.[code]?.level ?? ruleFor(code).level ?? "P2";
}

/** One finding of a review rule with its members (null when there are none and no main cell). */
function reviewFinding(
  code: ReviewCode,
  members: FindingMember[],
  params: Params,
  config: EvalConfig,
  main?: FindingMember,
): Finding | null {
  const at = main ?? members[0];
  if (!at) return null;
  const rule = ruleFor(code);
  return {
    rule: code,
    severity: config.review?.rules?.[code]?.severity ?? rule.severity,
    category: rule.category,
    params: { ...at.params, ...params },
    sheet: at.sheet,
    cell: at.cell,
    members,
    level: reviewLevel(code, config),
  };
}

const RULE_INDEX = new Map(RULES.map((r, i) => [r.code, i]));

/** Findings in category, then catalogue order (stable), as deriveFindings orders them. */
export function orderFindings(findings: Finding[]): Finding[] {
  const category = (f: Finding) => CATEGORY_ORDER.indexOf(f.category);
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        category(a.f) - category(b.f) ||
        (RULE_INDEX.get(a.f.rule) ?? 999) - (RULE_INDEX.get(b.f.rule) ?? 999) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

// ───────────────────────────── 执行率 cap ─────────────────────────────

/** The highest score the profile's cap allows at this 执行率, or null when no band applies. */
export function executionCapFor(rate: number, config: EvalConfig): number | null {
  let max: number | null = null;
  for (const band of config.executionCap ?? [])
    if (rate < band.below - EPS) max = max === null ? band.max : Math.min(max, band.max);
  return max;
}

/** Lower the table's total to the profile's 执行率 cap (per subject: its 口径 row's 执行率). The levels
 *  keep their scores; `result.cap` records what was lowered. */
function applyExecutionCap(result: ScoreResult, metrics: Metrics, config: EvalConfig): Finding | null {
  const rate = metrics.departmentExecution?.value ?? null;
  if (rate === null || !Number.isFinite(rate)) return null;
  const max = executionCapFor(rate, config);
  const before = result.total.score;
  if (max === null || before <= max + EPS) return null;
  result.total = {
    score: max,
    max: result.total.max,
    rate: result.total.max > 0 ? max / result.total.max : null,
    grade: gradeFor(max, config.grades),
  };
  result.cap = { before, max, executionRate: rate };
  const { sheet, columns, headerRow } = result.table.location;
  const row = result.table.totalRow?.row ?? headerRow;
  const at: FindingMember = {
    sheet,
    cell: a1(row, columns.score ?? columns.weight ?? 0),
    params: { before, max, rate, profile: config.profile, deduct: r2(before - max) },
  };
  const f = reviewFinding("REVIEW_EXECUTION_CAP", [], {}, config, at);
  if (f) f.evidence = { actual: before, limit: max };
  return f;
}

// ───────────────────────────── 自评 vs 复核 ─────────────────────────────

function indicatorName(src: IndicatorRow): string {
  return src.level3 || src.level2 || src.level1;
}

/** Both scores of a table with 自评 and 复核 columns; null without a 自评 column. */
function compareScores(
  result: ScoreResult,
  config: EvalConfig,
): { scores: NonNullable<SubjectReview["scores"]>; finding: Finding | null } | null {
  const { sheet, columns } = result.table.location;
  if (columns.selfScore === undefined) return null;
  const rows: ReviewRow[] = [];
  const flagged: FindingMember[] = [];
  let selfTotal = 0;
  for (const scored of result.rows) {
    const self = scored.source.selfScore;
    if (self === null || self === undefined || scored.method === "notApplicable") continue;
    selfTotal += self;
    if (scored.score === null) continue;
    const review = scored.score;
    const diff = r2(self - review);
    const deviation = Math.abs(self) > EPS ? (self - review) / self : null;
    const indicator = indicatorName(scored.source);
    rows.push({ row: scored.source.row, indicator, self, review, diff, deviation });
    if (deviation !== null && Math.abs(deviation) > config.review.selfDeviation + EPS)
      flagged.push({
        sheet,
        cell: a1(scored.source.row, columns.score ?? columns.selfScore),
        params: { indicator, self, review, deviation, deduct: diff },
      });
  }
  selfTotal = r2(selfTotal);
  const reviewTotal = result.total.score;
  return {
    scores: {
      selfTotal,
      reviewTotal,
      deviation: Math.abs(selfTotal) > EPS ? (selfTotal - reviewTotal) / selfTotal : null,
      rowsChanged: rows.filter((r) => Math.abs(r.self - r.review) > EPS).length,
      rows,
    },
    finding: reviewFinding("REVIEW_SELF_DEVIATION", flagged, { limit: config.review.selfDeviation }, config),
  };
}

// ───────────────────────────── the checks ─────────────────────────────

function textOf(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : normalizeText(String(v)).trim();
}

function isBlank(v: CellValue): boolean {
  return textOf(v) === "";
}

/** The unit's own score of a row: its 自评 column when the table has one, else its entered 得分. */
function claimedScore(scored: ScoredIndicator): number | null {
  const src = scored.source;
  if (src.selfScore !== undefined) return src.selfScore;
  return scored.method === "entered" ? src.entered : null;
}

function isFull(score: number | null, weight: number | null): boolean {
  return score !== null && weight !== null && weight > 0 && score >= weight - EPS;
}

/** Target and actual of a row on one scale (a bare 95 beside 90% is 95%), or null unless both are
 *  numbers. */
function numericPair(src: IndicatorRow): { target: number; actual: number; op: string | null } | null {
  const t = readTargetValue(src.target);
  const a = readTargetValue(src.actual);
  if (t.value === null || a.value === null) return null;
  let target = t.value;
  let actual = a.value;
  if (t.percent && !a.percent && Math.abs(actual) > 2) actual /= 100;
  if (a.percent && !t.percent && Math.abs(target) > 2) target /= 100;
  return { target, actual, op: t.op };
}

/** The row falls short of its target: below it for ≥ / 正向 / =, above it for ≤ / 反向. */
function missesTarget(src: IndicatorRow): boolean {
  const pair = numericPair(src);
  if (!pair) return false;
  const nature = src.nature ?? pair.op;
  if (nature === "≤" || nature === "反向") return pair.actual > pair.target + EPS;
  if (nature === "定性") return false;
  return pair.actual < pair.target - EPS;
}

const SURVEY_WORDS = /问卷|调查|调研|测评|抽样|样本|回收|访谈|座谈/;

/** Points a reason text says were deducted: `扣10%` (of 分值) and `扣2分`, summed; null when it says none. */
export function statedDeduction(text: string, weight: number): { points: number; text: string } | null {
  const s = normalizeText(text);
  const re = /扣(?:除|减)?(?:分值的?|分值)?\s*(\d+(?:\.\d+)?)\s*(%|％|分)/g;
  let points = 0;
  const parts: string[] = [];
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const n = Number(m[1]);
    points += m[2] === "分" ? n : (n / 100) * weight;
    parts.push(m[0]);
  }
  return parts.length ? { points: r2(points), text: joinZhList(parts) } : null;
}

interface Level2Group {
  name: string;
  match: string[];
  words: string[];
  /** false: the group's words never pull a 三级 away from another 二级. */
  claims?: boolean;
}

const GROUPS: Level2Group[] = (LEVEL2_WORDS as { groups: Level2Group[] }).groups;

function groupOfLevel2(level2: string): Level2Group | null {
  const s = normalizeText(level2).replace(/\s+/g, "");
  return GROUPS.find((g) => g.match.some((w) => s.includes(w))) ?? null;
}

/** The group a 三级 name belongs to instead of its own 二级's, or null when it fits (or says nothing). */
export function foreignGroup(level2: string, level3: string): Level2Group | null {
  const own = groupOfLevel2(level2);
  if (!own) return null;
  const name = normalizeText(level3).replace(/\s+/g, "");
  if (own.words.some((w) => name.includes(w))) return null;
  return GROUPS.find((g) => g !== own && g.claims !== false && g.words.some((w) => name.includes(w))) ?? null;
}

/** Every 复核 check on one indicator table. */
function tableChecks(result: ScoreResult, metrics: Metrics, config: EvalConfig): (Finding | null)[] {
  const { sheet, columns } = result.table.location;
  const scoreCol = columns.score ?? columns.selfScore ?? columns.weight ?? columns.level3 ?? 0;
  const claimCol = columns.selfScore ?? scoreCol;
  const at = (row: number, col: number | undefined, params: Params): FindingMember => ({
    sheet,
    cell: a1(row, col ?? scoreCol),
    params,
  });
  const rows = result.rows.filter((r) => r.method !== "notApplicable");
  const out: (Finding | null)[] = [];

  // every row at full score
  const claims = rows.map((r) => ({ r, claimed: claimedScore(r) ?? r.score }));
  if (rows.length >= 2 && claims.every(({ r, claimed }) => isFull(claimed, r.source.weight))) {
    const total = r2(claims.reduce((s, c) => s + (c.claimed ?? 0), 0));
    const first = rows[0].source;
    const row = result.table.totalRow?.row ?? first.row;
    out.push(
      reviewFinding("REVIEW_ALL_FULL", [], {}, config, at(row, claimCol, { rows: rows.length, total })),
    );
  }

  const zero: FindingMember[] = [];
  const costGe: FindingMember[] = [];
  const satisfaction: FindingMember[] = [];
  const belowTarget: FindingMember[] = [];
  const noReason: FindingMember[] = [];
  const mismatch: FindingMember[] = [];
  const duplicate: FindingMember[] = [];
  const level2: FindingMember[] = [];
  const lowExecution: FindingMember[] = [];
  const firstLevel1 = new Map<string, string>();
  const rate = metrics.departmentExecution?.value ?? null;
  const lowRate = rate !== null && rate < config.review.outputExecutionLow - EPS;

  for (const scored of rows) {
    const src = scored.source;
    const indicator = indicatorName(src);
    const weight = src.weight;
    const claimed = claimedScore(scored);
    const reason = textOf(src.reason ?? null);
    // the 自评表's budget block row (预算执行率, ../detect.ts): its "actual" is a computed 执行率
    const budgetRow = src.scoreCol !== undefined || (src.level1 === BUDGET_LEVEL && src.target === null);

    if (!budgetRow && columns.actualValue !== undefined && reason === "") {
      const actual = readTargetValue(src.actual);
      if (isBlank(src.actual) || actual.value === 0)
        zero.push(at(src.row, columns.actualValue, { indicator, actual: textOf(src.actual) }));
    }

    const costly = [src.level2, src.level1].some((l) => l.includes("成本")) || /成本/.test(src.level3);
    const targetOp = readTargetValue(src.target).op;
    if (costly && (src.nature === "≥" || src.nature === "正向" || targetOp === "≥"))
      costGe.push(
        at(src.row, columns.nature ?? columns.target, {
          indicator,
          target: textOf(src.target) || (src.nature ?? ""),
        }),
      );

    const aboutSatisfaction = [src.level1, src.level2, src.level3].some((l) => l.includes("满意"));
    const scoreShown = claimed ?? scored.score;
    if (aboutSatisfaction && isFull(scoreShown, weight)) {
      const figure = readTargetValue(src.actual).value !== null;
      const note = [src.actual, src.reason ?? null, src.criteria].some((v) => SURVEY_WORDS.test(textOf(v)));
      if (!figure && !note)
        satisfaction.push(
          at(src.row, columns.actualValue ?? claimCol, {
            indicator,
            score: scoreShown as number,
            actual: textOf(src.actual),
          }),
        );
    }

    if (claimed !== null && isFull(claimed, weight) && missesTarget(src)) {
      const computed = scored.computed;
      if (computed === null || computed < (weight as number) - EPS) {
        const params: Params = {
          indicator,
          target: textOf(src.target),
          actual: textOf(src.actual),
          score: claimed,
          computed: computed ?? "—",
        };
        if (computed !== null) params.deduct = r2(claimed - computed);
        belowTarget.push(at(src.row, claimCol, params));
      }
    }

    if (claimed !== null && weight !== null && claimed < weight - EPS && claimed >= 0) {
      const taken = r2(weight - claimed);
      if (reason === "") noReason.push(at(src.row, claimCol, { indicator, score: claimed, weight }));
      else {
        const stated = statedDeduction(reason, weight);
        if (stated && Math.abs(stated.points - taken) > config.review.deductionTolerance + EPS)
          mismatch.push(
            at(src.row, columns.reason ?? claimCol, {
              indicator,
              stated: stated.points,
              text: stated.text,
              taken,
              deduct: r2(stated.points - taken),
            }),
          );
      }
    }

    const key = normalizeText(src.level3).replace(/\s+/g, "");
    if (key && src.level1) {
      const first = firstLevel1.get(key);
      if (first === undefined) firstLevel1.set(key, src.level1);
      else if (first !== src.level1)
        duplicate.push(at(src.row, columns.level3, { indicator, first, second: src.level1 }));
    }

    if (src.level2 && src.level3) {
      const other = foreignGroup(src.level2, src.level3);
      if (other)
        level2.push(at(src.row, columns.level3, { indicator, level2: src.level2, expected: other.name }));
    }

    if (lowRate && src.level1.includes("产出") && isFull(claimed ?? scored.score, weight))
      lowExecution.push(at(src.row, claimCol, { indicator, score: (claimed ?? scored.score) as number }));
  }

  out.push(reviewFinding("REVIEW_BELOW_TARGET_FULL", belowTarget, {}, config));
  out.push(reviewFinding("REVIEW_ZERO_NO_REASON", zero, {}, config));
  out.push(reviewFinding("REVIEW_DEDUCTION_NO_REASON", noReason, {}, config));
  out.push(
    reviewFinding("REVIEW_DEDUCTION_MISMATCH", mismatch, { limit: config.review.deductionTolerance }, config),
  );
  out.push(reviewFinding("REVIEW_COST_GE", costGe, {}, config));
  out.push(reviewFinding("REVIEW_SATISFACTION_NO_SURVEY", satisfaction, {}, config));
  out.push(reviewFinding("REVIEW_DUPLICATE_LEVEL3", duplicate, {}, config));
  out.push(reviewFinding("REVIEW_LEVEL2_MISMATCH", level2, {}, config));
  if (lowRate)
    out.push(
      reviewFinding(
        "REVIEW_OUTPUT_FULL_LOW_EXECUTION",
        lowExecution,
        { rate: rate as number, limit: config.review.outputExecutionLow },
        config,
      ),
    );
  return out;
}

/** A subject's 复核: cap, 自评 vs 复核 and the checks over its tables (scores[0] is the main one). */
export function reviewSubject(
  metrics: Metrics,
  scores: ScoreResult[],
  config: EvalConfig,
): { review: SubjectReview; main: Finding[] } {
  const main: (Finding | null)[] = [];
  let compared: ReturnType<typeof compareScores> = null;
  if (scores[0]) {
    main.push(applyExecutionCap(scores[0], metrics, config));
    compared = compareScores(scores[0], config);
    main.push(compared?.finding ?? null);
  }
  const own = main.filter((f): f is Finding => f !== null);
  const checks = scores
    .flatMap((s) => tableChecks(s, metrics, config))
    .filter((f): f is Finding => f !== null);
  return {
    review: { findings: orderFindings([...own, ...checks]), scores: compared?.scores ?? null },
    main: own,
  };
}
