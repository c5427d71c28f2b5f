/* eslint-disable office-addins/load-object-before-read */
// The in-memory Excel, the rest of Excel's rules: merged areas, conditional formats, charts, hyperlinks,
// formats, protection, the 5 MB payload limits, fault injection, requirement-set gating and the Office
// globals.
import { MemoryWorkbook, createExcelApi, installOfficeGlobals, PAYLOAD_LIMIT } from "../../src/host/memory";
import type { RichApiError } from "../../src/host/memory";

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as RichApiError).code;
  }
  return "no error";
}

describe("merged areas", () => {
  test("merge keeps the top-left value; getMergedAreasOrNullObject lists the merges a range touches", async () => {
    const wb = MemoryWorkbook.fromCells({
      S: [
        ["管理效率", "x"],
        [null, "y"],
        [null, null],
      ],
    });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.getRange("A1:A3").merge();
      s.getRange("B1:C1").merge();
      const areas = s.getRange("A1:C3").getMergedAreasOrNullObject();
      areas.load("address, areaCount");
      areas.areas.load("items/address, items/rowIndex, items/columnIndex, items/rowCount, items/columnCount");
      const none = s.getRange("D5").getMergedAreasOrNullObject();
      await context.sync();
      expect(areas.isNullObject).toBe(false);
      expect(areas.areaCount).toBe(2);
      expect(areas.address).toBe("S!A1:A3,S!B1:C1");
      expect(
        areas.areas.items.map((a) => [a.address, a.rowIndex, a.columnIndex, a.rowCount, a.columnCount]),
      ).toEqual([
        ["S!A1:A3", 0, 0, 3, 1],
        ["S!B1:C1", 0, 1, 1, 2],
      ]);
      expect(none.isNullObject).toBe(true);
    });
    expect(wb.sheet("S").merges).toEqual([
      { row: 0, col: 0, rowCount: 3, colCount: 1 },
      { row: 0, col: 1, rowCount: 1, colCount: 2 },
    ]);
    expect(wb.cell("S", "A1").value).toBe("管理效率");
  });

  test("merge(true) merges each row", async () => {
    const wb = MemoryWorkbook.fromCells({
      S: [
        [1, 2],
        [3, 4],
      ],
    });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B2").merge(true);
    });
    expect(wb.sheet("S").merges).toHaveLength(2);
    expect(wb.cell("S", "B1").value).toBeNull();
    expect(wb.cell("S", "A2").value).toBe(3);
  });
});

describe("conditional formats", () => {
  test("add a custom rule, list it (items, getCount), delete it; clearAll", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1], [2], [3]] });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:A3");
      const cf = range.conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = '=AND(TRUE,"mark"<>"")';
      cf.custom.format.fill.color = "#F8D7DA";
      cf.custom.format.font.color = "red";
    });
    const [rec] = wb.sheet("S").conditionalFormats;
    expect(rec).toMatchObject({
      range: "A1:A3",
      type: "Custom",
      formula: '=AND(TRUE,"mark"<>"")',
      fill: "#F8D7DA",
      font: { color: "#FF0000" },
    });

    await Excel.run(async (context) => {
      const formats = context.workbook.worksheets.getItem("S").getRange("A2").conditionalFormats;
      formats.load("items/id, items/type");
      const count = formats.getCount();
      const elsewhere = context.workbook.worksheets.getItem("S").getRange("C9").conditionalFormats.getCount();
      await context.sync();
      expect(count.value).toBe(1);
      expect(elsewhere.value).toBe(0);
      expect(formats.items.map((f) => f.type)).toEqual(["Custom"]);
      const rule = formats.items[0].custom.rule.load("formula");
      await context.sync();
      expect(rule.formula).toBe('=AND(TRUE,"mark"<>"")');
      formats.items[0].delete();
    });
    expect(wb.sheet("S").conditionalFormats).toHaveLength(0);

    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:A3");
      r.conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.rule.formula = "=TRUE";
      r.conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.rule.formula = "=FALSE";
      await context.sync();
      r.conditionalFormats.clearAll();
    });
    expect(wb.sheet("S").conditionalFormats).toHaveLength(0);
  });

  test("[1.9] getRanges: one conditional format and one fill over several areas", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1, 2, 3]] });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const areas = context.workbook.worksheets.getItem("S").getRanges("A1, C1:C2");
      areas.format.fill.color = "#FFF3CD";
      areas.conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.rule.formula = "=TRUE";
      areas.load("address");
      areas.areas.load("items/address");
      await context.sync();
      expect(areas.address).toBe("S!A1,S!C1:C2");
      expect(areas.areas.items.map((a) => a.address)).toEqual(["S!A1", "S!C1:C2"]);
    });
    expect(wb.cell("S", "A1").fill).toBe("#FFF3CD");
    expect(wb.cell("S", "B1").fill).toBeNull();
    expect(wb.cell("S", "C2").fill).toBe("#FFF3CD");
    expect(wb.sheet("S").conditionalFormats[0].range).toBe("A1,C1:C2");
  });
});

describe("charts, hyperlinks, formats, sheet settings", () => {
  test("charts.add records type, source, series-by; title and setPosition are recorded", async () => {
    const wb = MemoryWorkbook.fromCells({
      问题汇总: [
        ["一级指标", "得分率"],
        ["管理效率", 0.678],
      ],
    });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("问题汇总");
      const chart = s.charts.add(
        Excel.ChartType.barClustered,
        s.getRange("A1:B2"),
        Excel.ChartSeriesBy.columns,
      );
      chart.title.text = "得分率";
      chart.setPosition("D2", "J15");
      chart.load("name");
      await context.sync();
      expect(chart.name).toBe("Chart 1");
    });
    expect(wb.sheet("问题汇总").charts[0]).toMatchObject({
      type: "BarClustered",
      sourceAddress: "问题汇总!A1:B2",
      seriesBy: "Columns",
      title: "得分率",
      position: { start: "D2", end: "J15" },
    });
  });

  test("an internal hyperlink is stored with its text; read back from the top-left cell", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[]], 指标评分: [[]] });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("B3");
      r.hyperlink = { documentReference: "'指标评分'!I5", textToDisplay: "指标评分!I5", screenTip: "跳转" };
      r.load("hyperlink, values");
      await context.sync();
      expect(r.hyperlink).toEqual({
        documentReference: "'指标评分'!I5",
        textToDisplay: "指标评分!I5",
        screenTip: "跳转",
      });
      expect(r.values).toEqual([["指标评分!I5"]]);
    });
    expect(wb.cell("S", "B3").hyperlink?.documentReference).toBe("'指标评分'!I5");
  });

  test("format: fill, font, widths, alignment; a mixed range reads null; fill.clear; clear('Formats')", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1, 2]] });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      const a = s.getRange("A1");
      a.format.fill.color = "#ffff00";
      a.format.font.bold = true;
      a.format.font.size = 14;
      a.format.columnWidth = 120;
      a.format.horizontalAlignment = "Center";
      a.format.wrapText = true;
      const both = s.getRange("A1:B1");
      both.format.fill.load("color");
      a.format.load("columnWidth, horizontalAlignment, wrapText");
      a.format.font.load("bold, size, color, name");
      await context.sync();
      expect(both.format.fill.color).toBeNull();
      expect(a.format.columnWidth).toBe(120);
      expect(a.format.horizontalAlignment).toBe("Center");
      expect(a.format.font.bold).toBe(true);
      expect(a.format.font.size).toBe(14);
      expect(a.format.font.color).toBe("#000000");
      a.format.fill.clear();
      s.getRange("B1").format.fill.load("color");
      await context.sync();
    });
    expect(wb.cell("S", "A1").fill).toBeNull();
    expect(wb.cell("S", "A1").font).toEqual({ bold: true, size: 14 });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").clear("Formats");
    });
    expect(wb.cell("S", "A1").font).toBeNull();
    expect(wb.cell("S", "A1").value).toBe(1);
  });

  test("an invalid colour → InvalidArgument", async () => {
    const Excel = createExcelApi(MemoryWorkbook.fromCells({ S: [[1]] }));
    const code = await codeOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").format.fill.color = "not a colour";
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });

  test("activate and select are recorded; a hidden sheet (from the file) cannot be activated", async () => {
    const wb = MemoryWorkbook.fromCells({ A: [[1]], B: [[2]] });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const b = context.workbook.worksheets.getItem("B");
      b.activate();
      b.getRange("C4:D5").select();
    });
    expect(wb.activeSheet).toBe("B");
    expect(wb.selection).toEqual({ sheet: "B", address: "C4:D5" });
    wb.sheet("A").visibility = "Hidden";
    const code = await codeOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("A").activate();
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidOperation");
    expect(wb.activeSheet).toBe("B");
  });

  test("getResizedRange; shrinking past the range → InvalidArgument", async () => {
    const Excel = createExcelApi(MemoryWorkbook.fromCells({ S: [[1]] }));
    await Excel.run(async (context) => {
      const base = context.workbook.worksheets.getItem("S").getRange("B2:C3");
      const grown = base.getResizedRange(1, -1).load("address");
      await context.sync();
      expect(grown.address).toBe("S!B2:B4");
      base.getResizedRange(-5, 0).load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });
});

describe("protection", () => {
  test("writing into a protected sheet → AccessDenied and nothing of that write is applied", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1, 2]] });
    wb.sheet("S").protected = true;
    const Excel = createExcelApi(wb);
    const attempt = (write: (r: Excel.Range) => unknown) =>
      codeOf(
        Excel.run(async (context) => {
          write(context.workbook.worksheets.getItem("S").getRange("A1:B1"));
          await context.sync();
        }),
      );
    const writes: ((r: Excel.Range) => unknown)[] = [
      (r) => (r.values = [[9, 9]]),
      (r) => (r.format.fill.color = "#FF0000"),
      (r) => r.merge(),
      (r) => r.clear(),
      (r) => (r.conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.rule.formula = "=TRUE"),
    ];
    const codes = await Promise.all(writes.map(attempt));
    expect(codes).toEqual(["AccessDenied", "AccessDenied", "AccessDenied", "AccessDenied", "AccessDenied"]);
    expect(wb.cell("S", "A1")).toMatchObject({ value: 1, fill: null });
    expect(wb.sheet("S").merges).toHaveLength(0);
    expect(wb.sheet("S").conditionalFormats).toHaveLength(0);
  });

  test("protection.protected is readable; reading a protected sheet works", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1]] });
    wb.sheet("S").protected = true;
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.protection.load("protected");
      const r = s.getRange("A1").load("values");
      await context.sync();
      expect(s.protection.protected).toBe(true);
      expect(r.values).toEqual([[1]]);
    });
  });
});

describe("payload limits and fault injection", () => {
  test("a request over 5 MB → RequestPayloadSizeLimitExceeded, nothing applied", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [] });
    const Excel = createExcelApi(wb);
    const big = Array.from({ length: 6000 }, () => ["x".repeat(1000)]);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
        context.workbook.worksheets.getItem("S").getRange("B1:B6000").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(wb.sheet("S").cells.size).toBe(0);
    expect(wb.stats.requests[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
  });

  test("just under 5 MB passes; the meter counts UTF-8 bytes (Chinese text is 3 bytes a character)", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [] });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A1000").values = Array.from(
        { length: 1000 },
        () => ["评".repeat(1000)],
      );
      await context.sync();
    });
    const bytes = wb.stats.requests[0].requestBytes;
    expect(bytes).toBeGreaterThan(3_000_000);
    expect(bytes).toBeLessThan(PAYLOAD_LIMIT);
  });

  test("a response over 5 MB → ResponsePayloadSizeLimitExceeded; loaded values are not delivered", async () => {
    const wb = new MemoryWorkbook();
    for (let r = 1; r <= 6000; r++) wb.setCell("S", `A${r}`, "y".repeat(1000));
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:A6000").load("values");
      await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
      expect(() => r.values).toThrow(/not available/);
      const half = context.workbook.worksheets.getItem("S").getRange("A1:A3000").load("values");
      await context.sync();
      expect(half.values).toHaveLength(3000);
    });
    expect(wb.stats.requests.map((q) => q.responseBytes > PAYLOAD_LIMIT)).toEqual([true, false]);
  });

  test("loading a whole sheet's values is refused as too large rather than built", async () => {
    const Excel = createExcelApi(MemoryWorkbook.fromCells({ S: [[1]] }));
    const code = await codeOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange().load("values");
        await context.sync();
      }),
    );
    expect(code).toBe("ResponsePayloadSizeLimitExceeded");
  });

  test("failNextSync({ afterOps }) applies only the first operations, then throws; the next sync is normal", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [] });
    const Excel = createExcelApi(wb);
    wb.failNextSync({ afterOps: 2, code: "GeneralException", message: "网络中断" });
    await expect(
      Excel.run(async (context) => {
        const s = context.workbook.worksheets.getItem("S");
        s.getRange("A1").values = [[1]];
        s.getRange("A2").values = [[2]];
        s.getRange("A3").values = [[3]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ name: "RichApi.Error", code: "GeneralException", message: "网络中断" });
    expect([wb.cell("S", "A1").value, wb.cell("S", "A2").value, wb.cell("S", "A3").value]).toEqual([
      1,
      2,
      null,
    ]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A3").values = [[3]];
    });
    expect(wb.cell("S", "A3").value).toBe(3);
  });

  test("failNextSync() by default applies nothing and throws GeneralException with Excel's text", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [] });
    const Excel = createExcelApi(wb);
    wb.failNextSync();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
        context.workbook.settings.add("k", 1);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException", message: "An internal error has occurred." });
    expect(wb.cell("S", "A1").value).toBeNull();
    expect(wb.settings.has("k")).toBe(false);
  });

  test("a failing operation midway leaves the earlier ones applied (Excel is not transactional)", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [] });
    const Excel = createExcelApi(wb);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
        context.workbook.worksheets.getItem("无").getRange("A1").values = [[2]];
        context.workbook.worksheets.getItem("S").getRange("A2").values = [[3]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(wb.cell("S", "A1").value).toBe(1);
    expect(wb.cell("S", "A2").value).toBeNull();
  });
});

describe("special cells", () => {
  test("getSpecialCellsOrNullObject lists the formula or constant cells of a range as areas; none is a null object", async () => {
    const wb = MemoryWorkbook.fromCells({
      S: [
        [1, 2, null, "x"],
        [3, null, null, null],
        [null, null, null, 4],
      ],
    });
    wb.setCell("S", "B2", { formula: "=A1+A2", value: 4 });
    wb.setCell("S", "C2", { formula: "=B1", value: 2 });
    wb.setCell("S", "B3", { formula: "=B2", value: 4 });
    wb.setCell("S", "C3", { formula: "=C2", value: 2 });
    const Excel = createExcelApi(wb);
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      const formulas = s.getRange("A1:D3").getSpecialCellsOrNullObject("Formulas");
      formulas.load("address, areaCount");
      formulas.areas.load("items/address, items/formulas, items/values");
      const constants = s.getRange("A1:D3").getSpecialCellsOrNullObject("Constants");
      constants.load("address");
      const none = s.getRange("A1:A2").getSpecialCellsOrNullObject("Formulas");
      const empty = s.getUsedRangeOrNullObject().getIntersectionOrNullObject("Z100");
      const onNull = empty.getSpecialCellsOrNullObject("Formulas");
      await context.sync();
      expect(formulas.address).toBe("S!B2:C3");
      expect(formulas.areas.items.map((a) => [a.address, a.formulas, a.values])).toEqual([
        [
          "S!B2:C3",
          [
            ["=A1+A2", "=B1"],
            ["=B2", "=C2"],
          ],
          [
            [4, 2],
            [4, 2],
          ],
        ],
      ]);
      expect(constants.address).toBe("S!A1:B1,S!D1,S!A2,S!D3");
      expect(none.isNullObject).toBe(true);
      expect(onNull.isNullObject).toBe(true);
    });
    wb.supportedApi = "1.8";
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets
          .getItem("S")
          .getRange("A1:D3")
          .getSpecialCellsOrNullObject("Formulas")
          .load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("requirement sets", () => {
  test("members newer than supportedApi fail with ApiNotFound at sync; isSetSupported agrees", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1]] });
    wb.supportedApi = "1.8";
    const Excel = createExcelApi(wb);
    const attempt = (fn: (context: Excel.RequestContext) => void) =>
      codeOf(
        Excel.run(async (context) => {
          fn(context);
          await context.sync();
        }),
      );
    expect(
      await attempt(
        (c) => (c.workbook.worksheets.getItem("S").getRanges("A1, B2").format.fill.color = "#FFFF00"),
      ),
    ).toBe("ApiNotFound");
    expect(
      await attempt((c) => (c.workbook.worksheets.getItem("S").pageLayout.orientation = "Landscape")),
    ).toBe("ApiNotFound");
    expect(await attempt((c) => c.application.suspendScreenUpdatingUntilNextSync())).toBe("ApiNotFound");
    expect(
      await attempt((c) => c.workbook.worksheets.getItem("S").getRange("A1").getMergedAreasOrNullObject()),
    ).toBe("ApiNotFound");
    expect(await attempt((c) => c.application.suspendApiCalculationUntilNextSync())).toBe("no error");
    expect(wb.cell("S", "A1").fill).toBeNull();

    const target: Record<string, unknown> = {};
    installOfficeGlobals(target, wb);
    const office = target.Office as {
      context: { requirements: { isSetSupported(n: string, v: string): boolean } };
    };
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    wb.supportedApi = "1.13";
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.14")).toBe(false);
    expect(
      await attempt((c) => (c.workbook.worksheets.getItem("S").pageLayout.orientation = "Landscape")),
    ).toBe("no error");
    expect(wb.sheet("S").pageLayout.orientation).toBe("Landscape");
  });

  test("installOfficeGlobals: Excel, Office.onReady, display language, OfficeExtension.Error", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1]] });
    const target: Record<string, unknown> = {};
    installOfficeGlobals(target, wb, { displayLanguage: "en-US" });
    const office = target.Office as {
      onReady(cb?: (i: unknown) => void): Promise<{ host: string; platform: string }>;
      HostType: { Excel: string };
      context: { displayLanguage: string };
    };
    const seen: unknown[] = [];
    await expect(office.onReady((i) => seen.push(i))).resolves.toEqual({
      host: "Excel",
      platform: "OfficeOnline",
    });
    expect(seen).toHaveLength(1);
    expect(office.HostType.Excel).toBe("Excel");
    expect(office.context.displayLanguage).toBe("en-US");
    const excel = target.Excel as ReturnType<typeof createExcelApi>;
    const ErrorClass = (target.OfficeExtension as { Error: new (...a: never[]) => Error }).Error;
    const error = await excel
      .run(async (context) => {
        context.workbook.worksheets.getItem("none").load("name");
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({
      debugInfo: { code: "ItemNotFound", errorLocation: "WorksheetCollection.getItem" },
    });
  });
});

describe("older requirement sets", () => {
  test("an ExcelApi 1.5 Excel lacks conditional formats (1.6) and hyperlinks (1.7)", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1]] });
    wb.supportedApi = "1.5";
    const Excel = createExcelApi(wb);
    const attempt = (fn: (s: Excel.Worksheet) => unknown) =>
      codeOf(
        Excel.run(async (context) => {
          fn(context.workbook.worksheets.getItem("S"));
          await context.sync();
        }),
      );
    const tries: ((s: Excel.Worksheet) => unknown)[] = [
      (s) =>
        (s.getRange("A1").conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.rule.formula =
          "=TRUE"),
      (s) => (s.getRange("A1").hyperlink = { address: "https://example.org" }),
    ];
    expect(await Promise.all(tries.map(attempt))).toEqual(["ApiNotFound", "ApiNotFound"]);
    // 1.4 and below still work
    expect(await attempt((s) => s.getUsedRangeOrNullObject().load("address"))).toBe("no error");
    expect(await attempt((s) => s.getRange("A1").merge())).toBe("no error");
    expect(wb.sheet("S").conditionalFormats).toHaveLength(0);
    expect(wb.cell("S", "A1").hyperlink ?? null).toBeNull();
  });

  test("getResizedRange needs 1.2, ChartCollection.getCount 1.4, Chart.chartType 1.7 (as the typings say)", async () => {
    const wb = MemoryWorkbook.fromCells({
      S: [
        ["a", 1],
        ["b", 2],
      ],
    });
    const Excel = createExcelApi(wb);
    const attempt = (version: string, fn: (s: Excel.Worksheet) => unknown) => {
      wb.supportedApi = version;
      return codeOf(
        Excel.run(async (context) => {
          fn(context.workbook.worksheets.getItem("S"));
          await context.sync();
        }),
      );
    };
    const resized = (s: Excel.Worksheet) => s.getRange("A1").getResizedRange(1, 0).load("address");
    expect(await attempt("1.1", resized)).toBe("ApiNotFound");
    expect(await attempt("1.2", resized)).toBe("no error");
    const count = (s: Excel.Worksheet) => s.charts.getCount();
    expect(await attempt("1.3", count)).toBe("ApiNotFound");
    expect(await attempt("1.4", count)).toBe("no error");
    const type = (s: Excel.Worksheet) =>
      s.charts.add("BarClustered", s.getRange("A1:B2"), "Columns").load("chartType");
    expect(await attempt("1.6", type)).toBe("ApiNotFound");
    expect(await attempt("1.7", type)).toBe("no error");
  });
});
