// Properties of the in-memory Excel that hold for any input: what values write is what values read
// (nulls leave cells alone), addresses and sheet names survive formatting and parsing, and malformed
// loads or addresses fail as Excel fails.
import fc from "fast-check";
import { MemoryWorkbook, createExcelApi } from "../../src/host/memory";
import type { RichApiError } from "../../src/host/memory";
import {
  localAddress,
  parseArea,
  qualifiedAddress,
  sheetNameProblem,
  splitSheet,
} from "../../src/host/memory/addresses";

const text = fc.string({
  unit: fc.constantFrom("评", "分", "a", "b", " ", "-", "（", "）"),
  minLength: 1,
  maxLength: 6,
});
const scalar = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), text, fc.boolean());

describe("values round trip", () => {
  test("any 2-D array of numbers, text and booleans reads back as written (-0 reads as 0)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((rows) =>
          fc.integer({ min: 1, max: 5 }).chain((cols) =>
            fc.record({
              row: fc.integer({ min: 0, max: 50 }),
              col: fc.integer({ min: 0, max: 30 }),
              values: fc.array(fc.array(scalar, { minLength: cols, maxLength: cols }), {
                minLength: rows,
                maxLength: rows,
              }),
            }),
          ),
        ),
        async ({ row, col, values }) => {
          const wb = MemoryWorkbook.fromCells({ S: [] });
          const Excel = createExcelApi(wb);
          const address = localAddress({ row, col, rowCount: values.length, colCount: values[0].length });
          const back = await Excel.run(async (context) => {
            const r = context.workbook.worksheets.getItem("S").getRange(address);
            r.values = values;
            r.load("values");
            await context.sync();
            return r.values;
          });
          expect(back).toEqual(values.map((line) => line.map((v) => (Object.is(v, -0) ? 0 : v))));
        },
      ),
      { numRuns: 60 },
    );
  });

  test("null entries leave exactly those cells unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.option(fc.integer(), { nil: null }), { minLength: 3, maxLength: 3 }), {
          minLength: 3,
          maxLength: 3,
        }),
        async (input) => {
          const before = [
            ["a", "b", "c"],
            ["d", "e", "f"],
            ["g", "h", "i"],
          ];
          const wb = MemoryWorkbook.fromCells({ S: before });
          const Excel = createExcelApi(wb);
          await Excel.run(async (context) => {
            context.workbook.worksheets.getItem("S").getRange("A1:C3").values = input as never;
          });
          const letters = ["A", "B", "C"];
          input.forEach((line, r) =>
            line.forEach((v, c) =>
              expect(wb.cell("S", `${letters[c]}${r + 1}`).value).toBe(v ?? before[r][c]),
            ),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("addresses and sheet names", () => {
  test("an area survives localAddress → parseArea", () => {
    fc.assert(
      fc.property(
        fc.record({
          row: fc.integer({ min: 0, max: 1048575 }),
          col: fc.integer({ min: 0, max: 16383 }),
          rowCount: fc.integer({ min: 1, max: 100 }),
          colCount: fc.integer({ min: 1, max: 100 }),
        }),
        (area) => {
          const fitted = {
            ...area,
            rowCount: Math.min(area.rowCount, 1048576 - area.row),
            colCount: Math.min(area.colCount, 16384 - area.col),
          };
          expect(parseArea(localAddress(fitted))).toEqual(fitted);
        },
      ),
    );
  });

  test("any valid sheet name comes back out of a qualified address", () => {
    const nameChar = fc.constantFrom("预", "算", "a", "Z", "1", " ", "'", "(", "-", "!", ".", "_");
    fc.assert(
      fc.property(fc.string({ unit: nameChar, minLength: 1, maxLength: 31 }), (name) => {
        fc.pre(sheetNameProblem(name) === null);
        const address = qualifiedAddress(name, { row: 4, col: 8, rowCount: 22, colCount: 1 });
        expect(splitSheet(address)).toEqual({ sheet: name, local: "I5:I26" });
      }),
    );
  });

  test("whole columns and rows", () => {
    expect(parseArea("A:C")).toEqual({ row: 0, col: 0, rowCount: 1048576, colCount: 3 });
    expect(parseArea("$3:$5")).toEqual({ row: 2, col: 0, rowCount: 3, colCount: 16384 });
    expect(localAddress({ row: 0, col: 0, rowCount: 1048576, colCount: 3 })).toBe("A:C");
    expect(parseArea("A0")).toBeNull();
    expect(parseArea("XFE1")).toBeNull();
    expect(parseArea("A1:B2:C3")).toBeNull();
  });
});

describe("malformed requests fail as in Excel", () => {
  async function codeOf(fn: (context: Excel.RequestContext) => void): Promise<string> {
    const Excel = createExcelApi(MemoryWorkbook.fromCells({ S: [[1]], Other: [[2]] }));
    try {
      await Excel.run(async (context) => {
        fn(context);
        await context.sync();
      });
    } catch (e) {
      return (e as RichApiError).code;
    }
    return "no error";
  }

  test("an address naming another sheet, or not an address → InvalidArgument", async () => {
    expect(await codeOf((c) => c.workbook.worksheets.getItem("S").getRange("Other!A1").load("values"))).toBe(
      "InvalidArgument",
    );
    expect(
      await codeOf((c) => c.workbook.worksheets.getItem("S").getRange("not an address").load("values")),
    ).toBe("InvalidArgument");
    expect(await codeOf((c) => c.workbook.worksheets.getItem("S").getRange("s!A1").load("values"))).toBe(
      "no error",
    );
  });

  test("loading an unknown property, or a navigation property itself → InvalidArgument", async () => {
    expect(await codeOf((c) => c.workbook.worksheets.getItem("S").getRange("A1").load("valuez"))).toBe(
      "InvalidArgument",
    );
    expect(await codeOf((c) => c.workbook.worksheets.getItem("S").getRange("A1").load("format"))).toBe(
      "InvalidArgument",
    );
    expect(
      await codeOf((c) => c.workbook.worksheets.getItem("S").getRange("A1").load("format/fill/color")),
    ).toBe("no error");
  });

  test("values Excel cannot hold (NaN, Infinity, objects, text over 32767 characters) → InvalidArgument", async () => {
    for (const bad of [NaN, Infinity, { a: 1 }, "x".repeat(32768)]) {
      expect(
        await codeOf((c) => (c.workbook.worksheets.getItem("S").getRange("A1").values = [[bad as never]])),
      ).toBe("InvalidArgument");
    }
  });
});
