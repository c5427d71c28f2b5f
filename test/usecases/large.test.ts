/**
 * Scoring generated workbooks of 50,000 budget rows and 5,000 indicator rows through the use-cases,
 * the Office adapter and the in-memory Excel: no request over 4 MB nor response over 5 MB, and only as
 * many syncs as the byte budget needs — reading as predicted by the block plan, 5 in all (names, first
 * look, the rest, re-check, writes), pinned so that it cannot silently grow.
 */
import { resolveConfig } from "../../src/engine/config";
import { MemoryWorkbook, createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import { PAYLOAD_LIMIT, SYNC_BUDGET } from "../../src/host/office/budget";
import { createOfficeHost } from "../../src/host/office/host";
import { predictReadSyncs } from "../../src/host/office/read";
import { scoreWorkbook } from "../../src/usecases";
import { syntheticWorkbook } from "../../bench/synthetic";
import { STANDARD_INDICATOR_HEADER, STANDARD_BUDGET_HEADER } from "../engine/helpers/grid";

function generated(): MemoryWorkbook {
  const budget: (string | number | null)[][] = [[...STANDARD_BUDGET_HEADER]];
  for (let i = 0; i < 50_000; i++) {
    const initial = 100 + (i % 97) * 1.37;
    budget.push([`项目资金${i}`, initial, i % 5, initial + (i % 5), 99.25, 97.5 + (i % 13), null, null]);
  }
  const indicators: (string | number | null)[][] = [[...STANDARD_INDICATOR_HEADER]];
  for (let i = 0; i < 5_000; i++)
    indicators.push([
      `一级${i % 5}`,
      `二级${i % 20}`,
      `指标${i}`,
      0.02,
      "≥",
      100,
      90 + (i % 10),
      null,
      null,
      null,
    ]);
  return MemoryWorkbook.fromCells({ 预算执行: budget, 指标评分: indicators });
}

describe("a large workbook through the Office adapter", () => {
  jest.setTimeout(180_000);

  it("scores 50,000 budget rows and 5,000 indicator rows within the payload limits in 5 syncs", async () => {
    const wb = generated();
    const host = createOfficeHost(createExcelApi(wb), {
      isSetSupported: (s, v) => isSetSupportedBy(wb, s, v),
    });
    const syncsAt: Record<string, number> = {};
    const { applied, plan } = await scoreWorkbook(
      host,
      resolveConfig(),
      (stage) => (syncsAt[stage] = wb.stats.syncs),
    );
    expect(applied.written).toBe(plan.writes.length);
    expect(applied.written).toBeGreaterThan(100_000);
    for (const r of wb.stats.requests) {
      expect(r.requestBytes).toBeLessThanOrEqual(SYNC_BUDGET);
      expect(r.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    }
    const readSyncs = predictReadSyncs(
      [
        { sheet: "预算执行", top: 0, left: 0, rowCount: 50_001, colCount: 8 },
        { sheet: "指标评分", top: 0, left: 0, rowCount: 5_001, colCount: 10 },
      ],
      2,
    );
    expect(syncsAt.scoring).toBe(readSyncs);
    expect(readSyncs).toBe(3);
    expect(wb.stats.syncs).toBe(5);
    // The written rates are there.
    expect(typeof wb.cell("预算执行", "G50001").value).toBe("number");
  });

  it("scores the benchmark's 50k-row workbook (bench/synthetic) in 5 syncs, no request over 4 MB", async () => {
    const wb = MemoryWorkbook.fromSnapshot(syntheticWorkbook(50_000, 5_000));
    const host = createOfficeHost(createExcelApi(wb), {
      isSetSupported: (s, v) => isSetSupportedBy(wb, s, v),
    });
    const { applied, plan } = await scoreWorkbook(host, resolveConfig());
    expect(applied.written).toBe(plan.writes.length);
    expect(applied.written).toBeGreaterThan(100_000);
    expect(wb.stats.syncs).toBe(5);
    expect(Math.max(...wb.stats.requests.map((r) => r.requestBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
    expect(Math.max(...wb.stats.requests.map((r) => r.responseBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    // What was written is there: the last budget row's 执行率 and the ledger of every written cell.
    expect(typeof wb.cell("预算执行", "G50002").value).toBe("number");
  });
});
