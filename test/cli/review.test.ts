/**
 * 复核 on the command line (issue 16): `perf-eval score --json` carries `review` per subject and at the
 * top level. The workbook is the 自评/复核 fixture (test/engine/fixtures/review.ts): 自评 95, 复核 85,
 * 偏离度 10/95, 受益人数 6/30 = 20% beyond 10%.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main, type Io } from "../../src/cli/main";
import { selfReviewWorkbook } from "../engine/fixtures/review";
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
