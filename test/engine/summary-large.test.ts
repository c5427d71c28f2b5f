/**
 * The summary sheet and the report model of a 50,000-row budget table: every sentence that lists the
 * budget rows (调整 / 年初 / 支出 …) is built without spreading the whole list into one call, which
 * overflowed the stack ("Maximum call stack size exceeded") at this size.
 */
import { syntheticWorkbook } from "../../bench/synthetic";
import { evaluate } from "../../src/engine/evaluate";
import { planSummary } from "../../src/engine/summary";

describe("the summary of a 50,000-row workbook", () => {
  jest.setTimeout(120_000);

  it("is planned without overflowing the stack, naming the rows in the adjustment paragraph", () => {
    const snapshot = syntheticWorkbook(50_000, 1_000);
    const evaluation = evaluate(snapshot);
    expect(evaluation.metrics.adjustment.length).toBeGreaterThan(0);
    const summary = planSummary(evaluation);
    expect(summary.rows.length).toBeGreaterThan(0);
  });
});
