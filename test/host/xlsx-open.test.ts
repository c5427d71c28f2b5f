/**
 * The sparse reader of the command line (src/host/xlsx/open.ts): the sample reads exactly as ExcelJS
 * reads it; hand-made parts give every value kind, shared formulas translated, the far corner as one
 * cell; bad files are refused with a message in the user's language naming the sheet, not the part.
 */
import path from "node:path";
import { ZipWriter, Uint8ArrayReader, Uint8ArrayWriter } from "@zip.js/zip.js";
import { LocalizedHostError } from "../../src/host/errors";
import { MAX_PART_BYTES } from "../../src/host/xlsx/archive";
import { openWorkbook, openWorkbookFile } from "../../src/host/xlsx/open";
import { readWorkbookFile } from "../../src/host/xlsx/read";
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
  it("reads the sample exactly as ExcelJS reads it (values, formulas, merges, hidden rows)", async () => {
    const opened = await openWorkbookFile(SAMPLE);
    const old = await readWorkbookFile(SAMPLE);
    expect(opened.snapshot).toEqual(old.snapshot);
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
