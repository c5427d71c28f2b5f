/**
 * 复核 on the command line (issue 16): `perf-eval score --json` carries `review` per subject and at the
 * top level. The workbook is the 自评/复核 fixture (test/engine/fixtures/review.ts): 自评 95, 复核 85,
 * 偏离度 10/95, 受益人数 6/30 = 20% beyond 10%.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main, type Io } from "../../src/cli/main";
import ExcelJS from "exceljs";
import { reviewWorkbook, row, selfReviewWorkbook } from "../engine/fixtures/review";
import { writeSnapshot } from "./helpers/snapshot-file";

jest.setTimeout(60_000);

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-review-"));
  await writeSnapshot(selfReviewWorkbook(), file("自评复核.xlsx"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("score --json: review", () => {
  it("gives 自评 95, 复核 85, 偏离度 10/95 and 2 rows changed, per subject and at the top level", async () => {
    const r = await run("score", file("自评复核.xlsx"), "--json", "-");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total).toMatchObject({ score: 85, grade: "良" });
    expect(json.review).toMatchObject({ selfTotal: 95, reviewTotal: 85, rowsChanged: 2 });
    expect(json.review.deviation).toBeCloseTo(10 / 95, 12);
    expect(json.review.levels).toEqual({ P0: 1, P1: 1, P2: 1 });
    expect(json.subjects[0].review).toEqual(json.review);
    expect(json.review.rows.filter((x: { flagged: boolean }) => x.flagged)).toMatchObject([
      { cell: "H3", selfCell: "G3", indicator: "受益人数", self: 30, review: 24, deviation: 0.2 },
    ]);
  });
});

/**
 * `perf-eval review <folder> --out 复核底稿.xlsx` over a temporary folder (worked by hand, default profile):
 * - 甲单位.xlsx (the 自评/复核 fixture): P0 2 — 完成道路数 and 受益人数 self-scored full below target (建议扣分
 *   40 − 36 = 4 and 30 − 24 = 6); P1 1 — 受益人数 偏离度 6/30 = 20% > 10% (扣 6); P2 1 — 群众满意度 25 < 30
 *   with no reason. 4 lines.
 * - 二级单位/丙单位.xlsx (执行率 40 / 100 = 40% < 50%): P0 1 — 完成道路数 full output; P1 1 — 受益人数 实际 0
 *   without 偏差原因; P2 1 — 受益人数 0 < 50 without a reason. 3 lines.
 * - 乙单位.xlsx (all full, a 成本指标 with ≥): P1 1 — every row full (no indicator); P2 1 — 单位造价 ≥. 2 lines.
 * - 坏文件.xlsx (not a zip): a line saying why; 说明.txt: skipped.
 */
describe("review <folder> --out 复核底稿.xlsx", () => {
  let units: string;
  beforeAll(async () => {
    units = path.join(dir, "units");
    await fs.mkdir(path.join(units, "二级单位"), { recursive: true });
    await writeSnapshot(selfReviewWorkbook(), path.join(units, "甲单位.xlsx"));
    await writeSnapshot(
      reviewWorkbook([
        row("产出指标", "数量指标", "完成道路数", 40, "≥", 10, 10, 40),
        row("产出指标", "成本指标", "单位造价", 20, "≥", 100, 100, 20),
        row("满意度指标", "服务对象满意度指标", "群众满意度", 40, "≥", "90%", "95%", 40),
      ]),
      path.join(units, "乙单位.xlsx"),
    );
    await writeSnapshot(
      reviewWorkbook(
        [
          row("产出指标", "数量指标", "完成道路数", 50, "≥", 10, 10, 50),
          row("效益指标", "社会效益指标", "受益人数", 50, "≥", 100, 0, 0),
        ],
        { budget: [100, 40] },
      ),
      path.join(units, "二级单位", "丙单位.xlsx"),
    );
    await fs.writeFile(path.join(units, "坏文件.xlsx"), "not a workbook");
    await fs.writeFile(path.join(units, "说明.txt"), "说明");
  });

  const out = () => file("复核底稿.xlsx");
  const values = (ws: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  };

  it("writes one sheet per unit and the units with their P0/P1/P2 counts", async () => {
    const r = await run("review", units, "--out", out(), "--jobs", "1");
    expect(r.stderr).not.toMatch(/perf-eval：/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已复核 3 个文件，未复核 1 个，跳过 1 个");
    expect(r.stdout).toContain(`复核底稿已写入 ${out()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["单位汇总", "乙单位", "丙单位", "甲单位"]);
    const summary = wb.worksheets[0];
    const rows = values(summary);
    expect(rows[0]).toEqual(["文件", "单位", "P0", "P1", "P2", "问题合计", "底稿", "说明"]);
    const byFile = new Map(rows.slice(1).map((x) => [x[0], x]));
    expect(byFile.get("二级单位/丙单位.xlsx")!.slice(2, 6)).toEqual([1, 1, 1, 3]);
    expect(byFile.get("乙单位.xlsx")!.slice(2, 6)).toEqual([0, 1, 1, 2]);
    expect(byFile.get("甲单位.xlsx")!.slice(2, 6)).toEqual([2, 1, 1, 4]);
    expect(String(byFile.get("坏文件.xlsx")![7])).toMatch(/^未复核：/);
    expect(String(byFile.get("说明.txt")![7])).toBe("跳过：不是工作簿");
    // in path order: 乙单位, 二级单位/丙单位, 坏文件, 甲单位 (row 5), 说明
    expect(rows.slice(1).map((x) => x[0])).toEqual([
      "乙单位.xlsx",
      "二级单位/丙单位.xlsx",
      "坏文件.xlsx",
      "甲单位.xlsx",
      "说明.txt",
    ]);
    expect(summary.getCell("G5").value).toMatchObject({ text: "甲单位", hyperlink: "'甲单位'!A1" });
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
    }

    const jia = values(wb.getWorksheet("甲单位")!);
    expect(jia[0]).toEqual(["项目", "指标", "问题", "复核级别", "建议扣分", "依据", "单元格"]);
    // P0 first
    expect(jia.slice(1).map((x) => [x[1], x[3], x[4]])).toEqual([
      ["完成道路数", "P0", 4],
      ["受益人数", "P0", 6],
      ["受益人数", "P1", 6],
      ["群众满意度", "P2", undefined],
    ]);
    const deviation = jia.find((x) => x[3] === "P1")!;
    expect(String(deviation[2])).toMatch(/^自评得分与复核得分偏离较大：“受益人数”自评30分、复核24分/);
    expect(String(deviation[5])).toContain("财预〔2020〕10号");
    expect(deviation[6]).toEqual({ text: "指标评分!H3", hyperlink: "units/甲单位.xlsx#'指标评分'!$H$3" });

    const bing = values(wb.getWorksheet("丙单位")!).slice(1);
    expect(bing.map((x) => [x[1], x[3]])).toEqual([
      ["完成道路数", "P0"],
      ["受益人数", "P1"],
      ["受益人数", "P2"],
    ]);
    expect((bing.find((x) => x[3] === "P0")![6] as { hyperlink: string }).hyperlink).toMatch(
      /^units\/二级单位\/丙单位\.xlsx#'指标评分'!\$/,
    );
    const yi = values(wb.getWorksheet("乙单位")!).slice(1);
    expect(yi.map((x) => [x[1], x[3]])).toEqual([
      ["—", "P1"],
      ["单位造价", "P2"],
    ]);
  });

  it("writes the same workpaper in English with --lang en-US", async () => {
    const en = file("workpaper-en.xlsx");
    const r = await run("review", units, "--out", en, "--jobs", "1", "--lang", "en-US");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 files reviewed, 1 not reviewed, 1 skipped");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(en);
    // unit sheets are named by the units' own 部门名称 / file names, in any language
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Units", "乙单位", "丙单位", "甲单位"]);
    const rows = values(wb.worksheets[0]);
    expect(rows[0]).toEqual(["File", "Unit", "P0", "P1", "P2", "Findings", "Workpaper", "Note"]);
    const byFile = new Map(rows.slice(1).map((x) => [x[0], x]));
    expect(byFile.get("甲单位.xlsx")!.slice(2, 6)).toEqual([2, 1, 1, 4]);
    expect(String(byFile.get("坏文件.xlsx")![7])).toMatch(/^not reviewed: /);
    expect(String(byFile.get("说明.txt")![7])).toMatch(/^skipped: /);
    const jia = values(wb.getWorksheet("甲单位")!);
    expect(jia[0]).toEqual([
      "Subject",
      "Indicator",
      "Finding",
      "Review level",
      "Suggested deduction",
      "Basis",
      "Cell",
    ]);
    expect(jia.slice(1).map((x) => [x[1], x[3], x[4]])).toEqual([
      ["完成道路数", "P0", 4],
      ["受益人数", "P0", 6],
      ["受益人数", "P1", 6],
      ["群众满意度", "P2", undefined],
    ]);
    const deviation = jia.find((x) => x[3] === "P1")!;
    expect(String(deviation[2])).toMatch(/^Self-score far from the review score: /);
    // no text of ours in Chinese: only the workbooks' own names, quoted “…”, may be
    const han = /\p{Script=Han}/u;
    for (const line of jia.slice(1)) {
      expect(String(line[2]).replace(/“[^”]*”/g, "")).not.toMatch(han);
      expect(String(line[5])).not.toMatch(han);
      expect(String(line[5])).not.toBe("");
    }
    expect(String(deviation[5])).toContain("Caiyu [2020] No. 10");
  });

  it("says what is wrong with its arguments, in the user's language", async () => {
    let r = await run("review", units);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("请用 --out 指定复核底稿（.xlsx）的文件名。");
    r = await run("review", units, "--out", file("底稿.csv"));
    expect(r.stderr).toContain("复核底稿的文件名应以 .xlsx 结尾（收到“");
    r = await run("review", "--out", out(), "--lang", "en-US");
    expect(r.stderr).toContain("Name the .xlsx files or folders to review.");
    r = await run("review", path.join(units, "坏文件.xlsx"), "--out", file("坏.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("没有任何文件能够读取和评分。");
    r = await run("review", path.join(units, "甲单位.xlsx"), "--out", path.join(units, "甲单位.xlsx"));
    expect(r.code).toBe(2);
  });
});
