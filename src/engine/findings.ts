/**
 * deriveFindings: every rule family's checks (./rules/budget.ts, targets.ts, indicators.ts,
 * checklist.ts, data.ts — each beside its catalogue entries) applied to the detection, the metrics and
 * the scores, with thresholds from the config. Findings of one rule are grouped into one Finding with
 * members; each finding points at the cell behind it (执行率 cell, 得分 cell, 结论 cell …).
 * Output order is deterministic: category order, then catalogue order, then position.
 */
import { budgetFindings } from "./rules/budget";
import { CATEGORY_ORDER, RULES } from "./rules/catalogue";
import { checklistFindings } from "./rules/checklist";
import { dataFindings } from "./rules/data";
import { indicatorFindings } from "./rules/indicators";
import { targetFindings } from "./rules/targets";
import type { Detection, EvalConfig, Finding, Ledger, Metrics, ScoreResult } from "./types";

const RULE_INDEX = new Map<string, number>(RULES.map((r, i) => [r.code, i]));

/** Every finding, grouped per rule, in category/catalogue order. */
export function deriveFindings(
  detection: Detection,
  metrics: Metrics,
  scores: ScoreResult[],
  config: EvalConfig,
  ledger?: Ledger,
): Finding[] {
  const all: Finding[] = [
    ...budgetFindings(detection, metrics, config),
    ...targetFindings(detection),
    ...checklistFindings(detection),
    ...scores.flatMap((s) => indicatorFindings(s, config, ledger)),
    ...dataFindings(detection),
  ];
  const categoryIndex = (f: Finding) => CATEGORY_ORDER.indexOf(f.category);
  return all
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        categoryIndex(a.f) - categoryIndex(b.f) ||
        (RULE_INDEX.get(a.f.rule) ?? 999) - (RULE_INDEX.get(b.f.rule) ?? 999) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}
