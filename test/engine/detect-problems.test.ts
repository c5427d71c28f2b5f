/** Input problems found while detecting: Excel errors, text in number cells, ambiguous merged headers —
 *  each named by sheet and cell. */
import { a1 } from "../../src/engine/address";
import { detectTables } from "../../src/engine/detect";
import type { InputProblem } from "../../src/engine/types";
import { sheet, workbook } from "./helpers/grid";

function at(p: InputProblem): string {
  return `${p.code} ${p.sheet}!${a1(p.row, p.col)} ${JSON.stringify(p.params)}`;
}

describe("problems", () => {
  it("names Excel errors and text in budget number cells by sheet and cell", () => {
    const d = detectTables(
      workbook([
        sheet("预算执行", [
          ["预算执行情况"],
          ["资金来源", "年初预算数", "调整后预算数", "全年执行数", "执行率"],
          ["财政拨款", 552.45, "#REF!", 667.92, "#DIV/0!"],
          ["政府性基金", "#N/A", 387, "约三百万", null],
          ["合计", "#DIV/0!", 939.45, 994.07, null],
        ]),
      ]),
    );
    expect(d.problems.map(at)).toEqual([
      'DATA_EXCEL_ERROR 预算执行!C3 {"value":"#REF!"}',
      'DATA_EXCEL_ERROR 预算执行!B4 {"value":"#N/A"}',
      'DATA_NOT_A_NUMBER 预算执行!D4 {"text":"约三百万"}',
      'DATA_EXCEL_ERROR 预算执行!B5 {"value":"#DIV/0!"}',
    ]);
    // the unreadable cells are unknown, never zero; the 执行率 output column is not read
    expect(d.budget?.rows[0].adjusted).toBeNull();
    expect(d.budget?.rows[1]).toMatchObject({ initial: null, actual: null, adjusted: 387 });
  });

  it("names problems in indicator 分值 / 得分 / target cells", () => {
    const d = detectTables(
      workbook([
        sheet("指标", [
          ["一级指标", "二级指标", "三级指标", "分值", "目标值", "实际值", "得分"],
          ["产出", "数量", "完成数", "十分", "≥12个", "#N/A", 8],
          [null, null, "合格率", 10, "100%", "100%", "#DIV/0!"],
          [null, null, "及时率", 10, null, null, "不适用"],
          [null, null, "覆盖率", 10, null, null, "八分"],
        ]),
      ]),
    );
    expect(d.problems.map(at)).toEqual([
      'DATA_NOT_A_NUMBER 指标!D2 {"text":"十分"}',
      'DATA_EXCEL_ERROR 指标!F2 {"value":"#N/A"}',
      'DATA_EXCEL_ERROR 指标!G3 {"value":"#DIV/0!"}',
      'DATA_NOT_A_NUMBER 指标!G5 {"text":"八分"}',
    ]);
    expect(d.indicators[0].rows.map((r) => [r.weight, r.entered])).toEqual([
      [null, 8],
      [10, null],
      [10, null],
      [10, null],
    ]);
  });

  it("names an error in a 决算总表 figure", () => {
    const d = detectTables(
      workbook([sheet("决算", [["收入支出决算总表"], ["本年收入合计", "#REF!", "本年支出合计", 100]])]),
    );
    expect(d.problems.map(at)).toEqual(['DATA_EXCEL_ERROR 决算!B2 {"value":"#REF!"}']);
    expect(d.finalAccounts).toMatchObject({ incomeTotal: null, expenditureTotal: 100 });
  });

  it("flags a merged header whose field could sit in several columns", () => {
    const d = detectTables(
      workbook([
        sheet(
          "预算",
          [
            ["资金来源", "年初预算数", null, "全年执行数"],
            ["财政拨款", 100, 20, 110],
            ["合计", 100, 20, 110],
          ],
          { merges: ["B1:C1"] },
        ),
      ]),
    );
    expect(d.problems.map(at)).toEqual(['DATA_MERGED_HEADER 预算!B1 {"text":"年初预算数","columns":2}']);
    expect(d.budget?.location.columns.initial).toBe(1);
  });

  it("does not flag a merged header over one column of data (a label merged across two cells)", () => {
    const d = detectTables(
      workbook([
        sheet(
          "预算",
          [
            ["项目资金（万元）", null, "年初预算数", "全年执行数"],
            ["年度资金总额", null, 100, 90],
          ],
          { merges: ["A1:B1", "A2:B2"] },
        ),
      ]),
    );
    expect(d.problems).toEqual([]);
    expect(d.budget?.rows[0]).toMatchObject({
      name: "年度资金总额",
      initial: 100,
      actual: 90,
      isTotal: true,
    });
  });

  it("reports nothing for blanks and blank markers", () => {
    const d = detectTables(
      workbook([
        sheet("预算", [
          ["资金来源", "年初预算数", "调整后预算数", "全年执行数"],
          ["财政拨款", "-", "—", "/"],
          ["其他", "", "  ", "－"],
        ]),
      ]),
    );
    expect(d.problems).toEqual([]);
    expect(d.budget?.rows.every((r) => r.initial === null && r.adjusted === null && r.actual === null)).toBe(
      true,
    );
  });
});
