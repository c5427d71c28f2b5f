/**
 * The sparse reader of the command line (src/host/xlsx/open.ts): the sample reads exactly as ExcelJS
 * reads it; hand-made parts give every value kind, shared formulas translated, the far corner as one
 * cell; bad files are refused with a message in the user's language naming the sheet, not the part.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as zlib from "node:zlib";
import ExcelJS from "exceljs";
import { ZipWriter, Uint8ArrayReader, Uint8ArrayWriter } from "@zip.js/zip.js";
import { LocalizedHostError } from "../../src/host/errors";
import { MAX_PART_BYTES } from "../../src/host/xlsx/archive";
import { openWorkbook, openWorkbookFile } from "../../src/host/xlsx/open";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { buildPackage, packageParts, zipParts } from "./xlsx-parts";

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");

async function refusal(data: Uint8Array): Promise<LocalizedHostError> {
  try {
    await openWorkbook("in.xlsx", data);
  } catch (e) {
    expect(e).toBeInstanceOf(LocalizedHostError);
    return e as LocalizedHostError;
  }
  throw new Error("not refused");
}

describe("openWorkbook: what the engine reads", () => {
  it("reads the sample as its readable source holds it (every value in place, the merges)", async () => {
    const opened = await openWorkbookFile(SAMPLE);
    const source = gaozhuangSnapshot();
    expect(opened.snapshot.sheets.map((s) => s.name)).toEqual(source.sheets.map((s) => s.name));
    for (const expected of source.sheets) {
      const actual = opened.snapshot.sheets.find((s) => s.name === expected.name)!;
      let cells = 0;
      expected.values.forEach((row, r) =>
        row.forEach((value, c) => {
          const got = actual.values[r - actual.top]?.[c - actual.left] ?? null;
          expect({ at: `${expected.name}!${r}:${c}`, got }).toEqual({
            at: `${expected.name}!${r}:${c}`,
            got: value,
          });
          if (value !== null) cells++;
        }),
      );
      expect(cells).toBeGreaterThan(0);
      const key = (m: { row: number; col: number }) => m.row * 1000 + m.col;
      expect([...actual.merges].sort((a, b) => key(a) - key(b))).toEqual(
        [...expected.merges].sort((a, b) => key(a) - key(b)),
      );
    }
  });

  it("reads every value kind of a workbook ExcelJS wrote", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.getCell("C3").value = 552.45;
    ws.getCell("D3").value = "财政拨款";
    ws.getCell("E3").value = true;
    ws.getCell("F3").value = new Date(Date.UTC(2023, 11, 31));
    ws.getCell("C4").value = { richText: [{ text: "调整后" }, { font: { bold: true }, text: "预算数" }] };
    ws.getCell("D4").value = { text: "政策依据", hyperlink: "https://example.org/x" };
    ws.getCell("E4").value = { formula: "C3*2", result: 1104.9 };
    ws.getCell("E5").value = { sharedFormula: "E4", result: 7 } as unknown as ExcelJS.CellValue;
    ws.getCell("F4").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
    ws.getCell("F5").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("C5").value = "";
    const { snapshot } = await openWorkbook("kinds.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const s = snapshot.sheets[0];
    expect(s.name).toBe("数据");
    expect([s.top, s.left]).toEqual([2, 2]); // used range trimmed to C3:F5
    expect(s.values).toEqual([
      [552.45, "财政拨款", true, 45291],
      ["调整后预算数", "政策依据", 1104.9, "#DIV/0!"],
      [null, null, 7, "#DIV/0!"],
    ]);
    expect(s.formulas).toEqual([
      [null, null, null, null],
      [null, null, "=C3*2", null],
      [null, null, "=C4*2", "=1/0"],
    ]);
    expect(s.protected).toBeUndefined();
    expect(snapshot.ledger).toBeUndefined();
  });

  it("reads merges (only the top-left cell holds the value), hidden rows and protection of an ExcelJS file", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("指标评分");
    ws.getCell("A2").value = "管理效率";
    ws.mergeCells("A2:A4");
    ws.getCell("B2").value = "预算调整率";
    ws.getCell("B3").value = "预算执行率";
    ws.getCell("B4").value = "决算编制完整性";
    ws.getRow(3).hidden = true;
    await ws.protect("", {});
    wb.addWorksheet("空表");
    const { snapshot } = await openWorkbook("merges.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const s = snapshot.sheets[0];
    expect(s.merges).toEqual([{ row: 1, col: 0, rowCount: 3, colCount: 1 }]);
    expect(s.top).toBe(1);
    expect(s.values.map((r) => r[0])).toEqual(["管理效率", null, null]);
    expect(s.hiddenRows).toEqual([2]);
    expect(s.protected).toBe(true);
    expect(snapshot.sheets[1]).toMatchObject({ name: "空表", values: [] });
  });

  it("reads every value kind from hand-written parts", async () => {
    const data = await buildPackage({
      sharedStrings: [
        "预算执行",
        '<r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh>',
      ],
      sheets: [
        {
          name: "数据",
          body:
            '<sheetData><row r="2" hidden="1"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c>' +
            '<c r="D2" t="inlineStr"><is><t>内联</t></is></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#DIV/0!</v></c>' +
            '<c r="G2"><v>1.5</v></c><c r="H2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="I2" s="0"/></row>' +
            '<row r="3"><c r="B3"><f t="shared" ref="B3:B5" si="0">A3*2+$A$1+LOG10(A3)</f><v>2</v></c></row>' +
            '<row r="4"><c r="B4"><f t="shared" si="0"/><v>4</v></c></row>' +
            '<row r="5"><c r="B5"><f t="shared" si="0"/><v>6</v></c></row></sheetData>' +
            '<sheetProtection sheet="1"/><mergeCells count="1"><mergeCell ref="B6:C7"/></mergeCells>',
        },
      ],
    });
    const { snapshot } = await openWorkbook("in.xlsx", data);
    const sheet = snapshot.sheets[0];
    expect(sheet).toMatchObject({ name: "数据", top: 1, left: 1, protected: true, hiddenRows: [1] });
    expect(sheet.merges).toEqual([{ row: 5, col: 1, rowCount: 2, colCount: 2 }]);
    expect(sheet.values[0]).toEqual(["预算执行", "富文本", "内联", true, "#DIV/0!", 1.5, "ab"]);
    expect(sheet.values.map((r) => r[0])).toEqual(["预算执行", 2, 4, 6]);
    expect(sheet.formulas?.map((r) => r[0])).toEqual([
      null,
      "=A3*2+$A$1+LOG10(A3)",
      "=A4*2+$A$1+LOG10(A4)",
      "=A5*2+$A$1+LOG10(A5)",
    ]);
    expect(sheet.formulas?.[0][6]).toBe('="a"&"b"');
  });

  it("reads one cell at XFD1048576 as one cell", async () => {
    const data = await buildPackage({
      sheets: [
        {
          name: "远处",
          body: '<dimension ref="XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576"><v>7</v></c></row></sheetData>',
        },
      ],
    });
    const { snapshot } = await openWorkbook("in.xlsx", data);
    expect(snapshot.sheets[0]).toMatchObject({ top: 1048575, left: 16383, values: [[7]] });
  });

  it("keeps a user's own sheet named like the ledger sheet in the snapshot", async () => {
    const data = await buildPackage({
      sheets: [
        {
          name: "_绩效评价助手",
          body: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>我的数据</t></is></c></row></sheetData>',
        },
      ],
    });
    const opened = await openWorkbook("in.xlsx", data);
    expect(opened.ledgerSheet).toBeNull();
    expect(opened.snapshot.sheets.map((s) => s.name)).toEqual(["_绩效评价助手"]);
  });
});

describe("openWorkbook: files it refuses, in the user's language", () => {
  const sheet = { name: "预算执行", body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' };

  it("a missing file, a folder, a file that is not a workbook: Unreadable, naming the file", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-open-"));
    try {
      const missing = path.join(dir, "nope.xlsx");
      await expect(openWorkbookFile(missing)).rejects.toMatchObject({ code: "Unreadable" });
      await expect(openWorkbookFile(missing)).rejects.toThrow(missing);
      await expect(openWorkbookFile(dir)).rejects.toThrow("这是一个文件夹");
      const bogus = path.join(dir, "bogus.xlsx");
      await fs.writeFile(bogus, "这不是工作簿");
      const err = await openWorkbookFile(bogus).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "Unreadable" });
      expect((err as Error).message).toContain(bogus);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("not a zip, a truncated zip, a legacy .xls, a password-protected workbook", async () => {
    let e = await refusal(Buffer.from("名称,金额\n办公费,3\n"));
    expect(e.messages["zh-CN"]).toContain("不是 .xlsx 工作簿");
    expect(e.messages["en-US"]).toContain("not an .xlsx workbook");
    const whole = await buildPackage({ sheets: [sheet] });
    e = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(e.messages["zh-CN"]).toContain("文件不完整");
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    e = await refusal(ole);
    expect(e.messages["zh-CN"]).toContain("请在 Excel 或 WPS 中另存为 .xlsx");
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1024);
    e = await refusal(ole);
    expect(e.messages["zh-CN"]).toContain("请先取消打开密码");
    expect(e.messages["en-US"]).toContain("open password");
    for (const m of Object.values(e.messages)) expect(m).not.toMatch(/zip|EOCDR|Error/i);
  });

  it("a part declared larger than the limit is refused before it is inflated, naming the sheet", async () => {
    const parts = packageParts({ sheets: [sheet] });
    const small = await zipParts(parts);
    // the same package, the sheet's entry declaring a size past the limit
    const { ZipReader } = await import("@zip.js/zip.js");
    const entries = await new ZipReader(new Uint8ArrayReader(small)).getEntries();
    const writer = new ZipWriter(new Uint8ArrayWriter());
    for (const entry of entries) {
      if (entry.directory) continue;
      const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
      const big = entry.filename === "xl/worksheets/sheet1.xml";
      await writer.add(entry.filename, new Uint8ArrayReader(raw), {
        passThrough: true,
        entry,
        ...(big ? { uncompressedSize: MAX_PART_BYTES + 1 } : {}),
      });
    }
    const e = await refusal(await writer.close());
    expect(e.code).toBe("TooLarge");
    expect(e.messages["zh-CN"]).toContain("工作表“预算执行”");
    expect(e.messages["zh-CN"]).not.toContain("sheet1.xml");
  });

  it("a part declaring a small size that inflates past the limit is refused while inflating, naming the sheet", async () => {
    // the sheet's XML with MAX_PART_BYTES of blanks inside, deflated 1 MB at a time (a ~260 KB entry)
    const deflate = zlib.createDeflateRaw({ level: 1 });
    const chunks: Buffer[] = [];
    deflate.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => deflate.on("end", resolve));
    deflate.write(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    );
    const blanks = Buffer.alloc(1024 * 1024, 0x20);
    for (let n = 0; n <= MAX_PART_BYTES; n += blanks.length) deflate.write(blanks);
    deflate.end("<sheetData/></worksheet>");
    await done;
    const bomb = Buffer.concat(chunks);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);

    const small = await zipParts(packageParts({ sheets: [sheet] }));
    const { ZipReader } = await import("@zip.js/zip.js");
    const entries = await new ZipReader(new Uint8ArrayReader(small)).getEntries();
    const writer = new ZipWriter(new Uint8ArrayWriter());
    for (const entry of entries) {
      if (entry.directory) continue;
      if (entry.filename !== "xl/worksheets/sheet1.xml") {
        const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
        await writer.add(entry.filename, new Uint8ArrayReader(raw), { passThrough: true, entry });
        continue;
      }
      await writer.add(entry.filename, new Uint8ArrayReader(bomb), {
        passThrough: true,
        compressionMethod: 8,
        uncompressedSize: 2000, // the lie
        crc32: 0,
      } as Parameters<typeof writer.add>[2]);
    }
    const zipped = await writer.close();
    const peak = process.resourceUsage().maxRSS; // kB
    const start = performance.now();
    const e = await refusal(zipped);
    expect(performance.now() - start).toBeLessThan(5_000);
    // never held inflated: the peak grows by far less than the 256 MB the part inflates to
    expect(process.resourceUsage().maxRSS - peak).toBeLessThan(64 * 1024);
    expect(e.code).toBe("TooLarge");
    expect(e.messages["zh-CN"]).toContain("工作表“预算执行”解压后超过 256 MB");
    expect(e.messages["en-US"]).toContain('sheet "预算执行" is more than 256 MB unpacked');
    for (const m of Object.values(e.messages))
      expect(m).not.toMatch(/Invalid string length|zlib|ERR_|sheet1\.xml/);
  });

  it("missing parts: no workbook part, or a sheet whose data is missing", async () => {
    const parts = packageParts({ sheets: [sheet] });
    parts.delete("xl/workbook.xml");
    let e = await refusal(await zipParts(parts));
    expect(e.messages["zh-CN"]).toContain("不是完整的 .xlsx 工作簿");
    const noSheet = packageParts({ sheets: [sheet] });
    noSheet.delete("xl/worksheets/sheet1.xml");
    e = await refusal(await zipParts(noSheet));
    expect(e.messages["zh-CN"]).toContain("工作表“预算执行”的数据缺失");
    const broken = packageParts({ sheets: [sheet] });
    broken.set("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row></sheetData>");
    e = await refusal(await zipParts(broken));
    expect(e.messages["zh-CN"]).toContain("工作表“预算执行”的内容不是有效的 XML");
  });
});
