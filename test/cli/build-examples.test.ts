/** scripts/build-examples.ts: the committed sample workbook is current and regenerates byte for byte,
 *  holds exactly the readable source's values and merges, and carries its formatting. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import ExcelJS from "exceljs";
import { openWorkbookFile } from "../../src/host/xlsx/open";
import { buildGaozhuang } from "../../scripts/build-examples";

const COMMITTED = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");
let dir: string;
let built: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "build-examples-"));
  built = await buildGaozhuang(path.join(dir, "gaozhuang-2023.xlsx"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("build-examples", () => {
  it("regenerates the committed file byte for byte (run `npm run build:examples` after editing the source)", async () => {
    expect(await fs.readFile(built)).toEqual(await fs.readFile(COMMITTED));
  });

  it("holds the source's values and merges on every sheet", async () => {
    const { snapshot } = await openWorkbookFile(built);
    const source = gaozhuangSnapshot();
    expect(snapshot.sheets.map((s) => s.name)).toEqual(source.sheets.map((s) => s.name));
    for (const expected of source.sheets) {
      const actual = snapshot.sheets.find((s) => s.name === expected.name)!;
      expect([actual.top, actual.left]).toEqual([0, 0]);
      const width = actual.values[0].length;
      // The file's used range is trimmed; the source may be wider (a merged title) but holds nothing more.
      const trimmed = expected.values.slice(0, actual.values.length).map((r) => r.slice(0, width));
      expect(actual.values).toEqual(trimmed);
      expect(
        expected.values
          .slice(actual.values.length)
          .flat()
          .every((v) => v === null),
      ).toBe(true);
      expect(expected.values.flatMap((r) => r.slice(width)).every((v) => v === null)).toBe(true);
      const key = (m: { row: number; col: number }) => m.row * 1000 + m.col;
      expect([...actual.merges].sort((a, b) => key(a) - key(b))).toEqual(
        [...expected.merges].sort((a, b) => key(a) - key(b)),
      );
    }
  });

  it("formats it: bold title and headers, 0.00 on money, frozen header rows, column widths", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(built);
    const budget = workbook.getWorksheet("预算执行")!;
    expect(budget.getCell("A1").font?.bold).toBe(true);
    expect(budget.getCell("A3").font?.bold).toBe(true);
    expect(budget.getCell("B4").numFmt).toBe("0.00");
    expect(budget.getCell("F7").numFmt).toBe("0.00");
    expect(budget.getCell("B10").numFmt).toBe("0.00");
    expect(budget.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(budget.getColumn(1).width).toBe(16);
    const indicators = workbook.getWorksheet("指标评分")!;
    expect(indicators.getCell("C3").font?.bold).toBe(true);
    expect(indicators.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(workbook.created.toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });
});
