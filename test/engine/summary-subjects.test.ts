/**
 * planSummary with several subjects (issue 11): an overview table first (项目 | 总分 | 等级 | 执行率 | 问题数,
 * each name linked to its sheet), then one section per subject with its own score table, conclusion and
 * problems. The numbers are those worked out in test/engine/subjects.test.ts: 乡村道路养护 94.12 优
 * (执行率 80 / 100 = 80%, one finding), 桥梁维修 87 良 (执行率 0 / 0: —, one finding), 公交运营补贴 97 优
 * (执行率 100 / 100 = 100%, one finding); the department (the sample) 85.54 良, 执行率 120.90%.
 */
import { evaluate } from "../../src/engine/evaluate";
import { planSummary } from "../../src/engine/summary";
import type { SummarySheet } from "../../src/engine/types";
import { PROJECT_FORMS, projectsWorkbook } from "./fixtures/subjects";

const firstCol = (s: SummarySheet) => s.rows.map((r) => String(r[0]?.value ?? ""));

describe("summary of three projects", () => {
  const summary = planSummary(evaluate(projectsWorkbook(PROJECT_FORMS)));
  const col = firstCol(summary);

  it("starts with the overview, each name linked to its sheet", () => {
    const header = summary.rows.findIndex((r) => r[0]?.value === "项目" && r[1]?.value === "总分");
    expect(header).toBeGreaterThan(0);
    expect(summary.rows[header].map((c) => c.value)).toEqual(["项目", "总分", "等级", "执行率", "问题数"]);
    const lines = summary.rows.slice(header + 1, header + 4).map((r) => r.map((c) => c.value));
    expect(lines).toEqual([
      ["乡村道路养护", 94.12, "优", 0.8, 1],
      ["桥梁维修", 87, "良", "—", 1],
      ["公交运营补贴", 97, "优", 1, 1],
    ]);
    expect(summary.rows[header + 1][0].link).toEqual({ sheet: "项目1", address: "A1" });
    expect(summary.rows[header + 3][0].link).toEqual({ sheet: "项目3", address: "A1" });
  });

  it("has one section per subject, each with its own total and only its own problems", () => {
    const headings = col.filter((t) => t.endsWith("（项目支出）"));
    expect(headings).toEqual([
      "乡村道路养护（项目支出）",
      "桥梁维修（项目支出）",
      "公交运营补贴（项目支出）",
    ]);
    expect(col.filter((t) => t.startsWith("该项目最终得分为"))).toEqual([
      "该项目最终得分为94.12分，绩效评价结果等级为“优”。",
      "该项目最终得分为87.00分，绩效评价结果等级为“良”。",
      "该项目最终得分为97.00分，绩效评价结果等级为“优”。",
    ]);
    // the links of each section point at its own sheet
    const starts = headings.map((h) => col.indexOf(h));
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? summary.rows.length;
      const sheets = summary.rows
        .slice(start, end)
        .flatMap((r) => r.filter((c) => c.link).map((c) => c.link?.sheet));
      expect(new Set(sheets)).toEqual(new Set([`项目${String(i + 1)}`]));
    });
    expect(summary.chart).toBeNull(); // no department: no chart
  });
});

describe("summary of the department and three projects", () => {
  const summary = planSummary(evaluate(projectsWorkbook(PROJECT_FORMS, { department: true })));

  it("lists the department first and keeps its chart", () => {
    const header = summary.rows.findIndex((r) => r[0]?.value === "项目" && r[1]?.value === "总分");
    const dept = summary.rows[header + 1].map((c) => c.value);
    expect(dept.slice(0, 3)).toEqual(["平顶山市石龙区高庄街道办事处（部门整体）", 85.54, "良"]);
    expect(Number(dept[3])).toBeCloseTo(1.209014, 6); // 667.92 / 552.45
    expect(summary.rows[header + 1][0].link).toEqual({ sheet: "指标评分", address: "A1" });
    expect(summary.chart?.categories.rowCount).toBe(5); // the department's five 一级指标
  });
});
