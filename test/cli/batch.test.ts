/** `perf-eval score <folder> --out-dir …` over a temporary folder of good and bad files: every good file
 *  scored (the sample 85.54 良; the three 自评表 forms 94.12 优, 87 良, 97 优 as worked out in
 *  test/engine/subjects.test.ts), every bad one a row naming it and why, the summary workbook read back
 *  (frozen header, auto-filter, links, the findings sheet), the JSON {files: […]}, nothing written into
 *  the input folder, the same output whatever the number of workers, exit codes, the progress output. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main, type Io } from "../../src/cli/main";
import { Progress, terminalSafe } from "../../src/cli/terminal";
import type { WorkbookSnapshot } from "../../src/engine/types";
import type { JsonReport } from "../../src/engine/report";
import { CUT_BUDGET, LOW_EXECUTION, PROJECT_FORMS, projectsWorkbook } from "../engine/fixtures/subjects";

jest.setTimeout(300_000);

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], tty = false): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: tty,
    columns: 100,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A snapshot as an .xlsx (values and merges; what the engine reads). */
async function writeSnapshot(snapshot: WorkbookSnapshot, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of snapshot.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null) ws.getCell(sheet.top + r + 1, sheet.left + c + 1).value = v as ExcelJS.CellValue;
      }),
    );
    for (const m of sheet.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  }
  await wb.xlsx.writeFile(file);
}

/** Every file under `dir` with its size and modification time. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await fs.readdir(dir, { recursive: true })).sort()) {
    const stat = await fs.stat(path.join(dir, name));
    out.push(`${name} ${stat.isFile() ? stat.size : "dir"} ${stat.mtimeMs}`);
  }
  return out;
}

let root: string;
let input: string;
const at = (...p: string[]) => path.join(root, ...p);

/** The entries of the folder in path order, as the batch lists them. */
const ORDER = [
  ".~lock.projects.xlsx#",
  "corrupt.xlsx",
  "dup-names.xlsx",
  "empty.xlsx",
  "gaozhuang.xlsx",
  "locked.xlsx",
  "notes.txt",
  "old.xls",
  "projects.xlsx",
  "sub/dept.xlsx",
  "~$gaozhuang.xlsx",
];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-batch-test-"));
  input = at("in");
  await fs.mkdir(path.join(input, "sub"), { recursive: true });
  const sample = await fs.readFile(SAMPLE);
  await fs.writeFile(path.join(input, "gaozhuang.xlsx"), sample);
  await writeSnapshot(projectsWorkbook(PROJECT_FORMS), path.join(input, "projects.xlsx"));
  // two 自评表 named 乡村道路养护 on two sheets
  await writeSnapshot(projectsWorkbook([LOW_EXECUTION, LOW_EXECUTION]), path.join(input, "dup-names.xlsx"));
  await writeSnapshot(
    projectsWorkbook([CUT_BUDGET], { department: true }),
    path.join(input, "sub", "dept.xlsx"),
  );
  // a truncated zip, a zero-byte file, a password-protected workbook (an OLE compound file with the
  // EncryptionInfo and EncryptedPackage streams), a legacy .xls, lock files, a text file
  await fs.writeFile(path.join(input, "corrupt.xlsx"), sample.subarray(0, Math.floor(sample.length / 2)));
  await fs.writeFile(path.join(input, "empty.xlsx"), "");
  const ole = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  Buffer.from("EncryptionInfo", "utf16le").copy(ole, 1024);
  Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1152);
  await fs.writeFile(path.join(input, "locked.xlsx"), ole);
  const xls = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
  await fs.writeFile(path.join(input, "old.xls"), xls);
  await fs.writeFile(path.join(input, "~$gaozhuang.xlsx"), "owner");
  await fs.writeFile(path.join(input, ".~lock.projects.xlsx#"), "owner");
  await fs.writeFile(path.join(input, "notes.txt"), "说明");
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("a batch over a folder of good and bad files", () => {
  let before: string[];
  let first: Run;
  let json: {
    files: { path: string; status: string; error?: string; output?: string; report?: JsonReport }[];
  };

  beforeAll(async () => {
    before = await listing(input);
    first = await run([
      "score",
      input,
      "--out-dir",
      at("out"),
      "--summary",
      at("汇总.xlsx"),
      "--json",
      at("report.json"),
      "--jobs",
      "2",
      "--report",
    ]);
    json = JSON.parse(await fs.readFile(at("report.json"), "utf8"));
  });

  it("exits 0 and prints one line per file, in path order", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split("\n");
    expect(lines.slice(0, ORDER.length).map((l) => l.replace(/^\[\d+\/11\] (.*?) — .*$/, "$1"))).toEqual(
      ORDER,
    );
    expect(lines[4]).toBe("[5/11] gaozhuang.xlsx — 总分 85.54 / 100，良；错误 3，警告 11");
    expect(lines[8]).toBe("[9/11] projects.xlsx — 3 个评价对象；错误 1，警告 2");
    expect(lines[ORDER.length]).toBe(`已评分 4 个文件，未评分 3 个，跳过 4 个；评分副本在 ${at("out")}`);
  });

  it("writes every scored copy and report under --out-dir by its relative path, nothing into the input folder", async () => {
    expect(await listing(input)).toEqual(before);
    const written = (await fs.readdir(at("out"), { recursive: true })).sort();
    expect(written).toEqual(
      [
        "dup-names-乡村道路养护-2.docx",
        "dup-names-乡村道路养护.docx",
        "dup-names.xlsx",
        "gaozhuang.docx",
        "gaozhuang.xlsx",
        "projects-公交运营补贴.docx",
        "projects-乡村道路养护.docx",
        "projects-桥梁维修.docx",
        "projects.xlsx",
        "sub",
        "sub/dept-公交运营补贴.docx",
        "sub/dept-平顶山市石龙区高庄街道办事处.docx",
        "sub/dept.xlsx",
      ].sort(),
    );
  });

  it("writes the JSON {files: […]} in path order: each scored file's report, each bad one's reason", () => {
    expect(json.files.map((f) => [path.relative(input, f.path).split(path.sep).join("/"), f.status])).toEqual(
      [
        [".~lock.projects.xlsx#", "skipped"],
        ["corrupt.xlsx", "failed"],
        ["dup-names.xlsx", "scored"],
        ["empty.xlsx", "failed"],
        ["gaozhuang.xlsx", "scored"],
        ["locked.xlsx", "failed"],
        ["notes.txt", "skipped"],
        ["old.xls", "skipped"],
        ["projects.xlsx", "scored"],
        ["sub/dept.xlsx", "scored"],
        ["~$gaozhuang.xlsx", "skipped"],
      ],
    );
    const error = (name: string) => json.files.find((f) => f.path.endsWith(name))?.error ?? "";
    expect(error("corrupt.xlsx")).toContain("文件不完整");
    expect(error("corrupt.xlsx")).toContain("corrupt.xlsx");
    expect(error("empty.xlsx")).toContain("不是 .xlsx 工作簿");
    expect(error("locked.xlsx")).toContain("打开密码");
    expect(error("old.xls")).toContain(".xls");
    expect(error("~$gaozhuang.xlsx")).toContain("锁定文件");
    expect(error(".~lock.projects.xlsx#")).toContain("锁定文件");
    expect(error("notes.txt")).toBe("不是工作簿");
    const report = (name: string) => json.files.find((f) => f.path.endsWith(name))?.report as JsonReport;
    expect(report("gaozhuang.xlsx").total).toMatchObject({ score: 85.54, grade: "良" });
    expect(report("projects.xlsx").overview.map((o) => [o.name, o.total, o.grade])).toEqual([
      ["乡村道路养护", 94.12, "优"],
      ["桥梁维修", 87, "良"],
      ["公交运营补贴", 97, "优"],
    ]);
    expect(json.files.filter((f) => f.status !== "scored").every((f) => f.report === undefined)).toBe(true);
  });

  it("gives two subjects with the same name distinct ids", () => {
    const dup = json.files.find((f) => f.path.endsWith("dup-names.xlsx"))?.report as JsonReport;
    expect(dup.subjects.map((s) => [s.id, s.name])).toEqual([
      ["project:项目1", "乡村道路养护"],
      ["project:项目2", "乡村道路养护"],
    ]);
  });

  it("writes the summary workbook: a row per subject and per bad file, every finding, frozen headers, filters, links", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("汇总.xlsx"));
    const [subjects, findings] = wb.worksheets;
    expect(subjects.name).toBe("评价对象");
    expect(findings.name).toBe("问题清单");
    const values = (ws: ExcelJS.Worksheet, r: number) =>
      (ws.getRow(r).values as ExcelJS.CellValue[])
        .slice(1)
        .map((v) => (v !== null && typeof v === "object" && "text" in v ? `link:${String(v.text)}` : v));
    expect(values(subjects, 1)).toEqual([
      "文件",
      "单位",
      "项目",
      "类型",
      "总分",
      "等级",
      "执行率",
      "调整率",
      "错误",
      "警告",
      "评分副本",
      "说明",
    ]);
    const rows = Array.from({ length: subjects.rowCount - 1 }, (_, i) => values(subjects, i + 2));
    // 11 entries: 7 unscored (one row each), dup-names 2, gaozhuang 1, projects 3, dept 2
    expect(rows).toHaveLength(15);
    expect(rows.map((r) => [r[0], r[2] ?? null, r[3]])).toEqual([
      [".~lock.projects.xlsx#", null, "跳过"],
      ["corrupt.xlsx", null, "未评分"],
      ["dup-names.xlsx", "乡村道路养护", "项目"],
      ["dup-names.xlsx", "乡村道路养护", "项目"],
      ["empty.xlsx", null, "未评分"],
      ["gaozhuang.xlsx", "平顶山市石龙区高庄街道办事处", "部门整体"],
      ["locked.xlsx", null, "未评分"],
      ["notes.txt", null, "跳过"],
      ["old.xls", null, "跳过"],
      ["projects.xlsx", "乡村道路养护", "项目"],
      ["projects.xlsx", "桥梁维修", "项目"],
      ["projects.xlsx", "公交运营补贴", "项目"],
      ["sub/dept.xlsx", "平顶山市石龙区高庄街道办事处", "部门整体"],
      ["sub/dept.xlsx", "公交运营补贴", "项目"],
      ["~$gaozhuang.xlsx", null, "跳过"],
    ]);
    const gaozhuang = rows[5];
    expect(gaozhuang.slice(4, 10)).toEqual([
      85.54,
      "良",
      json.files[4].report?.metrics?.departmentExecution?.value,
      json.files[4].report?.metrics?.departmentAdjustment?.value,
      3,
      11,
    ]);
    expect(gaozhuang[10]).toBe("link:gaozhuang.xlsx");
    expect(subjects.getCell(7, 11).hyperlink).toBe("out/gaozhuang.xlsx");
    expect(subjects.getCell(15, 11).hyperlink).toBe("out/sub/dept.xlsx");
    expect(String(rows[1][11])).toContain("文件不完整");
    expect(String(rows[6][11])).toContain("打开密码");
    expect(rows[9].slice(4, 6)).toEqual([94.12, "优"]);
    expect(rows[11].slice(4, 6)).toEqual([97, "优"]);
    for (const [ws, last] of [
      [subjects, "L"],
      [findings, "F"],
    ] as const) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      // the filter spans the header and every row written
      expect(ws.autoFilter).toBe(`A1:${last}${ws.rowCount}`);
      expect(ws.getCell(1, 1).font?.bold).toBe(true);
    }
    expect(subjects.getCell(7, 5).numFmt).toBe("0.00");
    expect(subjects.getCell(7, 7).numFmt).toBe("0.00%");
    expect(values(findings, 1)).toEqual(["文件", "项目", "级别", "类别", "问题", "单元格"]);
    const total = json.files.reduce((n, f) => n + (f.report?.findings.length ?? 0), 0);
    expect(findings.rowCount - 1).toBe(total);
    const projectRows = Array.from({ length: findings.rowCount - 1 }, (_, i) =>
      values(findings, i + 2),
    ).filter((r) => r[0] === "projects.xlsx");
    expect(projectRows.map((r) => [r[1], r[2], r[5]])).toEqual([
      ["乡村道路养护", "警告", "项目1!G6"],
      ["桥梁维修", "警告", "项目2!H6"],
      ["公交运营补贴", "错误", "项目3!D7"],
    ]);
  });

  it("writes the same files in the same order with one worker", async () => {
    const again = await run([
      "score",
      input,
      "--out-dir",
      at("out"),
      "--json",
      at("report-1.json"),
      "--jobs",
      "1",
      "--report",
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout.split("\n").slice(0, ORDER.length)).toEqual(
      first.stdout.split("\n").slice(0, ORDER.length),
    );
    expect(await fs.readFile(at("report-1.json"), "utf8")).toBe(await fs.readFile(at("report.json"), "utf8"));
  });

  it("exits 1 with --fail-on when a file has such a finding", async () => {
    const r = await run([
      "score",
      path.join(input, "projects.xlsx"),
      "--out-dir",
      at("out-fail"),
      "--fail-on",
      "error",
    ]);
    expect(r.code).toBe(1);
  });
});

describe("batch arguments and exit code 2", () => {
  it("exits 2 when no input could be read at all, each still listed", async () => {
    const bad = at("bad");
    await fs.mkdir(bad, { recursive: true });
    await fs.writeFile(path.join(bad, "empty.xlsx"), "");
    await fs.writeFile(path.join(bad, "~$x.xlsx"), "");
    const r = await run(["score", bad, "--out-dir", at("out-bad"), "--summary", at("bad.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("[1/2] empty.xlsx — 未评分：无法读取文件");
    expect(r.stdout).toContain("[2/2] ~$x.xlsx — 跳过：Excel/WPS 的临时锁定文件");
    expect(r.stderr).toContain("没有任何文件能够读取和评分");
    // the summary still says why
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("bad.xlsx"));
    expect(wb.worksheets[0].rowCount).toBe(3);
  });

  it.each([
    [["--jobs", "0"], "--jobs"],
    [["--out", "x.xlsx"], "--out"],
    [["--report=r.docx"], "--report"],
    [["--json", "-"], "--json"],
    [["--summary", "s.csv"], ".xlsx"],
  ])("refuses %j with exit 2", async (extra, word) => {
    const r = await run(["score", SAMPLE, "--out-dir", at("out-args"), ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(word);
  });

  it("exits 2 for an empty folder, an --out-dir that is the input folder, and --summary without --out-dir", async () => {
    const empty = at("empty-folder");
    await fs.mkdir(empty, { recursive: true });
    let r = await run(["score", empty, "--out-dir", at("out-empty")]);
    expect([r.code, r.stderr]).toEqual([2, "perf-eval：没有找到要评分的文件。\n"]);
    r = await run(["score", input, "--out-dir", input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("就是输入文件夹");
    r = await run(["score", SAMPLE, "--summary", at("s.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--summary 只用于批量评分");
    r = await run(["score", SAMPLE, SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out-dir");
  });
});

describe("what reaches the terminal", () => {
  it("terminalSafe strips C0/C1 controls, escape sequences and bidi overrides, keeping the text", () => {
    expect(terminalSafe("a\x1b[31mred\x1b[0m b")).toBe("ared b");
    expect(terminalSafe("t\x1b]0;owned\x07itle")).toBe("title");
    expect(terminalSafe("x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y")).toBe("xlinky");
    expect(terminalSafe("a\x9b2Jb\x85c\x00d\x7fe")).toBe("abcde");
    expect(terminalSafe("line1\nline2\tend\r")).toBe("line1 line2 end ");
    expect(terminalSafe("名\u202e称.xlsx")).toBe("名称.xlsx");
    expect(terminalSafe("乡村道路养护 85.54%")).toBe("乡村道路养护 85.54%");
  });

  it("a file named with escape sequences is printed without them", async () => {
    const dir = at("evil");
    await fs.mkdir(dir, { recursive: true });
    await fs.copyFile(SAMPLE, path.join(dir, "a\x1b]0;pwned\x07\x1b[2Jb.xlsx"));
    const r = await run(["score", dir, "--out-dir", at("out-evil")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[1/1] ab.xlsx — 总分 85.54 / 100");
    // eslint-disable-next-line no-control-regex
    expect(r.stdout + r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });

  it("draws the bar on standard error only on a terminal; plain lines otherwise", async () => {
    const plain = await run(["score", SAMPLE, "--out-dir", at("out-tty")], false);
    expect(plain.stderr).toBe("");
    const tty = await run(["score", SAMPLE, "--out-dir", at("out-tty")], true);
    expect(tty.code).toBe(0);
    expect(tty.stdout).toBe(plain.stdout);
    expect(tty.stderr).toContain("\r\x1b[K[");
    expect(tty.stderr).toContain("gaozhuang-2023.xlsx");
    expect(tty.stderr.endsWith("\r\x1b[K")).toBe(true);
  });

  it("Progress: done/total, current file, elapsed and ETA; lines in order whatever the finishing order", () => {
    let out = "";
    let err = "";
    let now = 0;
    const io = {
      stdout: (s: string) => void (out += s),
      stderr: (s: string) => void (err += s),
      isTTY: true,
      columns: 80,
    };
    const p = new Progress(io, 4, { eta: "剩余" }, () => now);
    p.started("a.xlsx");
    now = 10_000;
    p.finished(1, "line 2");
    expect(out).toBe("");
    // 1 of 4 done in 10 s: 30 s left
    expect(p.bar()).toMatch(/^\[#+-+\] 1\/4 0:10 剩余 0:30 a\.xlsx$/);
    p.finished(0, "line 1");
    expect(out).toBe("line 1\nline 2\n");
    p.started("sub/\x1b[31md.xlsx");
    expect(p.bar()).toMatch(/ sub\/d\.xlsx$/);
    p.end();
    expect(err.endsWith("\r\x1b[K")).toBe(true);
    let plainErr = "";
    const plain = new Progress(
      { stdout: () => undefined, stderr: (s) => void (plainErr += s), isTTY: false },
      2,
      { eta: "ETA" },
    );
    plain.started("a");
    plain.finished(0, "x");
    plain.end();
    expect(plainErr).toBe("");
  });
});

describe("single-file score with several subjects", () => {
  it("prints one line per subject", async () => {
    const r = await run(["score", path.join(input, "projects.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("各评价对象（3 个）：");
    expect(r.stdout).toContain("  乡村道路养护（项目1）：94.12 / 100，优；错误 0，警告 1");
    expect(r.stdout).toContain("  桥梁维修（项目2）：87.00 / 100，良；错误 0，警告 1");
    expect(r.stdout).toContain("  公交运营补贴（项目3）：97.00 / 100，优；错误 1，警告 0");
  });
});
