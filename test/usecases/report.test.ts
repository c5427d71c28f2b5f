/** buildReportFile: the sample's report as .docx bytes from the in-memory Excel, or `blocked` where
 *  Office cannot download from the pane (Mac, iPad) — decided by the host from Office.context.platform. */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { resolveConfig } from "../../src/engine/config";
import { createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import { memoryWorkbookFromExcelJS } from "../../src/host/memory/xlsx";
import { createOfficeHost } from "../../src/host/office/host";
import { buildReportFile, inspectWorkbook } from "../../src/usecases";
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
