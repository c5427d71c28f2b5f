/** `perf-eval report` and `score --report`: the .docx written (and read back), and the refusals. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main, type Io } from "../../src/cli/main";
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
