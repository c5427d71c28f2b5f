/**
 * What could not be computed, and why, in the run's language: the console's 未能检查 / "Not checked", the
 * pane's list and the JSON's notChecked. The row names are the user's own and stay as written.
 */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import { NOT_COMPUTED_TEXT, ncText } from "../../src/engine/not-computed";
import type { WorkbookSnapshot } from "../../src/engine/types";

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the not-computed texts", () => {
  const zh = NOT_COMPUTED_TEXT["zh-CN"];
  const en = NOT_COMPUTED_TEXT["en-US"];

  it("have the same keys and placeholders in both languages, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(en[key].trim()).not.toBe("");
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
    }
  });

  it("say English in English, Chinese only where a Chinese term is named in brackets", () => {
    for (const [key, value] of Object.entries(en))
      expect([key, value.replace(/[（(][^）)]*[\u4e00-\u9fff][^）)]*[）)]/g, "")]).not.toEqual([
        key,
        expect.stringMatching(CJK),
      ]);
  });

  it("fill placeholders", () => {
    expect(ncText("en-US", "blankRow", { name: "单位资金", cell: "H6", reason: "no initial budget" })).toBe(
      "单位资金 (H6): no initial budget",
    );
    expect(ncText("zh-CN", "blankMore", { count: 12 })).toBe("；等共12行");
  });
});

describe("the sample's blank rates", () => {
  it("are explained in Chinese under zh-CN, as before", () => {
    const e = evaluate(gaozhuangSnapshot(), { lang: "zh-CN" });
    expect(e.notChecked).toEqual([
      {
        item: "执行率（表中留空的单元格）",
        reason: "政府性基金（G5）：无实际支出数或决算数；单位资金（G6）：无调整后预算数和年初预算数",
      },
      { item: "调整率（表中留空的单元格）", reason: "单位资金（H6）：无年初预算数" },
    ]);
  });

  it("are explained in English under en-US, the row names as the user wrote them", () => {
    const e = evaluate(gaozhuangSnapshot(), { lang: "en-US" });
    expect(e.notChecked).toEqual([
      {
        item: "Execution rate (cells left blank in the sheet)",
        reason:
          "政府性基金 (G5): no actual spending or final accounts figure; 单位资金 (G6): no adjusted or initial budget",
      },
      { item: "Adjustment rate (cells left blank in the sheet)", reason: "单位资金 (H6): no initial budget" },
    ]);
    // each row's own rate says why in English as well (the JSON's rates)
    const blank = e.metrics?.execution.filter((r) => r.value === null) ?? [];
    expect(blank.map((r) => r.reason)).toEqual([
      "no actual spending or final accounts figure",
      "no adjusted or initial budget",
    ]);
  });

  it("a workbook with no budget table says so in English", () => {
    const snapshot: WorkbookSnapshot = {
      sheets: [{ name: "封面", top: 0, left: 0, values: [["项目名称", "某项目"]], formulas: [], merges: [] }],
    } as unknown as WorkbookSnapshot;
    const e = evaluate(snapshot, { lang: "en-US" });
    expect(e.notChecked.map((n) => n.item)).toContain("Budget execution rate");
    for (const n of e.notChecked) {
      expect(n.item).not.toMatch(CJK);
      expect(n.reason).not.toMatch(CJK);
    }
  });
});
