/**
 * The command line scores through the use-cases the pane calls (issue 17): scoreFile runs loadSettings,
 * scoreWorkbook, insertSummarySheet (with --out) or inspectWorkbook (without: nothing applied, nothing
 * written) and buildReportFiles over the file's PatchHost; the copy holds what the pane's path leaves in
 * the in-memory Excel, the overwrite decision included; an unexpected error is still reported as the
 * command line's own (exit 2, Internal, with its stack), not in the pane's words.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { scoreFile } from "../../src/cli/score-file";
import { resolveConfig } from "../../src/engine/config";
import type { Evaluation } from "../../src/engine/types";
import { createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import { memoryWorkbookFromExcelJS } from "../../src/host/memory/xlsx";
import { createOfficeHost } from "../../src/host/office/host";
import { HostError } from "../../src/host/port";
import { openWorkbookFile } from "../../src/host/xlsx/open";
import { PatchHost } from "../../src/host/xlsx/patch-host";
import * as usecases from "../../src/usecases";

jest.setTimeout(60_000);

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-usecases-route-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  jest.restoreAllMocks();
});

function spies() {
  return {
    load: jest.spyOn(usecases, "loadSettings"),
    inspect: jest.spyOn(usecases, "inspectWorkbook"),
    score: jest.spyOn(usecases, "scoreWorkbook"),
    summary: jest.spyOn(usecases, "insertSummarySheet"),
    reports: jest.spyOn(usecases, "buildReportFiles"),
  };
}

describe("the command line goes through the use-cases", () => {
  it("scores --out with scoreWorkbook and insertSummarySheet over the file's PatchHost", async () => {
    const s = spies();
    const out = path.join(dir, "scored.xlsx");
    const report = path.join(dir, "报告.docx");
    const result = await scoreFile(SAMPLE, { lang: "zh-CN", allowLoss: false, out, report });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);

    expect(s.inspect).not.toHaveBeenCalled();
    expect(s.load).toHaveBeenCalledTimes(1);
    expect(s.score).toHaveBeenCalledTimes(1);
    const host = s.score.mock.calls[0][0];
    expect(host).toBeInstanceOf(PatchHost);
    expect(s.load.mock.calls[0][0]).toBe(host);
    const run = await s.score.mock.results[0].value;
    // the pane's settings: the defaults (the sample saves none)
    expect(s.score.mock.calls[0][1]).toEqual(resolveConfig());
    // the summary sheet of that run's evaluation, on the same host
    expect(s.summary).toHaveBeenCalledTimes(1);
    expect(s.summary.mock.calls[0][0]).toBe(host);
    expect(s.summary.mock.calls[0][1]).toBe(run.evaluation);
    const { sheet } = await s.summary.mock.results[0].value;
    // the line printed is the use-case's result
    expect(result.lines).toContain(
      `已写出评分副本 ${out}：写入 ${run.applied.written} 个单元格，标记 ${run.applied.marked} 处；问题汇总表“${sheet}”。`,
    );
    // the report from the same evaluation
    expect(s.reports).toHaveBeenCalledTimes(1);
    expect(s.reports.mock.calls[0][0]).toBe(run.evaluation);
    expect((await fs.stat(report)).size).toBeGreaterThan(1000);
  });

  it("scores without --out by inspectWorkbook alone: nothing applied, nothing written", async () => {
    const s = spies();
    const apply = jest.spyOn(PatchHost.prototype, "applyPlan");
    const insert = jest.spyOn(PatchHost.prototype, "insertSummary");
    const save = jest.spyOn(PatchHost.prototype, "save");
    const before = await fs.readdir(dir);
    const result = await scoreFile(SAMPLE, { lang: "zh-CN", allowLoss: false, keepReport: true });
    expect(result.exitCode).toBe(0);
    expect(s.inspect).toHaveBeenCalledTimes(1);
    expect(s.inspect.mock.calls[0][0]).toBeInstanceOf(PatchHost);
    const evaluation: Evaluation = await s.inspect.mock.results[0].value;
    expect(result.report?.total?.score).toBe(evaluation.scores[0].total.score);
    expect(s.score).not.toHaveBeenCalled();
    expect(s.summary).not.toHaveBeenCalled();
    expect(apply).not.toHaveBeenCalled();
    expect(insert).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    expect(await fs.readdir(dir)).toEqual(before);
  });

  it("leaves in the copy what the pane leaves in Excel, overwriteUserValues included", async () => {
    // a user's text where the plan puts 预算调整率's 得分率 (指标评分!J4)
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(SAMPLE);
    book.getWorksheet("指标评分")!.getCell("J4").value = "手填";
    const input = path.join(dir, "user-value.xlsx");
    await book.xlsx.writeFile(input);

    for (const overwrite of [false, true]) {
      const config = resolveConfig({ overwriteUserValues: overwrite });
      // the pane's path over the in-memory Excel
      const source = new ExcelJS.Workbook();
      await source.xlsx.readFile(input);
      const wb = memoryWorkbookFromExcelJS(source);
      const office = createOfficeHost(createExcelApi(wb), {
        isSetSupported: (s, v) => isSetSupportedBy(wb, s, v),
      });
      const pane = await usecases.scoreWorkbook(office, config);
      const inExcel = wb.sheet("指标评分").cells.get(3 * 16384 + 9)?.value;

      // the command line's
      const out = path.join(dir, `user-value-scored-${String(overwrite)}.xlsx`);
      const result = await scoreFile(input, { lang: "zh-CN", allowLoss: false, out, config });
      expect(result.error).toBeUndefined();
      const copy = (await openWorkbookFile(out)).snapshot.sheets.find((s) => s.name === "指标评分")!;
      const inCopy = copy.values[3 - copy.top][9 - copy.left];

      expect(inCopy).toBe(inExcel);
      expect(inCopy).toBe(overwrite ? 0.166667 : "手填");
      expect(result.lines).toContain(
        `已写出评分副本 ${out}：写入 ${pane.applied.written} 个单元格，标记 ${pane.applied.marked} 处；问题汇总表“问题汇总”。`,
      );
      // the user is told about a cell left alone, and only then
      expect(result.lines.includes("有 1 个输出单元格已有用户自己的数值或公式，未覆盖。")).toBe(!overwrite);
    }
  });

  it("reports an unexpected error as its own (Internal, with the stack), a host's as before", async () => {
    const out = path.join(dir, "never.xlsx");
    jest.spyOn(PatchHost.prototype, "applyPlan").mockRejectedValueOnce(new Error("boom"));
    const bug = await scoreFile(SAMPLE, { lang: "en-US", allowLoss: false, out });
    expect(bug).toMatchObject({ exitCode: 2, error: { code: "Internal", message: "Error: boom" } });
    expect(bug.error?.detail).toContain("boom");
    expect(bug.error?.detail).toMatch(/at /);

    jest
      .spyOn(PatchHost.prototype, "applyPlan")
      .mockRejectedValueOnce(new HostError("SyncFailed", "写入失败", "指标评分"));
    const host = await scoreFile(SAMPLE, { lang: "en-US", allowLoss: false, out });
    expect(host).toMatchObject({ exitCode: 2, error: { code: "WriteFailed", message: "写入失败" } });
    await expect(fs.stat(out)).rejects.toThrow();
  });
});
