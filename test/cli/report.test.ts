/** `perf-eval report` and `score --report`: the .docx written (and read back), and the refusals. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main, type Io } from "../../src/cli/main";
import { reportPaths } from "../../src/cli/report";
import type { WorkbookSnapshot } from "../../src/engine/types";
import { PROJECT_FORMS, projectsWorkbook } from "../engine/fixtures/subjects";
import { readDocx } from "../report/docx-text";

jest.setTimeout(120_000);

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-report-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A snapshot written as an .xlsx (values and merges; fixtures only). */
async function writeSnapshot(snapshot: WorkbookSnapshot, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of snapshot.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== "") ws.getCell(sheet.top + r + 1, sheet.left + c + 1).value = v as never;
      }),
    );
    for (const m of sheet.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  }
  await wb.xlsx.writeFile(file);
}

describe("perf-eval report", () => {
  it("writes the sample's report and says how many placeholders are left", async () => {
    const out = path.join(dir, "报告.docx");
    const r = await run("report", SAMPLE, "--out", out);
    expect(r.code).toBe(0);
    // 部门概况, 重点工作, 综合评价, 评价依据, 主要成效: five placeholders.
    expect(r.stdout.trim()).toBe(`评价报告初稿已写入 ${out}（5 处【请填写】需评价人员补充）`);
    const doc = await readDocx(await fs.readFile(out));
    expect(doc.headings1.slice(0, 5)).toEqual([
      "一、基本情况",
      "二、综合评价结论",
      "三、主要成效",
      "四、存在问题",
      "五、有关建议",
    ]);
    expect(doc.tableRows.at(-1)).toEqual(["合计", "100", "85.54", "85.54%"]);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes it beside the summary with score --report, in English with --lang en-US", async () => {
    const out = path.join(dir, "report-en.docx");
    const r = await run("score", SAMPLE, "--report", out, "--lang", "en-US");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Total 85.54 / 100");
    expect(r.stdout).toContain(`Draft report written to ${out}`);
    const doc = await readDocx(await fs.readFile(out));
    expect(doc.headings1[0]).toBe("1. Basic information");
    expect(doc.paragraphs.join("\n")).toContain("120.90%");
  });

  it("refuses without --out, with a name not ending in .docx, or onto the input (exit 2, nothing written)", async () => {
    const none = await run("report", SAMPLE);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("请用 --out 指定评价报告（.docx）的文件名");
    const notDocx = await run("report", SAMPLE, "--out", path.join(dir, "a.xlsx"));
    expect(notDocx.code).toBe(2);
    expect(notDocx.stderr).toContain("应以 .docx 结尾");
    const onJson = await run(
      "score",
      SAMPLE,
      "--json",
      path.join(dir, "r.docx"),
      "--report",
      path.join(dir, "r.docx"),
    );
    expect(onJson.code).toBe(2);
    expect(onJson.stderr).toContain("--report 不能写到输入文件、--out 或 --json 文件");
  });

  it("names the file and the reason when the folder does not exist, in the user's language", async () => {
    const target = path.join(dir, "no-such-folder", "报告.docx");
    const zh = await run("report", SAMPLE, "--out", target);
    expect(zh.code).toBe(2);
    expect(zh.stderr.trim()).toBe(`perf-eval：无法写入“${target}”：所在文件夹不存在。未留下不完整的文件。`);
    const en = await run("report", SAMPLE, "--out", target, "--lang", "en-US");
    expect(en.stderr.trim()).toBe(
      `perf-eval: Cannot write “${target}”: its folder does not exist. No partial file was left.`,
    );
  });
});

describe("one report per subject", () => {
  it("names each subject's file after the path given, the department first; a name used twice is told apart", () => {
    expect(reportPaths(path.join("out", "报告.docx"), ["乡村道路养护"])).toEqual([
      path.join("out", "报告.docx"),
    ]);
    expect(reportPaths(path.join("out", "报告.docx"), ["部门整体", "桥梁/维修", "桥梁/维修"])).toEqual([
      path.join("out", "报告-部门整体.docx"),
      path.join("out", "报告-桥梁维修.docx"),
      path.join("out", "报告-桥梁维修-2.docx"),
    ]);
  });

  it("writes a report for each of three projects, each with only its own problems", async () => {
    const input = path.join(dir, "三个项目.xlsx");
    await writeSnapshot(projectsWorkbook(PROJECT_FORMS), input);
    const r = await run("report", input, "--out", path.join(dir, "项目报告.docx"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const names = ["乡村道路养护", "桥梁维修", "公交运营补贴"];
    for (const name of names) {
      const file = path.join(dir, `项目报告-${name}.docx`);
      expect(r.stdout).toContain(`评价报告初稿已写入 ${file}`);
      const doc = await readDocx(await fs.readFile(file));
      expect(doc.paragraphs[0]).toContain(`${name}项目绩效评价报告`);
      const body = doc.paragraphs.join("\n");
      for (const other of names.filter((n) => n !== name)) expect(body).not.toContain(other);
    }
    await expect(fs.access(path.join(dir, "项目报告.docx"))).rejects.toThrow();
  });
});
