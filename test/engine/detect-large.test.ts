/** Detection at scale: sheets of 100k rows are read whole. How long it takes is measured by
 *  `npm run bench` (engine scaling), not asserted here: timed tests flake on a shared machine. */
import { detectTables } from "../../src/engine/detect";
import type { CellValue } from "../../src/engine/types";
import { sheet, workbook } from "./helpers/grid";

const N = 100_000;

describe("100k-row sheets", () => {
  it("a 100k-row budget table", () => {
    const rows: CellValue[][] = [
      ["预算执行情况"],
      ["资金来源", "年初预算数", "调整后预算数", "全年执行数", "执行率"],
    ];
    for (let i = 0; i < N; i++) rows.push([`资金${i}`, 100 + i, 120 + i, 110 + i, null]);
    const snap = workbook([sheet("大表", rows)]);
    const result = detectTables(snap);
    expect(result.budget?.rows).toHaveLength(N);
  });

  it("a 100k-row indicator table", () => {
    const rows: CellValue[][] = [
      ["一级指标", "二级指标", "三级指标", "分值", "目标值", "实际值", "评分标准", "得分"],
    ];
    for (let i = 0; i < N; i++)
      rows.push([
        i % 50 === 0 ? `一级${i}` : null,
        i % 10 === 0 ? `二级${i}` : null,
        `指标${i}`,
        1,
        "≥12个",
        "10个",
        "按完成比例计算得分，满分为止",
        null,
      ]);
    const snap = workbook([sheet("指标", rows)]);
    const result = detectTables(snap);
    expect(result.indicators[0].rows).toHaveLength(N);
  });

  it("a 100k-row sheet of text that holds no table", () => {
    const rows: CellValue[][] = [];
    for (let i = 0; i < N; i++) rows.push([`记录${i}`, "项目", "说明", `备注${i}`, i]);
    const snap = workbook([sheet("流水", rows)]);
    const result = detectTables(snap);
    expect(result.tables).toEqual([]);
  });
});
