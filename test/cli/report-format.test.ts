/**
 * The report's format from the command line: `--fonts gb2312|windows[,role=font…]` and `--margins
 * top,bottom,left,right` (mm) on `perf-eval report`, `score --report` and the batch's `--report`, read back
 * from word/document.xml (the page margins, in twips: mm × 1440 / 25.4) and word/styles.xml (the fonts).
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { main, type Io } from "../../src/cli/main";

jest.setTimeout(180_000);

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-report-format-"));
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

/** The page margins (twips) and the East Asian / Latin font names of a .docx. */
async function format(file: string) {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const document = await zip.file("word/document.xml")!.async("string");
  const styles = await zip.file("word/styles.xml")!.async("string");
  const pgMar = /<w:pgMar\b[^>]*\/>/.exec(document)?.[0] ?? "";
  const attr = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(pgMar)?.[1]);
  const fonts = (xml: string, kind: string) =>
    [...new Set([...xml.matchAll(new RegExp(`w:${kind}="([^"]+)"`, "g"))].map((m) => m[1]))].sort();
  return {
    margins: { top: attr("top"), bottom: attr("bottom"), left: attr("left"), right: attr("right") },
    styleEastAsia: fonts(styles, "eastAsia"),
    styleAscii: fonts(styles, "ascii"),
    documentEastAsia: fonts(document, "eastAsia"),
  };
}

describe("--fonts and --margins on perf-eval report", () => {
  it("default: 37, 35, 28, 26 mm and the GB2312 fonts", async () => {
    const out = path.join(dir, "默认.docx");
    expect((await run("report", SAMPLE, "--out", out)).code).toBe(0);
    const f = await format(out);
    // 37 × 1440 / 25.4 = 2097.6 → 2098; 35 → 1984.3 → 1984; 28 → 1587.4 → 1587; 26 → 1474.0 → 1474
    expect(f.margins).toEqual({ top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(f.styleEastAsia).toEqual(["仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "黑体"]);
  });

  it("--margins 30,25,20,15 --fonts windows,title=华文中宋,latin=Arial", async () => {
    const out = path.join(dir, "窗口.docx");
    const r = await run(
      "report",
      SAMPLE,
      "--out",
      out,
      "--margins",
      "30,25,20,15",
      "--fonts",
      "windows,title=华文中宋,latin=Arial",
    );
    expect(r.code).toBe(0);
    const f = await format(out);
    // 30 → 1700.8 → 1701; 25 → 1417.3 → 1417; 20 → 1133.9 → 1134; 15 → 850.4 → 850
    expect(f.margins).toEqual({ top: 1701, bottom: 1417, left: 1134, right: 850 });
    // windows: 仿宋 body, 楷体 heading2; 黑体 heading1 kept; title and Latin as given
    expect(f.styleEastAsia).toEqual(["仿宋", "华文中宋", "楷体", "黑体"]);
    expect(f.styleAscii).toEqual(["Arial"]);
    expect(f.documentEastAsia).not.toContain("仿宋_GB2312");
    expect(f.documentEastAsia).toContain("仿宋");
  });

  it("Chinese role names: --fonts gb2312,正文=仿宋,页码=Times New Roman", async () => {
    const out = path.join(dir, "角色.docx");
    expect(
      (await run("report", SAMPLE, "--out", out, "--fonts", "gb2312,正文=仿宋,页码=Times New Roman")).code,
    ).toBe(0);
    const f = await format(out);
    expect(f.styleEastAsia).toEqual(["仿宋", "方正小标宋简体", "楷体_GB2312", "黑体"]);
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const footer = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n))!;
    expect(await zip.file(footer)!.async("string")).toContain('w:eastAsia="Times New Roman"');
  });
});

describe("--fonts and --margins on score --report and the batch's --report", () => {
  it('score --report: 30 mm top → w:top="1701", 仿宋 body', async () => {
    const out = path.join(dir, "score.docx");
    const r = await run("score", SAMPLE, "--report", out, "--margins", "30,35,28,26", "--fonts", "windows");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("85.54");
    const f = await format(out);
    expect(f.margins).toEqual({ top: 1701, bottom: 1984, left: 1587, right: 1474 });
    expect(f.styleEastAsia).toEqual(["仿宋", "方正小标宋简体", "楷体", "黑体"]);
  });

  it("batch --report: every report in the format asked for", async () => {
    const outDir = path.join(dir, "batch");
    const r = await run(
      "score",
      SAMPLE,
      "--out-dir",
      outDir,
      "--report",
      "--jobs",
      "1",
      "--margins",
      "30,30,30,30",
      "--fonts",
      "windows,body=仿宋",
    );
    expect(r.code).toBe(0);
    const f = await format(path.join(outDir, "gaozhuang-2023.docx"));
    // 30 mm = 1701 twips on every side
    expect(f.margins).toEqual({ top: 1701, bottom: 1701, left: 1701, right: 1701 });
    expect(f.styleEastAsia).toEqual(["仿宋", "方正小标宋简体", "楷体", "黑体"]);
  });
});

describe("bad values: exit 2, a message naming the flag in the user's language, nothing written", () => {
  const cases: [string, string[], string][] = [
    ["three margins", ["--margins", "30,30,30"], "--margins 应为四个以毫米计的数：上,下,左,右"],
    ["a margin not a number", ["--margins", "30,a,30,30"], "--margins 应为四个以毫米计的数"],
    ["a negative margin", ["--margins", "30,-5,30,30"], "--margins 应为四个以毫米计的数"],
    ["a margin above 100 mm", ["--margins", "30,30,30,300"], "每个在 0 到 100 之间"],
    ["an unknown font set", ["--fonts", "mac"], "--fonts 应为 gb2312 或 windows"],
    ["an unknown role", ["--fonts", "windows,size=12"], "--fonts 应为 gb2312 或 windows"],
    ["an empty font name", ["--fonts", "windows,body="], "（收到“windows,body=”）"],
    ["a font set after a role", ["--fonts", "body=仿宋,windows"], "--fonts 应为 gb2312 或 windows"],
  ];
  it.each(cases)("perf-eval report: %s", async (_label, flags, message) => {
    const out = path.join(dir, "坏.docx");
    const r = await run("report", SAMPLE, "--out", out, ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    await expect(fs.stat(out)).rejects.toThrow();
  });

  it("in English with --lang en-US", async () => {
    const out = path.join(dir, "bad.docx");
    const margins = await run("report", SAMPLE, "--out", out, "--margins", "30,30", "--lang", "en-US");
    expect(margins.code).toBe(2);
    expect(margins.stderr).toContain("--margins must be four figures in millimetres: top,bottom,left,right");
    const fonts = await run("score", SAMPLE, "--report", out, "--fonts", "arial", "--lang", "en-US");
    expect(fonts.code).toBe(2);
    expect(fonts.stderr).toContain("--fonts must be gb2312 or windows");
    expect(fonts.stderr).toContain('(got "arial")');
    await expect(fs.stat(out)).rejects.toThrow();
  });

  it("without a report to format (score without --report, a batch without --report)", async () => {
    const single = await run("score", SAMPLE, "--fonts", "windows");
    expect(single.code).toBe(2);
    expect(single.stderr).toContain("--fonts 只用于评价报告：请与 --report 一起使用");
    const outDir = path.join(dir, "no-report");
    const batch = await run("score", SAMPLE, "--out-dir", outDir, "--margins", "30,30,30,30");
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain("--margins 只用于评价报告");
    await expect(fs.stat(outDir)).rejects.toThrow();
  });
});
