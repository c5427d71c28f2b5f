/** scoreFile: the single-file pipeline as a structured result (no printing, no exit), on the sample
 *  workbook and on files it cannot read. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { scoreFile } from "../../src/cli/score-file";

jest.setTimeout(60_000);

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-score-file-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("scoreFile", () => {
  it("returns the report, the summary lines and exit code 1 with failOn error on the sample", async () => {
    const result = await scoreFile(SAMPLE, {
      lang: "zh-CN",
      allowLoss: false,
      keepReport: true,
      failOn: "error",
    });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(1);
    expect(result.report?.total).toMatchObject({ score: 85.54, grade: "良" });
    expect(result.lines).toContain("总分 85.54 / 100，等级：良");
    expect(result.notes).toEqual([]);
  });

  it("builds no report unless asked, and writes nothing without out/json", async () => {
    const result = await scoreFile(SAMPLE, { lang: "en-US", allowLoss: false, label: "sample.xlsx" });
    expect(result.exitCode).toBe(0);
    expect(result.report).toBeUndefined();
    expect(result.lines[0]).toBe("Performance Evaluation Assistant · sample.xlsx");
  });

  it("writes the copy and the JSON report it is asked for", async () => {
    const out = path.join(dir, "scored.xlsx");
    const json = path.join(dir, "report.json");
    const result = await scoreFile(SAMPLE, { lang: "zh-CN", allowLoss: false, out, json });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(await fs.readFile(json, "utf8")).total.score).toBe(85.54);
    expect((await fs.stat(out)).size).toBeGreaterThan(1000);
    expect(result.lines.at(-1)).toBe(`JSON 报告已写入 ${json}`);
  });

  it("gives exit code 2 and an Unreadable error naming a missing or broken file, without throwing", async () => {
    const missing = path.join(dir, "missing.xlsx");
    const r1 = await scoreFile(missing, { lang: "zh-CN", allowLoss: false });
    expect(r1).toMatchObject({ exitCode: 2, error: { code: "Unreadable" } });
    expect(r1.error?.message).toContain(missing);
    const broken = path.join(dir, "broken.xlsx");
    await fs.writeFile(broken, "not a zip");
    const r2 = await scoreFile(broken, { lang: "zh-CN", allowLoss: false, out: path.join(dir, "b.xlsx") });
    expect(r2).toMatchObject({ exitCode: 2, error: { code: "Unreadable" } });
    expect(r2.error?.message).toContain(broken);
    await expect(fs.access(path.join(dir, "b.xlsx"))).rejects.toThrow();
  });
});
