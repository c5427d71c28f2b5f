/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load */
// The in-memory Excel, core rules: load/sync/PropertyNotLoaded, values/formulas/numberFormat semantics,
// sheet names, getItem/null objects, used range, settings, sync counter. Each test states the real-Excel
// rule it checks; lint rules about load/sync discipline are off here because breaking them is the point.
import { MemoryWorkbook, createExcelApi } from "../../src/host/memory";
import type { RichApiError } from "../../src/host/memory";

function setup(cells: Record<string, (string | number | boolean | null)[][]> = { Sheet1: [] }) {
  const wb = MemoryWorkbook.fromCells(cells);
  return { wb, Excel: createExcelApi(wb) };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as RichApiError).code;
  }
  return "no error";
}

describe("load / sync / PropertyNotLoaded", () => {
  test("reading a property before load throws PropertyNotLoaded with Excel's message", async () => {
    const { Excel } = setup({ S: [[1]] });
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => range.values).toThrow(
        /The property 'values' is not available\. Before reading the property's value, call the load method/,
      );
      try {
        void range.values;
      } catch (e) {
        expect((e as RichApiError).code).toBe("PropertyNotLoaded");
        expect((e as RichApiError).name).toBe("RichApi.Error");
      }
    });
  });

  test("after load but before sync the property is still not loaded; after sync it is", async () => {
    const { Excel } = setup({ S: [[1, "a"]] });
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B1");
      range.load("values, address");
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([[1, "a"]]);
      expect(range.address).toBe("S!A1:B1");
      expect(() => range.formulas).toThrow(/'formulas' is not available/);
    });
  });

  test("operations run in order: a load queued before a write sees the old value", async () => {
    const { wb, Excel } = setup({ S: [[1]] });
    await Excel.run(async (context) => {
      const before = context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      context.workbook.worksheets.getItem("S").getRange("A1").values = [[2]];
      const after = context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      await context.sync();
      expect(before.values).toEqual([[1]]);
      expect(after.values).toEqual([[2]]);
    });
    expect(wb.cell("S", "A1").value).toBe(2);
  });

  test("a setter does not make the property readable (load and sync to read what Excel holds)", async () => {
    const { Excel } = setup({ S: [] });
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1");
      r.values = [["=1+1"]];
      expect(() => r.values).toThrow(/not available/);
      r.load("formulas");
      await context.sync();
      expect(r.formulas).toEqual([["=1+1"]]);
    });
  });

  test("the sync counter counts round trips; an empty sync is free; Excel.run flushes pending work", async () => {
    const { wb, Excel } = setup({ S: [] });
    await Excel.run(async (context) => {
      await context.sync(); // nothing queued
      context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
      await context.sync();
      context.workbook.worksheets.getItem("S").getRange("A2").values = [[2]];
    });
    expect(wb.stats.syncs).toBe(2);
    expect(wb.stats.requests).toHaveLength(2);
    expect(wb.stats.requests[0].ops).toBe(1);
    expect(wb.stats.requests[0].requestBytes).toBeGreaterThan(0);
    expect(wb.cell("S", "A2").value).toBe(2);
    wb.resetStats();
    expect(wb.stats.syncs).toBe(0);
  });

  test("proxies cannot be used after their Excel.run has ended", async () => {
    const { Excel } = setup({ S: [] });
    let kept: Excel.Range | null = null;
    await Excel.run(async (context) => {
      kept = context.workbook.worksheets.getItem("S").getRange("A1");
    });
    expect(() => kept!.load("values")).toThrow(/object path/);
  });
});

describe("values, formulas, numberFormat", () => {
  test("values shape mismatch → InvalidArgument at sync (1×1 vs 2×2, row length mismatch, scalar for many cells)", async () => {
    const { wb, Excel } = setup({ S: [] });
    const write = (address: string, values: unknown) =>
      codeOf(
        Excel.run(async (context) => {
          context.workbook.worksheets.getItem("S").getRange(address).values = values as never;
          await context.sync();
        }),
      );
    expect(await write("A1:B2", [[1]])).toBe("InvalidArgument");
    expect(
      await write("A1", [
        [1, 2],
        [3, 4],
      ]),
    ).toBe("InvalidArgument");
    expect(await write("A1:B2", [[1, 2], [3]])).toBe("InvalidArgument");
    expect(await write("A1:B2", 5)).toBe("InvalidArgument");
    expect(await write("A1:B2", [1, 2, 3, 4])).toBe("InvalidArgument");
    expect(wb.sheet("S").cells.size).toBe(0);
    expect(await write("A1", [[7]])).toBe("no error");
    expect(wb.cell("S", "A1").value).toBe(7);
  });

  test("the shape error carries Excel's message and where it happened", async () => {
    const { Excel } = setup({ S: [] });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:B2").numberFormat = [["0.00"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({
      name: "RichApi.Error",
      code: "InvalidArgument",
      message: expect.stringMatching(/number of rows or columns in the input array/),
      debugInfo: { code: "InvalidArgument", errorLocation: "Range.numberFormat" },
    });
  });

  test("null inside a 2-D array leaves that cell unchanged", async () => {
    const { wb, Excel } = setup({ S: [["keep", 2]] });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").values = [[null, 3]] as never;
    });
    expect(wb.cell("S", "A1").value).toBe("keep");
    expect(wb.cell("S", "B1").value).toBe(3);
  });

  test('a string starting with "=" set through values becomes a formula (cached value unknown → "")', async () => {
    const { wb, Excel } = setup({ S: [[1, 2]] });
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("C1");
      r.values = [["=A1+B1"]];
      r.load("values, formulas, valueTypes");
      await context.sync();
      expect(r.formulas).toEqual([["=A1+B1"]]);
      expect(r.values).toEqual([[""]]);
    });
    expect(wb.cell("S", "C1").formula).toBe("=A1+B1");
  });

  test("a formula rewritten unchanged keeps the cached value the file had", async () => {
    const wb = new MemoryWorkbook();
    wb.setCell("S", "C1", { formula: "=A1/B1", value: 1.209 });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("C1");
      r.formulas = [["=A1/B1"]];
      r.load("values");
      await context.sync();
      expect(r.values).toEqual([[1.209]]);
    });
  });

  test('values read back: numbers, strings, booleans, "" for empty; formulas give text or the value', async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1.5, "文本", true, null]] });
    wb.setCell("S", "A2", { formula: "=SUM(A1)", value: 1.5 });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:D2");
      r.load("values, formulas, valueTypes, numberFormat");
      await context.sync();
      expect(r.values).toEqual([
        [1.5, "文本", true, ""],
        [1.5, "", "", ""],
      ]);
      expect(r.formulas).toEqual([
        [1.5, "文本", true, ""],
        ["=SUM(A1)", "", "", ""],
      ]);
      expect(r.valueTypes[0]).toEqual(["Double", "String", "Boolean", "Empty"]);
      expect(r.numberFormat[0]).toEqual(["General", "General", "General", "General"]);
    });
  });

  test("numeric text becomes a number unless the cell is formatted as text; a leading apostrophe keeps text", async () => {
    const { wb, Excel } = setup({ S: [] });
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.getRange("B1").numberFormat = [["@"]];
      s.getRange("A1:C1").values = [["12.5", "0012", "'7"]];
    });
    expect(wb.cell("S", "A1").value).toBe(12.5);
    expect(wb.cell("S", "B1").value).toBe("0012");
    expect(wb.cell("S", "C1").value).toBe("7");
  });

  test("numberFormat is written per cell; null leaves a cell's format alone", async () => {
    const { wb, Excel } = setup({ S: [[1, 2]] });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").numberFormat = [["0.00%", null]] as never;
    });
    expect(wb.cell("S", "A1").numberFormat).toBe("0.00%");
    expect(wb.cell("S", "B1").numberFormat).toBe("General");
  });
});

describe("worksheets", () => {
  const addSheet = (Excel: ReturnType<typeof createExcelApi>, name: string) =>
    codeOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.add(name);
        await context.sync();
      }),
    );

  test("sheet names: at most 31 characters, none of : \\ / ? * [ ], no leading/trailing apostrophe, not empty", async () => {
    const { wb, Excel } = setup({ S: [] });
    expect(await addSheet(Excel, "x".repeat(32))).toBe("InvalidArgument");
    expect(await addSheet(Excel, "x".repeat(31))).toBe("no error");
    for (const ch of [":", "\\", "/", "?", "*", "[", "]"])
      expect(await addSheet(Excel, `a${ch}b`)).toBe("InvalidArgument");
    expect(await addSheet(Excel, "'quoted")).toBe("InvalidArgument");
    expect(await addSheet(Excel, "quoted'")).toBe("InvalidArgument");
    expect(await addSheet(Excel, "")).toBe("InvalidArgument");
    expect(await addSheet(Excel, "问题汇总")).toBe("no error");
    expect(wb.sheetNames()).toEqual(["S", "x".repeat(31), "问题汇总"]);
  });

  test("an existing name, in any case, → ItemAlreadyExists", async () => {
    const { Excel } = setup({ Summary: [] });
    expect(await addSheet(Excel, "summary")).toBe("ItemAlreadyExists");
    expect(await addSheet(Excel, "SUMMARY")).toBe("ItemAlreadyExists");
  });

  test("getItem of a missing sheet → ItemNotFound at sync, not at the call", async () => {
    const { Excel } = setup({ S: [] });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("无此表");
      ws.load("name");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  test("getItemOrNullObject → isNullObject after sync (and PropertyNotLoaded before)", async () => {
    const { Excel } = setup({ S: [] });
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("无此表");
      const present = context.workbook.worksheets.getItemOrNullObject("s");
      expect(() => missing.isNullObject).toThrow(/not available/);
      present.load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("S");
    });
  });

  test("items load with items/name; the added sheet is not activated", async () => {
    const { wb, Excel } = setup({ A: [], B: [] });
    await Excel.run(async (context) => {
      context.workbook.worksheets.add("C");
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["A", "B", "C"]);
    });
    expect(wb.active()?.name).toBe("A");
  });

  test("addresses quote sheet names that need it", async () => {
    const { Excel } = setup({ 指标评分: [], "my sheet": [], "it's": [] });
    await Excel.run(async (context) => {
      const a = context.workbook.worksheets.getItem("指标评分").getRange("I5:I26").load("address");
      const b = context.workbook.worksheets.getItem("my sheet").getRange("A1").load("address");
      const c = context.workbook.worksheets
        .getItem("it's")
        .getRange("$B$2")
        .load("address, rowIndex, columnIndex, rowCount, columnCount");
      await context.sync();
      expect(a.address).toBe("指标评分!I5:I26");
      expect(b.address).toBe("'my sheet'!A1");
      expect(c.address).toBe("'it''s'!B2");
      expect([c.rowIndex, c.columnIndex, c.rowCount, c.columnCount]).toEqual([1, 1, 1, 1]);
    });
  });
});

describe("used range", () => {
  test("getUsedRangeOrNullObject is the bounding box of values and formatting; valuesOnly ignores formatting", async () => {
    const wb = new MemoryWorkbook();
    wb.setCell("S", "B3", 1);
    wb.setCell("S", "D5", { value: null, fill: "#FFFF00" });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      const all = s.getUsedRangeOrNullObject().load("address");
      const values = s.getUsedRangeOrNullObject(true).load("address");
      await context.sync();
      expect(all.address).toBe("S!B3:D5");
      expect(values.address).toBe("S!B3");
    });
  });

  test("an empty sheet: getUsedRangeOrNullObject gives a null object", async () => {
    const { Excel } = setup({ S: [] });
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      const orNull = s.getUsedRangeOrNullObject(true);
      orNull.load("address");
      const formatted = s.getUsedRangeOrNullObject(false);
      formatted.load("address");
      await context.sync();
      expect(orNull.isNullObject).toBe(true);
      expect(formatted.isNullObject).toBe(true);
    });
  });
});

describe("settings", () => {
  test("values are JSON round-tripped; getItemOrNullObject; delete", async () => {
    const { wb, Excel } = setup({ S: [] });
    const when = new Date("2026-01-02T03:04:05Z");
    await Excel.run(async (context) => {
      context.workbook.settings.add("ledger", { version: 1, when, skip: undefined, list: [1, "二"] });
    });
    expect(wb.settings.get("ledger")).toEqual({
      version: 1,
      when: "2026-01-02T03:04:05.000Z",
      list: [1, "二"],
    });
    await Excel.run(async (context) => {
      const s = context.workbook.settings.getItemOrNullObject("ledger");
      const none = context.workbook.settings.getItemOrNullObject("nothing");
      s.load("key, value");
      await context.sync();
      expect(none.isNullObject).toBe(true);
      expect(s.value).toEqual({ version: 1, when: "2026-01-02T03:04:05.000Z", list: [1, "二"] });
      s.delete();
    });
    expect(wb.settings.has("ledger")).toBe(false);
  });
});

describe("context", () => {
  test("sync(value) passes the value through, as Office.js does", async () => {
    const { Excel } = setup({ S: [[1]] });
    const out = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      return context.sync(r).then((range) => range.values[0][0]);
    });
    expect(out).toBe(1);
  });
});

describe("Range.getIntersectionOrNullObject (ExcelApi 1.4)", () => {
  it("gives the shared rectangle, or a null object when ranges do not overlap", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("S");
    wb.setCell("S", "B2", 1);
    wb.setCell("S", "D5", 2);
    const api = createExcelApi(wb);
    await api.run(async (context) => {
      const used = context.workbook.worksheets.getItem("S").getUsedRangeOrNullObject(true);
      const inside = used.getIntersectionOrNullObject("A1:C3");
      inside.load("address,values");
      const outside = used.getIntersectionOrNullObject("F1:G2");
      outside.load("address");
      await context.sync();
      expect(inside.address).toBe("S!B2:C3");
      expect(inside.values).toEqual([
        [1, ""],
        ["", ""],
      ]);
      expect(outside.isNullObject).toBe(true);
    });
  });
});
