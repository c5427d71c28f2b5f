/** The save path's own machinery: the zip reader and writer (./parts), the copy holding exactly what
 *  ExcelJS's own writer would write (empty styles filed once, dates still dated), written cells sharing
 *  one style per format, and the ledger sheet read back from its cache only while it is unchanged. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Ledger, WritePlan } from "../../src/engine/types";
import { parseLedger, serializeLedger } from "../../src/host/ledger";
import { LEDGER_SHEET, readLedger, writeLedger } from "../../src/host/xlsx/ledger-sheet";
import { saveWorkbookFile, workbookBuffer } from "../../src/host/xlsx/package";
import { MemoryParts, readParts, zipWithZlib } from "../../src/host/xlsx/parts";
import { mergesOf, readWorkbookFile } from "../../src/host/xlsx/read";
import { applyPlanToWorkbook } from "../../src/host/xlsx/write";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-package-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);

async function partsOf(xlsx: Buffer | Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(xlsx);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir))
    out.set(name, await zip.file(name)!.async("string"));
  return out;
}

/** Cells of every kind ExcelJS styles by type: numbers, text, booleans, a date and a formula with a
 *  date result (both unstyled), styled cells, and enough rows for the styles table to matter. */
function mixedWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
  const ws = wb.addWorksheet("数据");
  for (let r = 1; r <= 300; r++) ws.addRow([`项目${r}`, r * 1.5, r % 2 === 0, r % 7 === 0 ? null : -r]);
  ws.getCell("E1").value = new Date(Date.UTC(2024, 4, 6));
  ws.getCell("E2").value = { formula: "E1+1", result: new Date(Date.UTC(2024, 4, 7)) };
  ws.getCell("E3").value = { formula: "B1*2", result: 3 };
  ws.getCell("F1").value = 0.25;
  ws.getCell("F1").numFmt = "0.00%";
  ws.getCell("A1").font = { bold: true };
  return wb;
}

describe("zip parts", () => {
  it("reads a package's parts straight from its zip directory, as JSZip does", async () => {
    const zip = new JSZip();
    zip.file("a.xml", "<a>文字</a>");
    zip.file("xl/b.bin", new Uint8Array([0, 1, 2, 255]), { compression: "STORE" });
    zip.file("xl/big.xml", "<v>1</v>".repeat(10000));
    const parts = await readParts(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect(parts.names().sort()).toEqual(["a.xml", "xl/b.bin", "xl/big.xml"]);
    expect(parts.has("xl/")).toBe(false);
    expect(await parts.text("a.xml")).toBe("<a>文字</a>");
    expect([...((await parts.bytes("xl/b.bin")) as Uint8Array)]).toEqual([0, 1, 2, 255]);
    expect(await parts.text("xl/big.xml")).toBe("<v>1</v>".repeat(10000));
    expect(await parts.text("missing.xml")).toBeNull();
  });

  it("finds the directory behind a zip comment, and rejects what is not a zip", async () => {
    const zip = new JSZip();
    zip.file("a.xml", "<a/>");
    const bytes = await zip.generateAsync({ type: "nodebuffer", comment: "评分副本" });
    expect(await (await readParts(bytes)).text("a.xml")).toBe("<a/>");
    await expect(readParts(Buffer.from("不是 zip"))).rejects.toThrow();
  });

  it("zips with zlib into a package JSZip reads back part for part (deflated, or stored when smaller)", async () => {
    const parts = new MemoryParts(true);
    parts.append("<x>" + "重复".repeat(50000) + "</x>", { name: "xl/big.xml" }); // deflated early
    parts.append("<y/>", { name: "xl/small.xml" });
    parts.append(Buffer.from([9, 8, 7]).toString("base64"), { name: "xl/media/a.bin", base64: true });
    parts.set("xl/small.xml", "<y>改</y>"); // replaced after being handed over
    parts.set("xl/new.xml", "<n/>");
    const zipped = (await zipWithZlib(parts, new Date(2024, 0, 1, 12, 30, 10)))!;
    const back = await JSZip.loadAsync(zipped, { checkCRC32: true });
    expect(Object.keys(back.files)).toEqual(["xl/big.xml", "xl/small.xml", "xl/media/a.bin", "xl/new.xml"]);
    expect(await back.file("xl/big.xml")!.async("string")).toBe("<x>" + "重复".repeat(50000) + "</x>");
    expect(await back.file("xl/small.xml")!.async("string")).toBe("<y>改</y>");
    expect([...(await back.file("xl/media/a.bin")!.async("uint8array"))]).toEqual([9, 8, 7]);
    expect(back.files["xl/new.xml"].date.getMinutes()).toBe(30);
    expect(zipped.length).toBeLessThan(20000); // the big part was deflated
    // The reader reads the writer.
    expect(await (await readParts(zipped)).text("xl/small.xml")).toBe("<y>改</y>");
  });
});

describe("the saved copy", () => {
  it("holds what ExcelJS's own writer writes: the same parts and styles (dates still dated)", async () => {
    const wb = mixedWorkbook();
    const own = await partsOf(Buffer.from(await wb.xlsx.writeBuffer()));
    const ours = await partsOf(await workbookBuffer(wb));
    expect([...ours.keys()].sort()).toEqual([...own.keys()].sort());
    for (const [name, xml] of own)
      if (name !== "docProps/core.xml") expect([name, ours.get(name)]).toEqual([name, xml]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await workbookBuffer(wb)) as unknown as ArrayBuffer);
    const ws = back.getWorksheet("数据")!;
    expect(ws.getCell("E1").value).toEqual(new Date(Date.UTC(2024, 4, 6)));
    expect(ws.getCell("E1").numFmt).toBe("mm-dd-yy");
    expect(ws.getCell("E2").numFmt).toBe("mm-dd-yy");
    expect(ws.getCell("B2").numFmt).toBeUndefined();
    expect(ws.getCell("F1").numFmt).toBe("0.00%");
    expect(ws.getCell("A1").font?.bold).toBe(true);
  });

  it("zips the same parts with zlib as with JSZip (the fixed-date path)", async () => {
    const wb = mixedWorkbook();
    const date = new Date(Date.UTC(2024, 0, 1));
    const zlibbed = await partsOf(await workbookBuffer(wb));
    const jszipped = await partsOf(await workbookBuffer(wb, date));
    expect(zlibbed).toEqual(jszipped);
  });

  it("reads its input once when handed the bytes, and still refuses to overwrite the input", async () => {
    const input = file("once.xlsx");
    await fs.writeFile(input, await workbookBuffer(mixedWorkbook()));
    const { workbook, data } = await readWorkbookFile(input);
    expect(data).toEqual(await fs.readFile(input));
    await fs.rm(input); // the save must not need the file again
    const saved = await saveWorkbookFile(workbook, file("once-out.xlsx"), {
      source: input,
      sourceData: data,
    });
    expect(saved.lost).toEqual([]);
    await fs.writeFile(input, data);
    await expect(saveWorkbookFile(workbook, input, { source: input, sourceData: data })).rejects.toThrow(
      "输入文件",
    );
  });
});

describe("written cells and the ledger sheet", () => {
  const plan: WritePlan = {
    sheets: ["数据"],
    writes: [
      { sheet: "数据", row: 0, col: 6, value: 0.5, numberFormat: "0.00%", role: "rate" },
      { sheet: "数据", row: 1, col: 6, value: 0.25, numberFormat: "0.00%", role: "rate" },
      { sheet: "数据", row: 2, col: 6, value: 3, numberFormat: "0.00", role: "score" },
      { sheet: "数据", row: 0, col: 0, value: "改", numberFormat: "0.00%", role: "rate" },
    ],
    marks: [],
    skipped: [],
  } as unknown as WritePlan;

  it("gives cells one style object per (style they had, number format), never changing the old ones", () => {
    const wb = mixedWorkbook();
    const ws = wb.getWorksheet("数据")!;
    const bold = ws.getCell("A1").style;
    const boldCopy = JSON.parse(JSON.stringify(bold)) as unknown;
    applyPlanToWorkbook(wb, plan, "2026-01-01T00:00:00.000Z");
    const [g1, g2, g3, a1] = ["G1", "G2", "G3", "A1"].map((a) => ws.getCell(a));
    expect(g1.style).toBe(g2.style);
    expect(g1.numFmt).toBe("0.00%");
    expect(g3.numFmt).toBe("0.00");
    expect(g3.style).not.toBe(g1.style);
    expect(a1.style).not.toBe(g1.style);
    expect(a1.style).toMatchObject({ numFmt: "0.00%", font: { bold: true } });
    expect(bold).toEqual(boldCopy); // the bold style object was replaced, not changed
    expect(bold.numFmt).toBeUndefined();
  });

  it("reads back the ledger it wrote without re-parsing, and parses again once the sheet changed", () => {
    const wb = mixedWorkbook();
    const { ledger } = applyPlanToWorkbook(wb, plan, "2026-01-01T00:00:00.000Z");
    const stored = wb.getWorksheet(LEDGER_SHEET)!.getCell("A1").value as string;
    expect(stored).toBe(serializeLedger(ledger));
    expect(Object.keys(JSON.parse(stored) as object)).toEqual(["v", "t", "s"]);
    const first = readLedger(wb)!;
    expect(first).toEqual(parseLedger(stored));
    // Written again with its summary sheet: the text is the full serialisation, keys v, t, s, sum.
    writeLedger(wb, { ...first, summarySheet: "问题汇总" });
    const again = wb.getWorksheet(LEDGER_SHEET)!.getCell("A1").value as string;
    expect(again).toBe(serializeLedger({ ...ledger, summarySheet: "问题汇总" }));
    expect(Object.keys(JSON.parse(again) as object)).toEqual(["v", "t", "s", "sum"]);
    expect(readLedger(wb)!.summarySheet).toBe("问题汇总");
    // Someone else's ledger text in the cell is read as it is, not from memory.
    const other: Ledger = {
      version: 1,
      runAt: "t",
      entries: [{ sheet: "数据", address: "Z9", value: 1, previous: null }],
      marks: [],
    };
    wb.getWorksheet(LEDGER_SHEET)!.getCell("A1").value = serializeLedger(other);
    expect(readLedger(wb)).toEqual(other);
  });

  it("files one differential format per mark severity, and a user's rule keeps its own", async () => {
    const wb = mixedWorkbook();
    wb.getWorksheet("数据")!.addConditionalFormatting({
      ref: "B1:B300",
      rules: [
        {
          type: "cellIs",
          operator: "greaterThan",
          formulae: [100],
          priority: 1,
          style: { font: { color: { argb: "FFFF0000" } } },
        },
      ],
    });
    const area = (row: number) => ({ row, col: 1, rowCount: 1, colCount: 1 });
    applyPlanToWorkbook(wb, {
      ...plan,
      marks: [0, 1, 2, 3, 4, 5].map((r) => ({
        sheet: "数据",
        range: area(r),
        severity: r % 2 ? "warning" : "error",
        rule: r % 2 ? "W" : "E",
      })),
    } as WritePlan);
    const out = file("dxfs.xlsx");
    await saveWorkbookFile(wb, out);
    const parts = await partsOf(await fs.readFile(out));
    expect(parts.get("xl/styles.xml")).toContain('<dxfs count="3">');
    const back = await readWorkbookFile(out);
    const cfs = (
      back.workbook.getWorksheet("数据") as unknown as {
        conditionalFormattings: { ref: string; rules: { style?: unknown; formulae?: unknown[] }[] }[];
      }
    ).conditionalFormattings;
    const styleOf = (ref: string) => cfs.find((cf) => cf.ref === ref)!.rules[0].style;
    expect(styleOf("B1:B300")).toMatchObject({ font: { color: { argb: "FFFF0000" } } });
    expect(styleOf("B1")).toMatchObject({ fill: { bgColor: { argb: "FFFFC7CE" } } });
    expect(styleOf("B2")).toMatchObject({ fill: { bgColor: { argb: "FFFFEB9C" } } });
    expect(styleOf("B3")).toBe(styleOf("B1"));
  });

  it("lists merged areas as the sheet's model does", () => {
    const wb = mixedWorkbook();
    const ws = wb.getWorksheet("数据")!;
    ws.mergeCells("H1:J2");
    ws.mergeCells("H5:H9");
    expect(mergesOf(ws)).toEqual([
      { row: 0, col: 7, rowCount: 2, colCount: 3 },
      { row: 4, col: 7, rowCount: 5, colCount: 1 },
    ]);
  });
});
