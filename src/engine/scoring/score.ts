/**
 * scoreIndicatorTable: every row scored (./row.ts), then 一级指标 subtotals in first-appearance order,
 * 不适用 re-basing, the total and the grade (docs/domain.md §4). A level's score is the sum of its rows' rounded
 * scores; the grade is taken from the total as computed, never from a rounded-off figure.
 */
import { gradeFor } from "../config";
import type {
  EvalConfig,
  IndicatorTable,
  LevelResult,
  Metrics,
  ScoredIndicator,
  ScoreResult,
} from "../types";
import { roundHalfUp, round2 } from "./round";
import { scoreRow } from "./row";

export { round2 } from "./round";

export { qualitativeBand } from "./qualitative";

/** Sums of weights: rounded to 6 decimals to drop float noise (0.1 + 0.2). */
function cleanSum(values: number[]): number {
  return roundHalfUp(
    values.reduce((a, b) => a + b, 0),
    6,
  );
}

function weightOf(s: ScoredIndicator): number {
  const w = s.source.weight;
  return typeof w === "number" && Number.isFinite(w) && w > 0 ? w : 0;
}

function levelResult(
  name: string,
  rows: ScoredIndicator[],
  table: IndicatorTable,
  config: EvalConfig,
): LevelResult {
  const key = Object.keys(table.levelWeights).find((k) => k.trim() === name);
  const given = key === undefined ? undefined : table.levelWeights[key];
  const nominal =
    typeof given === "number" && Number.isFinite(given) && given >= 0 ? given : cleanSum(rows.map(weightOf));
  const excluded = rows.filter((r) => r.method === "notApplicable");
  const excludedWeight = cleanSum(excluded.map(weightOf));
  const sum = round2(cleanSum(rows.map((r) => (r.method === "notApplicable" ? 0 : (r.score ?? 0)))));
  const absolute = rows.map((r) => r.source.row);

  if (excluded.length === 0 || excludedWeight === 0) {
    return { name, weight: nominal, score: sum, rate: nominal > 0 ? sum / nominal : null, rows: absolute };
  }
  const applicableWeight = cleanSum(rows.filter((r) => r.method !== "notApplicable").map(weightOf));
  if (!config.rebaseNotApplicable || applicableWeight === 0) {
    // excluded without re-basing: the level's maximum shrinks by the excluded weight
    const weight = Math.max(0, roundHalfUp(nominal - excludedWeight, 6));
    return { name, weight, score: sum, rate: weight > 0 ? sum / weight : null, rows: absolute, rebase: null };
  }
  const factor = nominal / applicableWeight;
  const score = round2(Math.min(sum * factor, nominal));
  return {
    name,
    weight: nominal,
    score,
    rate: nominal > 0 ? score / nominal : null,
    rows: absolute,
    rebase: { factor, applicableWeight, excludedWeight },
  };
}

/** Score an indicator table: rows, 一级指标 levels, total and grade. */
export function scoreIndicatorTable(
  table: IndicatorTable,
  metrics: Metrics,
  config: EvalConfig,
): ScoreResult {
  const rows = table.rows.map((row) => scoreRow(row, metrics, config));
  const order: string[] = [];
  const byLevel = new Map<string, ScoredIndicator[]>();
  for (let i = 0; i < rows.length; i++) {
    const scored = rows[i];
    const name = scored.source.level1.trim();
    let list = byLevel.get(name);
    if (!list) {
      list = [];
      byLevel.set(name, list);
      order.push(name);
    }
    list.push(scored);
  }
  const levels = order.map((name) => levelResult(name, byLevel.get(name) ?? [], table, config));
  const score = round2(cleanSum(levels.map((l) => l.score)));
  const max = cleanSum(levels.map((l) => l.weight));
  return {
    table,
    rows,
    levels,
    total: { score, max, rate: max > 0 ? score / max : null, grade: gradeFor(score, config.grades) },
  };
}
