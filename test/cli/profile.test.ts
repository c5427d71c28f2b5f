/** `perf-eval score --profile NAME|file.json` (issue 16): a shipped profile by name, a profile file, a bad
 *  file refused naming the field (exit 2), and --config applied over the profile. The workbook is the
 *  cap fixture (test/engine/fixtures/review.ts): 95 entered points at 执行率 65% → 79 under 一体化自评. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main, type Io } from "../../src/cli/main";
import { NINETY_FIVE, reviewWorkbook } from "../engine/fixtures/review";
import { writeSnapshot } from "./helpers/snapshot-file";

jest.setTimeout(60_000);

let dir: string;
let input: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-profile-"));
  input = file("自评表.xlsx");
  await writeSnapshot(reviewWorkbook(NINETY_FIVE, { budget: [100, 65] }), input);
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

async function totalWith(...args: string[]) {
  const r = await run("score", input, "--json", "-", ...args);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).total as { score: number; grade: string };
}

describe("--profile", () => {
  it("default and no profile give 95 (优); 一体化自评 caps it to 79 (中)", async () => {
    expect(await totalWith()).toMatchObject({ score: 95, grade: "优" });
    expect(await totalWith("--profile", "default")).toMatchObject({ score: 95, grade: "优" });
    expect(await totalWith("--profile", "一体化自评")).toMatchObject({ score: 79, grade: "中" });
  });

  it("reads a profile file, and --config applies over it", async () => {
    const own = file("本地.json");
    await fs.writeFile(
      own,
      JSON.stringify({ name: "本地", config: { executionCap: [{ below: 0.7, max: 75 }] } }),
    );
    expect(await totalWith("--profile", own)).toMatchObject({ score: 75, grade: "中" });
    const cfg = file("grades.json");
    await fs.writeFile(
      cfg,
      JSON.stringify({
        grades: [
          { min: 70, label: "合格" },
          { min: 0, label: "不合格" },
        ],
      }),
    );
    expect(await totalWith("--profile", own, "--config", cfg)).toMatchObject({ score: 75, grade: "合格" });
  });

  it("refuses a bad profile file naming the file and every bad field (exit 2), in both languages", async () => {
    const bad = file("bad-profile.json");
    await fs.writeFile(
      bad,
      JSON.stringify({ name: "坏", config: { executionCap: [{ below: 0.8, max: 89 }, { below: 0.7 }] } }),
    );
    const zh = await run("score", input, "--profile", bad);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`规则方案文件“${bad}”有误`);
    expect(zh.stderr).toContain("config.executionCap.1.max：封顶分 max 必须是不小于 0 的数字。");
    const en = await run("score", input, "--profile", bad, "--lang", "en-US");
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`The profile file "${bad}" is invalid`);
    expect(en.stderr).toContain("config.executionCap.1.max: max must be a number ≥ 0.");
    const broken = file("broken.json");
    await fs.writeFile(broken, "{ not json");
    const b = await run("score", input, "--profile", broken);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`无法读取规则方案文件“${broken}”`);
  });

  it("refuses an unknown profile name, listing the shipped ones", async () => {
    const r = await run("score", input, "--profile", "省级");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("未知的规则方案“省级”：可用 default、一体化自评");
  });
});
