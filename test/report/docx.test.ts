/**
 * The report's .docx read back (word/document.xml): the sample's five sections in order, its score table,
 * the number-driven sentences, the problems with their 政策依据 and the recommendations one group per
 * problem group; a project 自评表; a department without a budget table. Numbers are worked out here.
 */
import { PROJECTS_WITHOUT_TIMELINESS } from "../../examples/source/gaozhuang-2023";
import { renderReportDocx } from "../../src/report/docx";
import { readDocx, type DocxText } from "./docx-text";
import { noBudgetModel, projectModel, sampleModel } from "./fixtures";

const model = sampleModel();
let doc: DocxText;
beforeAll(async () => {
  doc = await readDocx(await renderReportDocx(model));
});

const body = () => doc.paragraphs.join("\n");
const paragraphWith = (...parts: string[]) => doc.paragraphs.find((p) => parts.every((x) => p.includes(x)));

describe("the sample's report (高庄街道办事处 2023)", () => {
  it("has the title and the five section headings in order, then the appendix", () => {
    expect(doc.paragraphs[0]).toBe("2023年度平顶山市石龙区高庄街道办事处部门整体绩效评价报告");
    expect(doc.headings1.slice(0, 5)).toEqual([
      "一、基本情况",
      "二、综合评价结论",
      "三、主要成效",
      "四、存在问题",
      "五、有关建议",
    ]);
    // The product's notes (rate cells left blank and why) come after the five sections.
    expect(doc.headings1.slice(5)).toEqual(["附：数据检查说明"]);
    const appendix = body().slice(body().indexOf("附：数据检查说明"));
    expect(appendix).toContain("政府性基金（G5）：无实际支出数或决算数");
    expect(doc.headings2.slice(0, 5)).toEqual([
      "（一）部门概况",
      "（二）部门预决算情况",
      "（三）重点工作完成情况",
      "（一）综合评价情况",
      "（二）评价结论",
    ]);
  });

  it("has the score table as a Word table with a header row", () => {
    // 20.34 / 30 = 67.80%; 38 / 40 = 95.00%; 5 / 5; 14.2 / 15 = 94.67%; 8 / 10; 85.54 / 100.
    expect(doc.headerRows).toEqual([true]);
    expect(doc.tableRows).toEqual([
      ["一级指标", "分值", "得分", "得分率"],
      ["管理效率", "30", "20.34", "67.80%"],
      ["履职效能", "40", "38", "95.00%"],
      ["运行成本", "5", "5", "100.00%"],
      ["社会效应", "15", "14.20", "94.67%"],
      ["可持续发展能力", "10", "8", "80.00%"],
      ["合计", "100", "85.54", "85.54%"],
    ]);
  });

  it("concludes 85.54分, 良, in the department's words", () => {
    const p = paragraphWith("最终得分为85.54分");
    expect(p).toContain("该部门最终得分为85.54分");
    expect(p).toContain("绩效评价结果等级为“良”");
    expect(p).toContain("【请填写：评价依据文件名称及文号】");
  });

  it("writes the revenue and expenditure sentences from the budget and structure tables", () => {
    // 财政拨款: 年初 552.45, 调整后 552.45, 决算 667.92; 667.92 / 552.45 = 1.20901… → 120.90% (both).
    const income = paragraphWith("收入方面：");
    expect(income).toMatch(
      /^收入方面：2023年度平顶山市石龙区高庄街道办事处财政拨款年初预算数552\.45万元，调整预算数552\.45万元/,
    );
    expect(income).toContain("决算收入667.92万元，完成调整预算数的120.90%，完成年初预算数的120.90%。");
    // 552.45 + 115.47 = 667.92 ≠ the 552.45 entered: the draft says so instead of repeating the seed's error.
    expect(income).toContain("年初预算数加调整数115.47万元应为667.92万元");
    // 支出结构: 471.17 + 196.75 = 667.92; 667.92 / 552.45 → 120.90%.
    expect(paragraphWith("支出方面：")).toBe(
      "支出方面：2023年度部门决算支出共计667.92万元，完成调整预算数的120.90%，完成年初预算数的120.90%。包括基本支出471.17万元，项目支出196.75万元。",
    );
  });

  it("states the 调整率 20.90% and the 决算 667.92 vs 994.07 problems with their 政策依据", () => {
    // 115.47 / 552.45 = 0.20901… → 20.90%; 年初 939.45 = 552.45 + 387.00; 支出 994.07 = 667.92 + 326.15.
    const i = doc.paragraphs.findIndex((p) => p.includes("预算调整率20.90%"));
    expect(doc.paragraphs[i]).toContain(
      "年初预算数为939.45万元，其中财政拨款552.45万元，政府性基金387.00万元",
    );
    expect(doc.paragraphs[i]).toContain("全年支出数为994.07万元，其中财政拨款667.92万元，单位资金326.15万元");
    expect(doc.paragraphs[i]).toContain("财政拨款预算调增115.47万元，预算调整率20.90%");
    expect(doc.paragraphs[i + 1]).toMatch(/^政策依据：《中华人民共和国预算法》第三十二条/);
    const j = doc.paragraphs.findIndex((p) => p.includes("全部支出为994.07万元"));
    expect(doc.paragraphs[j]).toContain(
      "平顶山市石龙区高庄街道办事处2023年全部支出为994.07万元，决算支出为667.92万元，未将部门全部资金纳入决算公开。",
    );
    expect(doc.paragraphs[j + 1]).toMatch(/^政策依据：.*第七十五条.*第八十三条/);
    expect(doc.paragraphs[j + 2]).toBe("数据位置：预算执行!E7");
  });

  it("names the ten projects lacking 时效指标", () => {
    const p = paragraphWith("均未设置“时效指标”");
    expect(p).toContain("以下10个项目");
    expect(PROJECTS_WITHOUT_TIMELINESS).toHaveLength(10);
    for (const name of PROJECTS_WITHOUT_TIMELINESS) expect(p).toContain(name);
  });

  it("gives one recommendation group per problem group, in the same order", () => {
    const h2 = doc.headings2;
    const problems = h2.slice(h2.indexOf("（二）评价结论") + 1);
    // 四 and 五 each number their groups from （一）: split where the numbering restarts.
    const restart = problems.findIndex((h, i) => i > 0 && h.startsWith("（一）"));
    const [four, five] = [problems.slice(0, restart), problems.slice(restart)];
    expect(four).toHaveLength(5);
    expect(five).toHaveLength(four.length);
    expect(model.problems.map((g) => g.category)).toEqual([
      "budget",
      "performance",
      "assets",
      "institutions",
      "duties",
    ]);
    expect(model.recommendations.map((g) => g.category)).toEqual(model.problems.map((g) => g.category));
    four.forEach((h, i) => expect(h.slice(0, 3)).toBe(five[i].slice(0, 3)));
  });

  it("keeps the product's notes out of 四、存在问题 and points to no file of ours", () => {
    const text = body();
    const four = text.slice(text.indexOf("四、存在问题"), text.indexOf("五、有关建议"));
    expect(four).not.toContain("未识别到");
    expect(four).not.toContain("主要失分指标");
    expect(text).not.toMatch(/docs\/|rules\.md|\.md\b/);
  });

  it("leaves no placeholder unmarked and no hole in a sentence", () => {
    const text = body() + doc.tableRows.flat().join("");
    expect(text).not.toMatch(/undefined|NaN|null|Infinity|\{|\}/);
    // Every 【 opens a 【请填写：…】 and every one of those is highlighted.
    const marks = text.match(/【[^】]*】/g) ?? [];
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m).toMatch(/^【请填写：.+】$/);
    expect([...doc.highlighted].sort()).toEqual([...marks].sort());
  });

  it("lays the page out as an official document: A4, 37/28 mm margins, fixed 28 pt lines, fonts, page numbers", () => {
    // A4 = 210 × 297 mm = 11906 × 16838 twips (1 mm = 56.692… twips); 37 mm → 2098, 28 mm → 1587.
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(doc.xml)?.[0] ?? "";
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(sect).toMatch(/w:top="2098"/);
    expect(sect).toMatch(/w:left="1587"/);
    expect(doc.xml.includes('w:line="560" w:lineRule="exact"')).toBe(true); // 28 pt × 20
    expect(doc.xml.includes('w:eastAsia="仿宋_GB2312"')).toBe(true);
    expect(doc.xml.includes('w:eastAsia="黑体"')).toBe(true);
    expect(doc.xml.includes('w:eastAsia="楷体_GB2312"')).toBe(true);
    expect(doc.xml.includes('w:eastAsia="方正小标宋简体"')).toBe(true);
    expect(doc.xml.includes('w:ascii="Times New Roman"')).toBe(true);
    expect(doc.xml.includes('<w:sz w:val="44"/>')).toBe(true); // 二号 22 pt
    expect(doc.xml.includes('<w:sz w:val="32"/>')).toBe(true); // 三号 16 pt
    expect(doc.footerXml).toMatch(/PAGE/);
  });

  it("takes other fonts and margins", async () => {
    const other = await readDocx(
      await renderReportDocx(model, { fonts: { body: "仿宋", heading2: "楷体" }, margins: { top: 30 } }),
    );
    expect(other.xml.includes('w:eastAsia="仿宋"')).toBe(true);
    expect(other.xml.includes("仿宋_GB2312")).toBe(false);
    expect(/<w:pgMar w:top="1701"/.test(other.xml)).toBe(true); // 30 mm × 1440 / 25.4 = 1700.8
  });
});

describe("a project 自评表 (乡村道路养护)", () => {
  it("speaks of the project and takes its total row", async () => {
    const d = await readDocx(await renderReportDocx(projectModel()));
    expect(d.paragraphs[0]).toBe("2023年度乡村道路养护项目绩效评价报告");
    expect(d.headings2.slice(0, 3)).toEqual(["（一）项目概况", "（二）项目资金情况", "（三）项目实施情况"]);
    // 年度资金总额: 年初 100, 全年预算 120, 执行 108; 108 / 120 = 90.00%.
    expect(d.paragraphs).toContain(
      "2023年度乡村道路养护年初预算数100.00万元，调整预算数120.00万元，全年执行数108.00万元，预算执行率90.00%。",
    );
    const conclusion = d.paragraphs.find((p) => p.includes("最终得分为"));
    expect(conclusion).toContain("该项目最终得分为");
    expect(conclusion).not.toContain("该部门");
    // Level rows: 预算执行 9/10 (108/120 × 10), 效益 27/30, 满意度 10/10; the total is their sum with 产出.
    const rows = d.tableRows;
    expect(rows[0]).toEqual(["一级指标", "分值", "得分", "得分率"]);
    expect(rows[1]).toEqual(["预算执行", "10", "9", "90.00%"]);
    expect(rows.at(-1)?.[0]).toBe("合计");
    expect(d.paragraphs.join("")).not.toContain("部门决算支出");
  });
});

describe("a department without a budget table", () => {
  it("leaves the budget sentences out and says why in the appendix", async () => {
    const m = noBudgetModel();
    const d = await readDocx(await renderReportDocx(m));
    const text = d.paragraphs.join("\n");
    expect(text).not.toContain("收入方面");
    expect(text).not.toContain("支出方面");
    expect(text).not.toContain("预算调整率20.90%");
    expect(text).not.toMatch(/0\.00万元|预算执行率为0/);
    // The heading stays, with a placeholder for the evaluator.
    const i = d.paragraphs.indexOf("（二）部门预决算情况");
    expect(d.paragraphs[i + 1]).toBe("【请填写：部门预决算情况】");
    const appendix = text.slice(text.indexOf("附：数据检查说明"));
    expect(appendix).toContain("未识别到预算执行表，收入、支出情况的句子未生成");
    // The score table and conclusion do not depend on the budget table.
    expect(d.tableRows.at(-1)?.[0]).toBe("合计");
  });
});
