/** buildReportFile: the sample's report as .docx bytes from the in-memory Excel, or `blocked` where
 *  Office cannot download from the pane (Mac, iPad) — decided by the host from Office.context.platform.
 *  buildReportFiles (the command line's): every subject's report, the department's first. */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { resolveConfig } from "../../src/engine/config";
import { evaluate } from "../../src/engine/evaluate";
import { createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import { memoryWorkbookFromExcelJS } from "../../src/host/memory/xlsx";
import { createOfficeHost } from "../../src/host/office/host";
import { buildReportFile, buildReportFiles, inspectWorkbook, type DocxRenderer } from "../../src/usecases";
import { PROJECT_FORMS, projectsWorkbook } from "../engine/fixtures/subjects";
import { readDocx } from "../report/docx-text";

jest.setTimeout(60_000);

async function hostOn(platform: string | null) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(__dirname, "../../examples/gaozhuang-2023.xlsx"));
  const wb = memoryWorkbookFromExcelJS(book);
  return createOfficeHost(createExcelApi(wb), {
    isSetSupported: (s, v) => isSetSupportedBy(wb, s, v),
    platform,
  });
}

describe("buildReportFile", () => {
  it("builds the sample's .docx on Windows and on the web", async () => {
    for (const platform of ["PC", "OfficeOnline", null]) {
      const host = await hostOn(platform);
      const evaluation = await inspectWorkbook(host, resolveConfig());
      const file = await buildReportFile(host, evaluation, "zh-CN");
      if (file.kind !== "file") throw new Error(`blocked on ${platform}`);
      expect(file.fileName).toBe("2023年度平顶山市石龙区高庄街道办事处部门整体绩效评价报告.docx");
      expect(file.placeholders).toBe(5);
      const doc = await readDocx(file.bytes);
      expect(doc.tableRows.at(-1)).toEqual(["合计", "100", "85.54", "85.54%"]);
    }
  });

  it("says blocked on Office for Mac and iPad, without building anything", async () => {
    for (const platform of ["Mac", "iOS"]) {
      const host = await hostOn(platform);
      const evaluation = await inspectWorkbook(host, resolveConfig());
      expect(await buildReportFile(host, evaluation, "zh-CN")).toEqual({ kind: "blocked" });
    }
  });
});

describe("buildReportFiles", () => {
  it("renders every subject's report, the department's first, with the format given", async () => {
    const evaluation = evaluate(projectsWorkbook(PROJECT_FORMS, { department: true }), resolveConfig());
    const seen: unknown[] = [];
    const render: DocxRenderer = async (model, options) => {
      seen.push(options);
      return new TextEncoder().encode(model.name ?? "");
    };
    const margins = { top: 30, bottom: 30, left: 25, right: 25 };
    const files = await buildReportFiles(evaluation, "zh-CN", {
      format: { margins },
      renderer: () => render,
    });
    const subjects = evaluation.subjects ?? [];
    expect(files.map((f) => f.subject?.kind)).toEqual(["department", "project", "project", "project"]);
    expect(files.map((f) => f.subject?.id).sort()).toEqual(subjects.map((s) => s.subject.id).sort());
    expect(files.slice(1).map((f) => f.name)).toEqual(PROJECT_FORMS.map((f) => f.name));
    for (const f of files) expect(new TextDecoder().decode(f.bytes)).toBe(f.name);
    expect(seen).toEqual(files.map(() => ({ margins })));
  });

  it("loads the real renderer by default", async () => {
    const evaluation = evaluate(projectsWorkbook(PROJECT_FORMS.slice(0, 1)), resolveConfig());
    const [file, ...rest] = await buildReportFiles(evaluation, "en-US");
    expect(rest).toEqual([]);
    expect(file.fileName).toMatch(/\.docx$/);
    expect((await readDocx(file.bytes)).headings1.length).toBeGreaterThan(0);
  });
});
