/**
 * Subjects (issue 11): every project 自评表 and the department scored on its own tables. The workbooks are
 * built from the descriptions (test/engine/fixtures/subjects.ts): a cover sheet; 乡村道路养护 with
 * 执行率 below 90%; 桥梁维修 with a 年度资金总额 row of zeros; 公交运营补贴 with 调整率 beyond −30%; the
 * sample's department sheets. Every expected number is worked out by hand below.
 *
 * The indicator block is the same on every form (fixtures/subjects.ts):
 *   养护里程 ≥120 / 120 → 20; 路况优良率 ≥85% (15): 80% → 80/85 × 15 = 14.1176 → 14.12, 85% or 90% → 15;
 *   及时率 100% → 10; 成本 ≤0.9 / 0.9 → 5; 群众出行 (定性) entered 27; 满意度 92% ≥ 90% → 10.
 *   产出 = 20 + 15 + 10 + 5 = 50 (49.12 with 80%), 效益 27, 满意度 10; the budget block 分值 10.
 * 乡村道路养护: 执行率 80 / 100 = 80% → 8; total 8 + 49.12 + 27 + 10 = 94.12 → 优 (≥ 90).
 * 桥梁维修: 执行率 0 / 0 not computable → the budget row is unscored (0); total 0 + 50 + 27 + 10 = 87 → 良.
 * 公交运营补贴: 执行率 130 / 130 = 100% → 10; total 10 + 50 + 27 + 10 = 97 → 优;
 *   调整率 (130 − 200) / 200 = −35%, 当年财政拨款 (100 − 150) / 150 = −33.33%, 上年结转 (30 − 50) / 50 = −40%.
 * The department (the sample): 85.54 → 良, as test/engine/golden.test.ts pins.
 */
import { evaluate } from "../../src/engine/evaluate";
import { planWrites } from "../../src/engine/plan";
import { buildReport } from "../../src/engine/report";
import { renderMessage } from "../../src/engine/rules/catalogue";
import type { Evaluation, SubjectEvaluation } from "../../src/engine/types";
import { workbook } from "./helpers/grid";
import {
  coverSheet,
  CUT_BUDGET,
  LOW_EXECUTION,
  PROJECT_FORMS,
  projectSheet,
  projectsWorkbook,
  stackedSheet,
  ZERO_TOTAL,
} from "./fixtures/subjects";

function totals(e: Evaluation) {
  return e.subjects.map((s) => [
    s.subject.name,
    s.scores[0]?.total.score ?? null,
    s.scores[0]?.total.grade ?? null,
  ]);
}

function rulesOf(s: SubjectEvaluation) {
  return s.findings.map((f) => `${f.rule} ${f.sheet ?? ""}!${f.cell ?? ""}`);
}

/** Every finding and member of a subject sits on one of its own sheets. */
function ownSheetsOnly(s: SubjectEvaluation) {
  for (const f of s.findings) {
    if (f.sheet !== null) expect(s.subject.sheets).toContain(f.sheet);
    for (const m of f.members) expect(s.subject.sheets).toContain(m.sheet);
  }
}

describe("one project 自评表 and a cover sheet", () => {
  const e = evaluate(projectsWorkbook([LOW_EXECUTION]));

  it("is one project subject named by its 项目名称 cell; the top-level fields are its", () => {
    expect(e.subjects.map((s) => s.subject)).toEqual([
      { id: "project:项目1", kind: "project", name: "乡村道路养护", sheet: "项目1", sheets: ["项目1"] },
    ]);
    expect(totals(e)).toEqual([["乡村道路养护", 94.12, "优"]]);
    const only = e.subjects[0];
    expect(e.scores).toBe(only.scores);
    expect(e.findings).toBe(only.findings);
    expect(e.metrics).toBe(only.metrics);
    expect(e.detection).toBe(only.detection);
  });

  it("names the budget rows by their own labels in column B (not the merged 项目资金 label in A)", () => {
    expect(e.detection.budget?.rows.map((r) => [r.name, r.isTotal])).toEqual([
      ["年度资金总额", true],
      ["其中：当年财政拨款", false],
      ["上年结转资金", false],
      ["其他资金", false],
    ]);
  });

  it("says 执行率 is below 90% once, naming the total row (its only funded part carries the same figures)", () => {
    // 年度资金总额 100 / 100 / 80 and 其中：当年财政拨款 100 / 100 / 80: one sum of money, one sentence
    expect(rulesOf(e.subjects[0])).toEqual(["BUDGET_EXECUTION_LOW 项目1!G6"]);
    expect(renderMessage(e.findings[0], "zh-CN")).toBe(
      "以下资金的预算执行率低于90%：年度资金总额执行率80.00%（支出80.00万元，预算100.00万元），应说明原因。",
    );
  });

  it("does not miss the department's target and checklist tables on a project form", () => {
    expect(e.detection.missing).toEqual([]);
    expect(e.findings.some((f) => f.rule === "TABLE_MISSING")).toBe(false);
  });
});

describe("three project 自评表 and a cover sheet", () => {
  const snapshot = projectsWorkbook(PROJECT_FORMS);
  const e = evaluate(snapshot);
  const [road, bridge, bus] = e.subjects;

  it("scores each project from its own tables", () => {
    expect(totals(e)).toEqual([
      ["乡村道路养护", 94.12, "优"],
      ["桥梁维修", 87, "良"],
      ["公交运营补贴", 97, "优"],
    ]);
    // each budget block scores in its own subject: 预算执行 10 is part of every 100 (no 90-point total)
    for (const s of e.subjects) {
      expect(s.scores).toHaveLength(1);
      expect(s.scores[0].levels.map((l) => [l.name, l.weight])).toEqual([
        ["预算执行", 10],
        ["产出指标", 50],
        ["效益指标", 30],
        ["满意度指标", 10],
      ]);
      expect(s.scores[0].total.max).toBe(100);
    }
    expect(bus.scores[0].levels[0].score).toBe(10);
    expect(e.findings.some((f) => f.rule.startsWith("WEIGHTS"))).toBe(false);
  });

  it("computes 执行率 and 调整率 per project; the third one's adjustment error appears", () => {
    expect(road.metrics.departmentExecution?.value).toBe(0.8); // 80 / 100 (其中：当年财政拨款, the fiscal 口径)
    expect(bridge.metrics.departmentExecution?.value).toBeNull(); // 0 / 0
    expect(bus.metrics.departmentExecution?.value).toBe(1); // 100 / 100
    expect(
      bus.metrics.adjustment.map((r) => [r.name, r.value === null ? null : Number(r.value.toFixed(4))]),
    ).toEqual([
      ["年度资金总额", -0.35],
      ["其中：当年财政拨款", -0.3333],
      ["上年结转资金", -0.4],
      ["其他资金", null], // 年初 0
    ]);
    expect(rulesOf(bus)).toEqual(["BUDGET_ADJUSTMENT_RATE 项目3!D7"]);
    const f = bus.findings[0];
    expect(f.severity).toBe("error"); // |−35%| > 30%
    expect(renderMessage(f, "zh-CN")).toBe(
      "预算调整率超过30%：年度资金总额预算调整-70.00万元，预算调整率-35.00%；当年财政拨款预算调整-50.00万元，" +
        "预算调整率-33.33%；上年结转资金预算调整-20.00万元，预算调整率-40.00%，侧面反映出部门年初预算编制的计划性和准确性还有待提升。",
    );
  });

  it("leaves the zero budget row unscored and says why, on its own sheet", () => {
    expect(rulesOf(bridge)).toEqual(["UNSCORED_ROW 项目2!H6"]);
    expect(bridge.scores[0].rows[0]).toMatchObject({ method: "unscored", score: null });
    expect(bridge.notChecked.map((n) => n.item)).toContain("预算执行率");
  });

  it("attributes every finding to its own sheet and never names a row —", () => {
    expect(rulesOf(road)).toEqual(["BUDGET_EXECUTION_LOW 项目1!G6"]);
    for (const s of e.subjects) {
      ownSheetsOnly(s);
      for (const f of s.findings) {
        expect(renderMessage(f, "zh-CN")).not.toMatch(/[：、]—/);
        for (const m of f.members) if ("name" in m.params) expect(m.params.name).not.toBe("");
      }
    }
    // the top level holds all of them, in subject order
    expect(e.findings).toEqual([...road.findings, ...bridge.findings, ...bus.findings]);
  });

  it("writes each project's 总分 and 等级 on its own sheet", () => {
    const plan = planWrites(snapshot, e);
    // 总分 row 19 (0-based 18), 得分 column H (7)
    const totalsWritten = plan.writes.filter((w) => w.role === "total" && w.row === 18 && w.col === 7);
    expect(totalsWritten.map((w) => [w.sheet, w.value])).toEqual([
      ["项目1", 94.12],
      ["项目2", 87],
      ["项目3", 97],
    ]);
    expect(plan.writes.filter((w) => w.role === "grade").map((w) => [w.sheet, w.value])).toEqual([
      ["项目1", "优"],
      ["项目2", "良"],
      ["项目3", "优"],
    ]);
    // 执行率 in G6 of each sheet from its own rates: 80%, none (0 / 0), 100%
    expect(
      plan.writes.filter((w) => w.role === "executionRate" && w.row === 5).map((w) => [w.sheet, w.value]),
    ).toEqual([
      ["项目1", 0.8],
      ["项目3", 1],
    ]);
  });

  // review: each form's 群众出行条件改善 is entered 27 of 30 with no 偏差原因 (REVIEW_DEDUCTION_NO_REASON, P2);
  // 桥梁维修's 0 / 0 budget row is UNSCORED_ROW, not a blank 实际完成值
  it("reports subjects[] and overview[]; with several subjects and no department, total/levels/metrics are null", () => {
    const report = buildReport(e);
    expect(report.total).toBeNull();
    expect(report.levels).toEqual([]);
    expect(report.metrics).toBeNull();
    expect(report.overview).toEqual([
      {
        id: "project:项目1",
        kind: "project",
        name: "乡村道路养护",
        sheet: "项目1",
        total: 94.12,
        grade: "优",
        executionRate: 0.8,
        errors: 0,
        warnings: 1,
        review: { P0: 0, P1: 0, P2: 1 },
      },
      {
        id: "project:项目2",
        kind: "project",
        name: "桥梁维修",
        sheet: "项目2",
        total: 87,
        grade: "良",
        executionRate: null,
        errors: 0,
        warnings: 1,
        review: { P0: 0, P1: 0, P2: 1 },
      },
      {
        id: "project:项目3",
        kind: "project",
        name: "公交运营补贴",
        sheet: "项目3",
        total: 97,
        grade: "优",
        executionRate: 1,
        errors: 1,
        warnings: 0,
        review: { P0: 0, P1: 0, P2: 1 },
      },
    ]);
    expect(report.subjects.map((s) => [s.id, s.sheets, s.total, s.findings.map((f) => f.cell)])).toEqual([
      ["project:项目1", ["项目1"], { score: 94.12, max: 100, rate: 0.9412, grade: "优" }, ["G6"]],
      ["project:项目2", ["项目2"], { score: 87, max: 100, rate: 0.87, grade: "良" }, ["H6"]],
      ["project:项目3", ["项目3"], { score: 97, max: 100, rate: 0.97, grade: "优" }, ["D7"]],
    ]);
    expect(report.subjects[2].levels[0]).toEqual({ name: "预算执行", weight: 10, score: 10, rate: 1 });
    expect(report.subjects[0].metrics.departmentExecution).toMatchObject({
      name: "其中：当年财政拨款",
      cell: "G7",
    });
    expect(report.findings.map((f) => f.cell)).toEqual(["G6", "H6", "D7"]);
    // every subject's notChecked, named by subject
    expect(report.notChecked.map((n) => n.item)).toContain("桥梁维修：预算执行率");
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe("three projects beside the department", () => {
  const e = evaluate(projectsWorkbook(PROJECT_FORMS, { department: true }));
  const department = e.subjects[0];

  it("keeps the department's own result: 85.54 → 良 from its four sheets", () => {
    expect(department.subject).toEqual({
      id: "department",
      kind: "department",
      name: "平顶山市石龙区高庄街道办事处",
      sheet: "指标评分",
      sheets: ["预算执行", "指标评分", "绩效目标", "管理情况"],
    });
    expect(totals(e)).toEqual([
      ["平顶山市石龙区高庄街道办事处", 85.54, "良"],
      ["乡村道路养护", 94.12, "优"],
      ["桥梁维修", 87, "良"],
      ["公交运营补贴", 97, "优"],
    ]);
    // the department's findings are the golden test's; none of them on a project sheet
    expect(department.findings.map((f) => f.rule)).toEqual(
      evaluate(workbook(projectsWorkbook([], { department: true }).sheets)).findings.map((f) => f.rule),
    );
    for (const s of e.subjects) ownSheetsOnly(s);
  });

  it("gives the department's total, levels and metrics at the top of the report", () => {
    const report = buildReport(e);
    expect(report.total).toEqual({ score: 85.54, max: 100, rate: 0.8554, grade: "良" });
    expect(report.levels.map((l) => l.name)).toEqual([
      "管理效率",
      "履职效能",
      "运行成本",
      "社会效应",
      "可持续发展能力",
    ]);
    // 执行率 667.92 / 552.45 = 120.90%
    expect(report.metrics?.departmentExecution?.value).toBeCloseTo(1.209014, 6);
    expect(report.overview.map((o) => [o.id, o.total, o.grade])).toEqual([
      ["department", 85.54, "良"],
      ["project:项目1", 94.12, "优"],
      ["project:项目2", 87, "良"],
      ["project:项目3", 97, "优"],
    ]);
    // the scores list starts with the department's main table
    expect(e.scores[0].total.score).toBe(85.54);
  });
});

describe("thirty project 自评表", () => {
  // 项目1 … 项目30 cycle through the three forms: i % 3 = 0 → 94.12 优, 1 → 87 良, 2 → 97 优
  const forms = Array.from({ length: 30 }, (_, i) => PROJECT_FORMS[i % 3]);
  const e = evaluate(projectsWorkbook(forms));
  const expected = [
    [94.12, "优"],
    [87, "良"],
    [97, "优"],
  ] as const;

  it("scores thirty subjects, each on its own sheet", () => {
    expect(e.subjects).toHaveLength(30);
    e.subjects.forEach((s, i) => {
      expect(s.subject.sheet).toBe(`项目${String(i + 1)}`);
      expect([s.scores[0].total.score, s.scores[0].total.grade]).toEqual(expected[i % 3]);
      ownSheetsOnly(s);
    });
    // 10 execution findings, 10 unscored zero rows, 10 adjustment errors; no weights error
    const count = (rule: string) => e.findings.filter((f) => f.rule === rule).length;
    expect([count("BUDGET_EXECUTION_LOW"), count("UNSCORED_ROW"), count("BUDGET_ADJUSTMENT_RATE")]).toEqual([
      10, 10, 10,
    ]);
    expect(e.findings).toHaveLength(30);
  });

  it("gives subjects with the same name distinct ids", () => {
    const ids = e.subjects.map((s) => s.subject.id);
    expect(new Set(ids).size).toBe(30);
    expect(e.subjects.filter((s) => s.subject.name === "桥梁维修")).toHaveLength(10);
  });
});

describe("two 自评表 stacked on one sheet", () => {
  const named = evaluate(workbook([coverSheet(), stackedSheet("汇总", [LOW_EXECUTION, CUT_BUDGET])]));
  const unnamed = evaluate(
    workbook([
      stackedSheet("汇总", [
        { ...LOW_EXECUTION, name: null },
        { ...CUT_BUDGET, name: null },
      ]),
    ]),
  );

  it("are two subjects, by their 项目名称 lines", () => {
    // the second form starts after the first's 19 rows and a blank row: Excel row 21
    expect(named.subjects.map((s) => [s.subject.id, s.subject.name])).toEqual([
      ["project:汇总!A3", "乡村道路养护"],
      ["project:汇总!A23", "公交运营补贴"],
    ]);
    expect(totals(named).map((t) => t.slice(1))).toEqual([
      [94.12, "优"],
      [97, "优"],
    ]);
    // the second form's adjustment row 年度资金总额 at Excel row 26, 其中 at 27
    expect(rulesOf(named.subjects[1])).toEqual(["BUDGET_ADJUSTMENT_RATE 汇总!D27"]);
    expect(rulesOf(named.subjects[0])).toEqual(["BUDGET_EXECUTION_LOW 汇总!G6"]);
  });

  it("are two subjects without 项目名称 lines too (a budget block below an indicator block), both named by the sheet", () => {
    expect(unnamed.subjects.map((s) => [s.subject.id, s.subject.name])).toEqual([
      ["project:汇总!A1", "汇总"],
      ["project:汇总!A20", "汇总"],
    ]);
    expect(totals(unnamed).map((t) => t.slice(1))).toEqual([
      [94.12, "优"],
      [97, "优"],
    ]);
  });
});

describe("a project without a cover", () => {
  it("names a form without a 项目名称 line by its sheet", () => {
    const e = evaluate(workbook([projectSheet("道路", { ...ZERO_TOTAL, name: null })]));
    expect(e.subjects.map((s) => [s.subject.id, s.subject.name, s.scores[0].total.score])).toEqual([
      ["project:道路", "道路", 87],
    ]);
  });
});

describe("thirty project 自评表 beside the department", () => {
  // the department's four sheets (the sample: 85.54 → 良) then 项目1 … 项目30 cycling through the three
  // forms: i % 3 = 0 → 8 + 49.12 + 27 + 10 = 94.12 优, 1 → 0 + 50 + 27 + 10 = 87 良, 2 → 10 + 50 + 27 + 10 = 97 优
  const forms = Array.from({ length: 30 }, (_, i) => PROJECT_FORMS[i % 3]);
  const e = evaluate(projectsWorkbook(forms, { department: true }));
  const alone = evaluate(projectsWorkbook([], { department: true }));

  it("scores the department and thirty projects, each from its own tables", () => {
    expect(e.subjects).toHaveLength(31);
    expect(totals(e)[0]).toEqual(["平顶山市石龙区高庄街道办事处", 85.54, "良"]);
    const expected = [
      [94.12, "优"],
      [87, "良"],
      [97, "优"],
    ];
    e.subjects.slice(1).forEach((s, i) => {
      expect(s.subject.sheets).toEqual([`项目${String(i + 1)}`]);
      expect([s.scores[0].total.score, s.scores[0].total.grade]).toEqual(expected[i % 3]);
    });
    for (const s of e.subjects) ownSheetsOnly(s);
  });

  it("adds nothing to the department's findings and no weights error anywhere", () => {
    // the department's findings are what it gets alone; the projects add 10 + 10 + 10 of their own
    expect(e.subjects[0].findings).toEqual(alone.findings);
    expect(e.findings).toHaveLength(alone.findings.length + 30);
    expect(e.findings.some((f) => f.rule.startsWith("WEIGHTS"))).toBe(false);
    // the department's 执行率 stays 667.92 / 552.45 = 120.90%
    expect(e.metrics.departmentExecution?.value).toBeCloseTo(667.92 / 552.45, 6);
  });

  it("names budget rows by their own labels in every project's messages", () => {
    const messages = e.subjects.slice(1).flatMap((s) => s.findings.map((f) => renderMessage(f, "zh-CN")));
    // 项目1, 4, … 28: 年度资金总额 80 / 100 = 80.00%; 项目3, 6, … 30: 年度资金总额 130 − 200 = −70.00 (−35.00%)
    expect(
      messages.filter((m) => m.includes("年度资金总额执行率80.00%（支出80.00万元，预算100.00万元）")),
    ).toHaveLength(10);
    expect(
      messages.filter((m) => m.includes("年度资金总额预算调整-70.00万元，预算调整率-35.00%")),
    ).toHaveLength(10);
    for (const m of messages) expect(m).not.toMatch(/[：、]—|^—|（—/);
  });
});
