/**
 * One display rule for scores wherever the product shows them (src/engine/format.ts): a score or total
 * always has two decimals — the console, the batch line, the 问题汇总 sheet's conclusion, the report's
 * score runs — so "38" never stands beside "20.34". Checked on a workbook whose scores are whole (the
 * 公交运营补贴 project: 97) and on the sample (85.54).
 */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import { planSummary } from "../../src/engine/summary";
import { reportModels } from "../../src/engine/report-model";
import { formatSummary } from "../../src/cli/summary";
import { PROJECT_FORMS, projectsWorkbook } from "./fixtures/subjects";

/** "…得分为97分…", "总分 97 / 100", "85.5分": a score-like number next to 分 without two decimals. */
const BARE_SCORE = /得分为?(\d+(?:\.\d)?)分|总分 (\d+(?:\.\d)?) \//;

function texts(lang: "zh-CN" | "en-US", snapshot = gaozhuangSnapshot()): string[] {
  const evaluation = evaluate(snapshot, { lang });
  const out: string[] = [...formatSummary(evaluation, lang, "x.xlsx")];
  for (const row of planSummary(evaluation).rows)
    for (const cell of row) if (typeof cell?.value === "string") out.push(cell.value);
  for (const model of reportModels(evaluation, { lang })) out.push(JSON.stringify(model));
  return out;
}

describe("scores are shown with two decimals everywhere", () => {
  it("a whole score (97) reads 97.00 in the console, the summary sheet and the report", () => {
    const whole = projectsWorkbook([PROJECT_FORMS[2]]);
    const all = texts("zh-CN", whole);
    expect(all.join("\n")).toContain("97.00");
    expect(all.filter((t) => BARE_SCORE.test(t))).toEqual([]);
  });

  it("the sample: 85.54 everywhere, no bare score", () => {
    const all = texts("zh-CN");
    expect(all.join("\n")).toContain("85.54");
    expect(all.filter((t) => BARE_SCORE.test(t))).toEqual([]);
  });

  it("the pattern itself catches a bare score", () => {
    expect(BARE_SCORE.test("该项目最终得分为97分")).toBe(true);
    expect(BARE_SCORE.test("总分 97 / 100")).toBe(true);
    expect(BARE_SCORE.test("该项目最终得分为97.00分")).toBe(false);
  });
});
