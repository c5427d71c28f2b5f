/**
 * Calls into the ET fake per 评分 through the WPS adapter (bench/wps.ts counts them; `--only=wps` prints
 * them for the sample and 50,000 rows): issue 15's bounds on the sample and on a generated workbook of
 * 10,000 budget rows and 1,000 indicator rows (small enough to stay fast) — reads ≤ 1 block call per
 * 500,000 cells per sheet, pass and property; value and number-format writes ≤ one call per contiguous
 * run; no per-cell call.
 */
import { countWpsCalls, generatedMemory, sampleMemory, type WpsCallCount } from "../../bench/wps";

function expectBounds(c: WpsCallCount): void {
  expect(c.reads.length).toBeGreaterThan(0);
  for (const g of c.reads)
    expect({ ...g, calls: g.calls }).toEqual({
      ...g,
      calls: Math.min(g.calls, Math.ceil(g.cells / 500_000)),
    });
  expect(c.cellsWritten).toBeGreaterThan(0);
  expect(c.valueWriteCalls).toBeGreaterThan(0);
  expect(c.valueWriteCalls).toBeLessThanOrEqual(c.valueRuns);
  expect(c.formatWriteCalls).toBeLessThanOrEqual(c.formatRuns);
  expect(c.perCellCalls).toBe(0);
}

describe("ET calls per 评分 (WPS adapter on the fake)", () => {
  jest.setTimeout(60_000);

  it("the sample: 85.54 良 within the bounds", async () => {
    const c = await countWpsCalls("sample", await sampleMemory());
    expect([c.total, c.grade]).toEqual([85.54, "良"]);
    expectBounds(c);
  });

  it("10,000 budget rows: every sheet read once per pass and property, the re-check included", async () => {
    const c = await countWpsCalls("10k rows", generatedMemory(10_000));
    expectBounds(c);
    // 8 columns × 10,003 rows in one Value2 call; the re-check reads the written columns in one call per
    // sheet, not one per run (指标评分's 得分 column breaks its runs at every entered score).
    const budget = c.reads.find(
      (g) => g.sheet === "预算执行" && g.pass === "snapshot" && g.what === "Value2",
    );
    expect(budget).toMatchObject({ calls: 1, cells: 8 * 10_003 });
    const recheck = c.reads.filter((g) => g.sheet === "指标评分" && g.pass === "apply");
    expect(recheck.map((g) => g.calls)).toEqual(recheck.map(() => 1));
    expect(c.valueRuns).toBeGreaterThan(100);
  });
});
