/**
 * The rule catalogue: codes unique and stable, every text in both languages, templates filled without
 * leftovers and checklist keyword matching (docs/rules.md: test/docs/rules-doc.test.ts).
 */
import {
  CATEGORIES,
  CATEGORY_ORDER,
  MAX_LISTED_MEMBERS,
  RULES,
  checklistRuleFor,
  renderBasis,
  renderMessage,
  renderRecommendation,
  ruleFor,
} from "../../src/engine/rules/catalogue";
import type { RuleCode } from "../../src/engine/rules/catalogue";
import type { Finding } from "../../src/engine/types";

const MUST_HAVE = [
  "BUDGET_EXECUTION_HIGH",
  "BUDGET_EXECUTION_LOW",
  "BUDGET_ADJUSTMENT_RATE",
  "BUDGET_ADJUSTED_MISMATCH",
  "FINAL_ACCOUNTS_INCOMPLETE",
  "STRUCTURE_MISMATCH",
  "WEIGHTS_LEVEL1_TOTAL",
  "WEIGHTS_CHILDREN",
  "SCORE_OUT_OF_RANGE",
  "SCORE_DISAGREES",
  "QUALITATIVE_BAND",
  "UNSCORED_ROW",
  "LOW_SCORE_RATE",
  "TARGET_CATEGORY_MISSING",
  "TARGET_VAGUE",
  "GRADE_MISMATCH",
  "CHECKLIST_BUDGET_SYSTEM",
  "CHECKLIST_PERFORMANCE_SYSTEM",
  "CHECKLIST_PROCUREMENT_SYSTEM",
  "CHECKLIST_CONTRACT_SYSTEM",
  "CHECKLIST_INTERNAL_CONTROL",
  "CHECKLIST_ASSET_INVENTORY",
  "CHECKLIST_RESULT_APPLICATION",
  "CHECKLIST_TARGET_RESPONSIBILITY",
  "CHECKLIST_INNOVATION",
  "CHECKLIST_FAILED",
  "DATA_EXCEL_ERROR",
  "DATA_NOT_A_NUMBER",
  "DATA_MERGED_HEADER",
  "TABLE_MISSING",
];

function finding(rule: RuleCode, params: Finding["params"], members: Finding["members"] = []): Finding {
  const def = ruleFor(rule);
  return { rule, severity: def.severity, category: def.category, params, sheet: "表", cell: "B2", members };
}

describe("catalogue", () => {
  it("has every must-have rule, with unique codes", () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of MUST_HAVE) expect(codes).toContain(code);
  });

  it("has both languages for every text, and Chinese in zh-CN", () => {
    for (const rule of RULES) {
      for (const texts of [rule.title, rule.message, rule.member, rule.basis, rule.recommendation]) {
        if (!texts) continue;
        expect(texts["zh-CN"].trim()).not.toBe("");
        expect(texts["en-US"].trim()).not.toBe("");
        if (/[\u4e00-\u9fff]/.test(texts["zh-CN"])) expect(texts["en-US"]).not.toEqual(texts["zh-CN"]);
      }
      expect(rule.message["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
      expect(CATEGORIES[rule.category]).toBeDefined();
    }
  });

  it("orders categories as the report's section 四, then scoring and data", () => {
    expect(CATEGORY_ORDER.map((c) => CATEGORIES[c]["zh-CN"])).toEqual([
      "预决算管理",
      "绩效目标与绩效管理",
      "资产管理",
      "制度建设与执行",
      "目标管理与履职",
      "评分与指标体系",
      "数据质量",
    ]);
  });

  it("cites the seed's basis: 预算法 第七十五条 / 实施条例 第八十三条, 财资〔2020〕97号", () => {
    const fa = renderBasis(finding("FINAL_ACCOUNTS_INCOMPLETE", {}), "zh-CN") ?? "";
    expect(fa).toContain(
      "编制决算草案，必须符合法律、行政法规，做到收支真实、数额准确、内容完整、报送及时。",
    );
    expect(fa).toContain("第八十三条");
    expect(renderBasis(finding("CHECKLIST_ASSET_INVENTORY", {}), "zh-CN")).toContain("财资〔2020〕97号");
    expect(renderRecommendation(finding("BUDGET_ADJUSTMENT_RATE", {}), "zh-CN")).toContain("降低预算调整率");
  });

  it("fills placeholders by the documented formats and members into {list}", () => {
    const f = finding("BUDGET_EXECUTION_HIGH", { limit: 1 }, [
      {
        sheet: "预算",
        cell: "G4",
        params: { name: "财政拨款", rate: 1.2090143, actual: 667.92, budget: 552.45 },
      },
      { sheet: "预算", cell: "G7", params: { name: "合计", rate: 1.05814, actual: 994.07, budget: 939.45 } },
    ]);
    const zh = renderMessage(f, "zh-CN");
    expect(zh).toContain("超过100%");
    expect(zh).toContain("财政拨款执行率120.90%（支出667.92万元，预算552.45万元）；合计执行率105.81%");
    const en = renderMessage(f, "en-US");
    expect(en).toContain("财政拨款 120.90% (spent 667.92, budget 552.45, 10k yuan); 合计 105.81%");
    expect(
      renderMessage(finding("FINAL_ACCOUNTS_INCOMPLETE", { final: 387, actual: 400, gap: 13 }), "zh-CN"),
    ).toContain("387.00万元");
  });

  it("never leaves a placeholder or 'undefined' in any rendered text, even without params", () => {
    for (const rule of RULES) {
      for (const lang of ["zh-CN", "en-US"] as const) {
        const f = finding(rule.code, {});
        const texts = [
          renderMessage(f, lang),
          renderBasis(f, lang) ?? "",
          renderRecommendation(f, lang) ?? "",
        ];
        for (const text of texts) {
          expect(text).not.toMatch(/\{[A-Za-z0-9_.%~]+\}/);
          expect(text).not.toContain("undefined");
          expect(text).not.toContain("NaN");
        }
      }
    }
  });

  it("matches checklist items by the longest keyword, else the generic rule", () => {
    expect(checklistRuleFor("是否建立全过程预算绩效管理制度").code).toBe("CHECKLIST_PERFORMANCE_SYSTEM");
    expect(checklistRuleFor("是否建立预算管理制度").code).toBe("CHECKLIST_BUDGET_SYSTEM");
    expect(checklistRuleFor("是否开展固定资产年度清查盘点").code).toBe("CHECKLIST_ASSET_INVENTORY");
    expect(checklistRuleFor("评价结果整改与应用（应用率0%）").code).toBe("CHECKLIST_RESULT_APPLICATION");
    expect(checklistRuleFor("是否建立内部控制制度").code).toBe("CHECKLIST_INTERNAL_CONTROL");
    expect(checklistRuleFor("会议记录是否完整").code).toBe("CHECKLIST_FAILED");
  });

  it("unknown codes render through the generic data rule instead of failing", () => {
    expect(ruleFor("NO_SUCH_RULE").code).toBe("DATA_INPUT");
  });
});

describe("long member lists", () => {
  it("names the first members and counts the rest, in both languages", () => {
    const members = Array.from({ length: 25 }, (_, i) => ({
      sheet: "预算执行",
      cell: `G${i + 4}`,
      params: { name: `资金来源${i + 1}`, rate: 1.2, actual: 120, budget: 100 },
    }));
    const finding: Finding = {
      rule: "BUDGET_EXECUTION_HIGH",
      severity: "error",
      category: "budget",
      params: { limit: 1 },
      sheet: "预算执行",
      cell: "G4",
      members,
    };
    const zh = renderMessage(finding, "zh-CN");
    expect(zh).toContain("资金来源20");
    expect(zh).not.toContain("资金来源21");
    expect(zh).toContain(`另有${25 - MAX_LISTED_MEMBERS}项`);
    expect(renderMessage(finding, "en-US")).toContain(`and ${25 - MAX_LISTED_MEMBERS} more`);
  });
});
