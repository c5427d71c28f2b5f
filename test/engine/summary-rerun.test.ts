/**
 * A re-run on a workbook holding the add-in's own 问题汇总 sheet: that sheet's score table
 * (一级指标 | 分值 | 得分 | 得分率) is output, not input — the ledger names it, and the engine neither
 * scores it nor plans writes into it.
 */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import { planWrites } from "../../src/engine/plan";
import { planSummary } from "../../src/engine/summary";
import type { Ledger, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";

function withSummarySheet(named: boolean): { snapshot: WorkbookSnapshot; summaryName: string } {
  const base = gaozhuangSnapshot();
  const summary = planSummary(evaluate(base));
  const width = Math.max(...summary.rows.map((r) => r.length));
  const sheet: SheetSnapshot = {
    name: summary.name,
    top: 0,
    left: 0,
    values: summary.rows.map((r) => Array.from({ length: width }, (_, c) => r[c]?.value ?? null)),
    merges: summary.merges,
  };
  const ledger: Ledger = { version: 1, runAt: "2026-11-27T00:00:00Z", entries: [], marks: [] };
  if (named) ledger.summarySheet = summary.name;
  return { snapshot: { ...base, sheets: [...base.sheets, sheet], ledger }, summaryName: summary.name };
}

describe("the add-in's own summary sheet on a re-run", () => {
  it("is read as a table when nothing says it is ours (the case the ledger guards against)", () => {
    const { snapshot, summaryName } = withSummarySheet(false);
    const evaluation = evaluate(snapshot);
    expect(evaluation.detection.indicators.some((t) => t.location.sheet === summaryName)).toBe(true);
  });

  it("is left out of detection when the ledger names it: same tables, same score, no writes into it", () => {
    const { snapshot, summaryName } = withSummarySheet(true);
    const evaluation = evaluate(snapshot);
    const alone = evaluate(gaozhuangSnapshot());
    expect(evaluation.detection.tables.map((t) => `${t.kind}@${t.sheet}`)).toEqual(
      alone.detection.tables.map((t) => `${t.kind}@${t.sheet}`),
    );
    expect(evaluation.scores[0].total.score).toBe(85.54);
    const plan = planWrites(snapshot, evaluation);
    expect(plan.writes.filter((w) => w.sheet === summaryName)).toEqual([]);
    expect(plan.skipped.filter((w) => w.sheet === summaryName)).toEqual([]);
  });
});
