/** The perf-eval command line end to end on the sample workbook and on small hand-built ones: the scored
 *  copy's cells read back with ExcelJS, the JSON report, repeatability, exit codes 0/1/2, keeping a
 *  chart and a pivot table, and the compiled bin. */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main, type Io } from "../../src/cli/main";
import type { CellValue } from "../../src/engine/types";
import { openWorkbookFile } from "../../src/host/xlsx/open";
import JSZip from "jszip";
import { withChart, withPivotPart } from "../host/xlsx-fixtures";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "examples", "gaozhuang-2023.xlsx");

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-cli-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function load(target: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(target);
  return wb;
}

/** The row (1-based) whose column `col` text equals `label`. */
function rowOf(ws: ExcelJS.Worksheet, col: number, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === label) return r;
  throw new Error(`no row "${label}" in ${ws.name}`);
}

function numberAt(ws: ExcelJS.Worksheet, r: number, c: number): number {
  const { value } = ws.getCell(r, c);
  expect(typeof value).toBe("number");
  return value as number;
}

function allValues(ws: ExcelJS.Worksheet): CellValue[] {
  const out: CellValue[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void out.push(JSON.stringify(cell.value))));
  return out;
}

describe("perf-eval score on the sample workbook", () => {
  const out = () => file("scored.xlsx");
  const json = () => file("report.json");
  let first: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    first = await run("score", SAMPLE, "--out", out(), "--json", json());
  });

  it("exits 0 and prints total, grade, levels, metrics and findings by category (zh-CN)", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("总分 85.54 / 100，等级：良");
    expect(first.stdout).toMatch(/管理效率\s+30\s+20\.34\s+67\.80%/);
    expect(first.stdout).toMatch(/履职效能\s+40\s+38\.00\s+95\.00%/);
    expect(first.stdout).toContain("预算执行率 120.90%");
    expect(first.stdout).toContain("预算调整率 20.90%");
    expect(first.stdout).toContain("【预决算管理】");
    expect(first.stdout).toMatch(/\[错误\] 预算执行!\S+ /);
    expect(first.stdout).toContain("问题汇总表");
  });

  it("writes the scores into the copy: 得分 2.91 for 预算执行率, 得分率, 执行率 1.209 as 0.00%", async () => {
    const wb = await load(out());
    const ind = wb.getWorksheet("指标评分")!;
    const r = rowOf(ind, 3, "预算执行率");
    expect(numberAt(ind, r, 9)).toBe(2.91);
    expect(numberAt(ind, r, 10)).toBeCloseTo(2.91 / 5, 10);
    expect(ind.getCell(r, 10).numFmt).toBe("0.00%");
    expect(numberAt(ind, rowOf(ind, 3, "预算调整率"), 9)).toBe(0.5);
    expect(numberAt(ind, rowOf(ind, 3, "人居环境整治达标村（社区）数"), 9)).toBe(6);
    const budget = wb.getWorksheet("预算执行")!;
    const fiscal = rowOf(budget, 1, "财政拨款");
    expect(numberAt(budget, fiscal, 7)).toBeCloseTo(667.92 / 552.45, 5); // 1.209014…
    expect(budget.getCell(fiscal, 7).numFmt).toBe("0.00%");
    expect(numberAt(budget, fiscal, 8)).toBeCloseTo(115.47 / 552.45, 5);
  });

  it("writes the total 85.54 and the grade 良 in the results block", async () => {
    const wb = await load(out());
    const ind = wb.getWorksheet("指标评分")!;
    const values: unknown[] = [];
    ind.eachRow((row) => row.eachCell((cell) => void values.push(cell.value)));
    expect(values).toContain(85.54);
    expect(values.some((v) => v === "良" || (typeof v === "string" && /等级[:：]?\s*良/.test(v)))).toBe(true);
    // The user's own entered scores are untouched.
    expect(numberAt(ind, rowOf(ind, 3, "资产管理规范性"), 9)).toBe(3.43);
  });

  it("changes no cell of the input other than those its ledger says it wrote (values, formulas, styles)", async () => {
    const before = await load(SAMPLE);
    const after = await load(out());
    const { snapshot } = await openWorkbookFile(out());
    const written = new Set(snapshot.ledger!.entries.map((e) => `${e.sheet}!${e.address}`));
    let compared = 0;
    for (const ws of before.worksheets) {
      const other = after.getWorksheet(ws.name)!;
      for (let r = 1; r <= Math.max(ws.rowCount, other.rowCount); r++)
        for (let c = 1; c <= Math.max(ws.columnCount, other.columnCount); c++) {
          const { address, value, style } = ws.getCell(r, c);
          if (written.has(`${ws.name}!${address}`)) continue;
          const { value: nowValue, style: nowStyle } = other.getCell(r, c);
          expect({ at: `${ws.name}!${address}`, value: nowValue, style: nowStyle }).toEqual({
            at: `${ws.name}!${address}`,
            value,
            style,
          });
          compared++;
        }
      expect((other.model as { merges: string[] }).merges).toEqual((ws.model as { merges: string[] }).merges);
    }
    expect(compared).toBeGreaterThan(500);
    expect(written.size).toBeGreaterThan(20);
  });

  it("adds the summary sheet and keeps every input sheet", async () => {
    const wb = await load(out());
    const names = wb.worksheets.map((s) => s.name);
    for (const name of ["基本信息", "预算执行", "指标评分", "绩效目标", "管理情况"])
      expect(names).toContain(name);
    expect(names.some((n) => n.includes("汇总"))).toBe(true);
  });

  it("writes a JSON report with total 85.54 / 良, levels, metrics and findings, and no NaN or Infinity", async () => {
    const textJson = await fs.readFile(json(), "utf8");
    expect(textJson).not.toMatch(/NaN|Infinity/);
    const report = JSON.parse(textJson);
    expect(report.total.score).toBe(85.54);
    expect(report.total.max).toBe(100);
    expect(report.total.grade).toBe("良");
    expect(report.levels).toHaveLength(5);
    expect(report.levels[0]).toMatchObject({ name: "管理效率", score: 20.34 });
    expect(Array.isArray(report.findings)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(5);
    for (const f of report.findings) expect(typeof f.message).toBe("string");
    expect(Array.isArray(report.tables)).toBe(true);
    expect(Array.isArray(report.notChecked)).toBe(true);
    expect(JSON.stringify(report.metrics)).toContain("1.209");
  });

  it("gives the same values when run on its own output (repeatable)", async () => {
    const again = await run(
      "score",
      out(),
      "--out",
      file("scored-again.xlsx"),
      "--json",
      file("report-again.json"),
    );
    expect(again.code).toBe(0);
    const a = await load(out());
    const b = await load(file("scored-again.xlsx"));
    for (const name of ["预算执行", "指标评分", "绩效目标", "管理情况"])
      expect(allValues(b.getWorksheet(name)!)).toEqual(allValues(a.getWorksheet(name)!));
    const r1 = JSON.parse(await fs.readFile(json(), "utf8"));
    const r2 = JSON.parse(await fs.readFile(file("report-again.json"), "utf8"));
    expect(r2.total).toEqual(r1.total);
    expect(r2.levels).toEqual(r1.levels);
    expect(r2.metrics).toEqual(r1.metrics);
    // The ledger of the second run still knows the cells were empty before the first run.
    const { snapshot } = await openWorkbookFile(file("scored-again.xlsx"));
    expect(snapshot.ledger!.entries.length).toBeGreaterThan(20);
    expect(snapshot.ledger!.entries.every((e) => e.previous === null)).toBe(true);
  });

  it("reports the same findings when run on its own output (its own results block is not user data)", async () => {
    const r1 = JSON.parse(await fs.readFile(json(), "utf8"));
    const again = await run("score", out(), "--json", "-");
    const r2 = JSON.parse(again.stdout);
    const key = (f: { rule: string; sheet: string; cell: string }) => `${f.rule}@${f.sheet}!${f.cell}`;
    expect(r2.findings.map(key)).toEqual(r1.findings.map(key));
  });

  it("never modifies the input file", async () => {
    const before = await fs.readFile(SAMPLE);
    await run("score", SAMPLE, "--out", file("scored-3.xlsx"));
    expect(await fs.readFile(SAMPLE)).toEqual(before);
  });
});

describe("perf-eval output channels and languages", () => {
  it("--json - prints only JSON on stdout and the summary on stderr", async () => {
    const r = await run("score", SAMPLE, "--json", "-");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.total.score).toBe(85.54);
    expect(r.stderr).toContain("总分 85.54");
  });

  it("--lang en-US prints the summary in English", async () => {
    const r = await run("score", SAMPLE, "--lang", "en-US");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Total 85.54 / 100");
    expect(r.stdout).toContain("Budget and final accounts");
    expect(r.stdout).not.toContain("总分");
  });

  it("--help and --version exit 0", async () => {
    expect(await run("--help")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("perf-eval score"),
    });
    expect(await run("--version")).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^perf-eval \d+\.\d+\.\d+/),
    });
    expect(await run("--help", "--lang", "en-US")).toMatchObject({
      stdout: expect.stringContaining("Usage"),
    });
  });
});

describe("perf-eval exit codes", () => {
  it("exits 1 with --fail-on when findings at that severity exist, 0 without", async () => {
    expect((await run("score", SAMPLE, "--fail-on", "error")).code).toBe(1);
    expect((await run("score", SAMPLE, "--fail-on", "warning")).code).toBe(1);
    expect((await run("score", SAMPLE)).code).toBe(0);
  });

  it("exits 0 with --fail-on error when there is no error finding", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").getCell("A1").value = "本工作簿没有任何评价表格";
    const plain = file("plain.xlsx");
    await wb.xlsx.writeFile(plain);
    const r = await run("score", plain, "--fail-on", "error", "--json", "-");
    const report = JSON.parse(r.stdout);
    expect(report.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
    expect(r.code).toBe(0);
  });

  it.each([
    [["score"], "请指定"],
    [["score", SAMPLE, "--bogus"], "--bogus"],
    [["score", SAMPLE, "--lang", "fr"], "--lang"],
    [["score", SAMPLE, "--fail-on", "sometimes"], "--fail-on"],
    [["score", SAMPLE, "--out", SAMPLE], "不能与输入文件相同"],
    [["score", SAMPLE, "extra.xlsx"], "extra.xlsx"],
    [["score", SAMPLE, "--json", SAMPLE], "--json"],
    [["rate", SAMPLE], "rate"],
    [[], "用法"],
  ])("exits 2 on bad arguments %j", async (argv, expected) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(expected);
  });

  it("exits 2 naming the file when the input is missing or not a workbook", async () => {
    const missing = file("missing.xlsx");
    const r = await run("score", missing);
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toContain(missing);
    const bogus = file("bogus.xlsx");
    await fs.writeFile(bogus, "not a zip");
    const r2 = await run("score", bogus);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(bogus);
  });

  it("exits 2 naming the bad setting of an invalid --config", async () => {
    const cfg = file("bad-config.json");
    await fs.writeFile(cfg, JSON.stringify({ thresholds: { executionLow: -1 }, colour: "red" }));
    const r = await run("score", SAMPLE, "--config", cfg);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("thresholds.executionLow");
    expect(r.stderr).toContain("colour");
    const broken = file("broken.json");
    await fs.writeFile(broken, "{ not json");
    const r2 = await run("score", SAMPLE, "--config", broken);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(broken);
  });

  it("uses a valid --config (grade lines) for the grade", async () => {
    const cfg = file("config.json");
    await fs.writeFile(
      cfg,
      JSON.stringify({
        grades: [
          { min: 85, label: "优" },
          { min: 60, label: "合格" },
          { min: 0, label: "不合格" },
        ],
      }),
    );
    const r = await run("score", SAMPLE, "--config", cfg, "--json", "-");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total.grade).toBe("优");
  });

  it("names a protected sheet whose outputs were not written, and still scores", async () => {
    const wb = await load(SAMPLE);
    await wb.getWorksheet("指标评分")!.protect("", {});
    const locked = file("sample-protected.xlsx");
    await wb.xlsx.writeFile(locked);
    const target = file("protected-scored.xlsx");
    const r = await run("score", locked, "--out", target);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/工作表“指标评分”受保护，其中 \d+ 个输出单元格未写入/);
    const back = await load(target);
    expect(back.getWorksheet("指标评分")!.getCell("I7").value).toBeNull(); // 预算执行率's 得分 stays empty
  });

  it("keeps a chart and a pivot table of the input in the scored copy, byte for byte", async () => {
    const input = file("sample-chart-pivot.xlsx");
    await fs.writeFile(input, await withPivotPart(await withChart(await fs.readFile(SAMPLE))));
    const target = file("chart-pivot-scored.xlsx");
    const r = await run("score", input, "--out", target);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const before = await JSZip.loadAsync(await fs.readFile(input));
    const after = await JSZip.loadAsync(await fs.readFile(target));
    for (const part of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/pivotTables/pivotTable1.xml",
    ])
      expect(await after.file(part)!.async("string")).toBe(await before.file(part)!.async("string"));
    // the scored sheet still points at its drawing
    expect(await after.file("xl/worksheets/sheet1.xml")!.async("string")).toContain(
      '<drawing r:id="rIdChart1"/>',
    );
    // --allow-loss is still accepted (nothing is lost either way)
    expect((await run("score", input, "--out", file("allowed.xlsx"), "--allow-loss")).code).toBe(0);
  });
});

describe("the compiled bin", () => {
  it("runs `node bin/perf-eval.js score examples/gaozhuang-2023.xlsx --json -` after build:cli", () => {
    // Type errors elsewhere do not stop tsc emitting; what matters here is that lib/cli runs.
    spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"],
      {
        cwd: ROOT,
        stdio: "pipe",
      },
    );
    const r = spawnSync(
      process.execPath,
      ["bin/perf-eval.js", "score", "examples/gaozhuang-2023.xlsx", "--json", "-"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.total).toMatchObject({ score: 85.54, grade: "良" });
    expect(r.stderr).toContain("总分 85.54");
  });

  it("scoring loads no report renderer: the docx package only when a report is asked for", () => {
    // Runs after the test above compiled lib/. Which packages does `score` load? (cache keys after main)
    const probe = `
      const { main } = require("./lib/cli/main.js");
      const quiet = () => {};
      main(["score", "examples/gaozhuang-2023.xlsx"], { stdout: quiet, stderr: quiet }).then(() => {
        const loaded = (name) => Object.keys(require.cache).some((k) => k.includes("/node_modules/" + name + "/"));
        process.stdout.write(JSON.stringify({ docx: loaded("docx"), exceljs: loaded("exceljs"), jszip: loaded("jszip") }));
      });`;
    const r = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(r.stdout)).toEqual({ docx: false, exceljs: false, jszip: false });
  });
});
