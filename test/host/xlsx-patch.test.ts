/** The command line's copy by patching (src/host/xlsx/patch-*.ts): the sample scored through the CLI
 *  holds 85.54 / 良; every part not edited is the input's entry byte for byte (compressed and inflated);
 *  an edited sheet is the input except the add-in's cells and marks; a stray cell at XFD1048576 costs
 *  nothing; a re-run on a scored copy adds no style record, and undo gives the input's cells back. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main, type Io } from "../../src/cli/main";
import { Archive } from "../../src/host/xlsx/archive";
import { isMarkFormula } from "../../src/host/xlsx/names";
import { openWorkbook, openWorkbookFile } from "../../src/host/xlsx/open";
import { PatchHost } from "../../src/host/xlsx/patch-host";
import { scanSheet } from "../../src/host/xlsx/sheet-scan";
import { StylePatch } from "../../src/host/xlsx/patch-styles";

jest.setTimeout(120_000);

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-patch-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function archive(target: string): Promise<Archive> {
  return Archive.open(target, await fs.readFile(target));
}

/** The parts the copy edited: the scored sheets, the styles, the workbook, its rels, the content types. */
const EDITABLE = new Set([
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
]);

/** A sheet's text without the cells at `addresses` (and rows left empty by that which `keepRows` does
 *  not have), the add-in's conditional formats, `<dimension>` and row `spans`. */
function withoutOurs(xml: string, addresses: Set<string>, keepRows: Set<number> | null): string {
  const { layout } = scanSheet(xml, { name: "x", sharedStrings: [], date1904: false, isMark: isMarkFormula });
  const cuts: [number, number][] = [];
  const rows = new Set<number>();
  layout.rowNum.forEach((row, i) => {
    rows.add(row);
    let left = 0;
    for (let k = layout.rowFirst[i]; k < layout.rowFirst[i] + layout.rowCount[i]; k++) {
      const col = layout.cellCol[k];
      let name = "";
      for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
        name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
      if (addresses.has(`${name}${row + 1}`)) cuts.push([layout.cellStart[k], layout.cellEnd[k]]);
      else left++;
    }
    if (keepRows && !keepRows.has(row) && left === 0) {
      for (let j = cuts.length - 1; j >= 0 && cuts[j][0] >= layout.rowStart[i]; j--) cuts.pop();
      cuts.push([layout.rowStart[i], layout.rowEnd[i]]);
    }
  });
  for (const cf of layout.cf) if (cf.ours) cuts.push([cf.start, cf.end]);
  cuts.sort((a, b) => a[0] - b[0]);
  let out = "";
  let pos = 0;
  for (const [a, b] of cuts) {
    out += xml.slice(pos, a);
    pos = b;
  }
  out += xml.slice(pos);
  return out.replace(/<dimension ref="[^"]*"\/>/, "").replace(/ spans="[^"]*"/g, "");
}

function rowsOf(xml: string): Set<number> {
  const { layout } = scanSheet(xml, { name: "x", sharedStrings: [], date1904: false, isMark: isMarkFormula });
  return new Set(layout.rowNum);
}

describe("the scored copy of the sample, by patching", () => {
  const out = () => file("scored.xlsx");
  beforeAll(async () => {
    const r = await run("score", SAMPLE, "--out", out());
    expect(r.code).toBe(0);
  });

  it("holds the total 85.54 and the grade 良, the 得分 of 预算执行率 and the 执行率 as 0.00%", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out());
    const ind = wb.getWorksheet("指标评分")!;
    const values: unknown[] = [];
    ind.eachRow((row) => row.eachCell((cell) => void values.push(cell.value)));
    expect(values).toContain(85.54);
    expect(values.some((v) => typeof v === "string" && /良/.test(v))).toBe(true);
    expect(ind.getCell("I7").value).toBe(2.91);
    const budget = wb.getWorksheet("预算执行")!;
    expect(budget.getCell("G4").value).toBeCloseTo(667.92 / 552.45, 5);
    expect(budget.getCell("G4").numFmt).toBe("0.00%");
    expect(wb.worksheets.map((s) => s.name)).toContain("问题汇总");
    expect(wb.worksheets.find((s) => s.name.startsWith("_绩效评价助手"))?.state).toBe("veryHidden");
    // the summary links to the findings' cells inside the workbook
    const summary = await (
      await JSZip.loadAsync(await fs.readFile(out()))
    )
      .file("xl/worksheets/sheet6.xml")!
      .async("string");
    expect(summary).toMatch(/<hyperlink ref="[A-Z]+\d+" location="'?预算执行'?!D4"/);
  });

  it("copies every part it does not edit as the input's entry: compressed bytes and inflated bytes", async () => {
    const a = await archive(SAMPLE);
    const b = await archive(out());
    const opened = await openWorkbookFile(out());
    const ledger = opened.ledger!;
    const scoredParts = new Set(
      opened.sheets
        .filter(
          (s) =>
            ledger.entries.some((e) => e.sheet === s.entry.name) ||
            ledger.marks.some((m) => m.sheet === s.entry.name),
        )
        .map((s) => s.part),
    );
    let same = 0;
    for (const name of a.names()) {
      expect(b.has(name)).toBe(true);
      if (EDITABLE.has(name) || scoredParts.has(name)) continue;
      expect({ name, raw: Buffer.from(await b.raw(name)) }).toEqual({
        name,
        raw: Buffer.from(await a.raw(name)),
      });
      expect({ name, bytes: await b.bytes(name) }).toEqual({ name, bytes: await a.bytes(name) });
      const [ea, eb] = [a.entry(name)!, b.entry(name)!];
      expect([eb.crc32, eb.compressedSize, eb.uncompressedSize, eb.compressionMethod]).toEqual([
        ea.crc32,
        ea.compressedSize,
        ea.uncompressedSize,
        ea.compressionMethod,
      ]);
      same++;
    }
    // sharedStrings, theme, docProps ×2, _rels/.rels, 基本信息 (no output there)
    expect(same).toBeGreaterThanOrEqual(6);
    expect(b.has("xl/sharedStrings.xml")).toBe(true);
  });

  it("edits a scored sheet only at the cells its ledger lists and its marks; the styles only by appending", async () => {
    const a = await archive(SAMPLE);
    const b = await archive(out());
    const opened = await openWorkbookFile(out());
    const ledger = opened.ledger!;
    let compared = 0;
    for (const s of opened.sheets) {
      const addresses = new Set(ledger.entries.filter((e) => e.sheet === s.entry.name).map((e) => e.address));
      const marked = ledger.marks.some((m) => m.sheet === s.entry.name);
      if ((!addresses.size && !marked) || s === opened.ledgerSheet) continue;
      const before = (await a.text(s.part))!;
      const after = (await b.text(s.part))!;
      expect(after).not.toBe(before);
      expect(withoutOurs(after, addresses, rowsOf(before))).toBe(withoutOurs(before, addresses, null));
      compared++;
    }
    expect(compared).toBe(new Set([...ledger.entries, ...ledger.marks].map((e) => e.sheet)).size);
    expect(compared).toBeGreaterThanOrEqual(3); // 预算执行 and 指标评分 written, 管理情况 marked
    // styles.xml: the input's text with records inserted before the closing tags of their lists
    const sa = (await a.text("xl/styles.xml"))!;
    const sb = (await b.text("xl/styles.xml"))!;
    const stripped = sb
      .replace(/ count="\d+"/g, "")
      .replace(
        /(<(numFmts|fonts|fills|borders|cellXfs|dxfs)\b[^>]*>)([\s\S]*?)(<\/\2>)/g,
        (_m, open, _n, body) => `${open}${body}`,
      );
    expect(stripped.length).toBeGreaterThan(0);
    // each of the input's records is still there, in order, at the front of its list
    for (const list of ["fonts", "fills", "borders", "cellXfs"]) {
      const inner = (xml: string) =>
        new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? "";
      expect(inner(sb).startsWith(inner(sa))).toBe(true);
    }
    const strip = (xml: string) =>
      xml.replace(
        /<(numFmts|fonts|fills|borders|cellXfs|dxfs)\b[\s\S]*?<\/\1>|<(numFmts|dxfs)\b[^>]*\/>/g,
        "",
      );
    expect(strip(sb)).toBe(strip(sa));
  });

  it("re-scoring the scored copy adds no style record and writes the same cells; undo gives the input back", async () => {
    const again = file("again.xlsx");
    expect((await run("score", out(), "--out", again)).code).toBe(0);
    const first = await archive(out());
    const second = await archive(again);
    expect(await second.text("xl/styles.xml")).toBe(await first.text("xl/styles.xml"));
    expect(await second.text("xl/workbook.xml")).toBe(await first.text("xl/workbook.xml"));
    const o1 = await openWorkbookFile(out());
    const o2 = await openWorkbookFile(again);
    expect(o2.snapshot.sheets).toEqual(o1.snapshot.sheets);
    expect(o2.ledger!.entries).toEqual(o1.ledger!.entries);

    // undo on the copy: every sheet the engine reads holds the input's cells again
    const host = new PatchHost(o2);
    expect(await host.undoLastRun()).toBe(o2.ledger!.entries.length);
    const undone = file("undone.xlsx");
    await fs.writeFile(undone, await host.package());
    const back = await openWorkbookFile(undone);
    const input = await openWorkbookFile(SAMPLE);
    for (const s of input.snapshot.sheets)
      expect(back.snapshot.sheets.find((x) => x.name === s.name)).toEqual(s);
    expect(back.ledger!.entries).toEqual([]);
    expect(back.sheets.every((s) => s.layout.cf.every((cf) => !cf.ours))).toBe(true);
  });
});

describe("a stray cell at XFD1048576", () => {
  it("scores the sample with such a cell in a sheet in well under two seconds, and keeps it", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(SAMPLE));
    const part = "xl/worksheets/sheet3.xml";
    const xml = await zip.file(part)!.async("string");
    zip.file(
      part,
      xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row></sheetData>'),
    );
    const input = file("far.xlsx");
    await fs.writeFile(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const start = performance.now();
    const r = await run("score", input, "--out", file("far-scored.xlsx"));
    const ms = performance.now() - start;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("总分 85.54 / 100，等级：良");
    expect(ms).toBeLessThan(2000);
    const copy = await (
      await JSZip.loadAsync(await fs.readFile(file("far-scored.xlsx")))
    )
      .file(part)!
      .async("string");
    expect(copy).toContain('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row></sheetData>');
  });
});

describe("StylePatch", () => {
  const STYLES =
    '<?xml version="1.0"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border/></borders>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0"><alignment wrapText="1"/></xf></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<colors><indexedColors><rgbColor rgb="FF000080"/></indexedColors></colors></styleSheet>';

  it("clones a cell style with another format (keeping its alignment), finds it again, adds numFmts and dxfs where the schema puts them", () => {
    const p = new StylePatch(STYLES);
    expect(p.withFormat(1, "#,##0")).toBe(1); // already that format (built-in 3)
    expect(p.withFormat(1, "0.00%")).toBe(2);
    expect(p.withFormat(1, "0.00%")).toBe(2);
    expect(p.withFormat(0, "0.000")).toBe(3);
    expect(p.fillDxf("FFF8D7DA")).toBe(0);
    expect(p.fillDxf("FFF8D7DA")).toBe(0);
    const xml = p.result();
    expect(xml).toContain(
      '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0"><alignment wrapText="1"/></xf>' +
        '<xf applyNumberFormat="1" numFmtId="10" fontId="0" fillId="0" borderId="0"><alignment wrapText="1"/></xf>' +
        '<xf applyNumberFormat="1" numFmtId="164" fontId="0" fillId="0" borderId="0"/></cellXfs>',
    );
    expect(xml).toContain(
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts',
    );
    expect(xml).toContain(
      '</cellStyles><dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFF8D7DA"/></patternFill></fill></dxf></dxfs><colors><indexedColors><rgbColor rgb="FF000080"/></indexedColors></colors>',
    );
    // the same records asked of the result: nothing more is added
    const q = new StylePatch(xml);
    expect(q.withFormat(1, "0.00%")).toBe(2);
    expect(q.fillDxf("FFF8D7DA")).toBe(0);
    expect(q.result()).toBe(xml);
  });
});

describe("PatchHost refusals", () => {
  it("refuses a plan on a protected sheet whole and writes nothing; never overwrites a user's value", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表").getCell("A1").value = "我的";
    const locked = wb.addWorksheet("锁");
    await locked.protect("", {});
    const opened = await openWorkbook("t.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const host = new PatchHost(opened);
    await expect(
      host.applyPlan({
        writes: [{ sheet: "锁", row: 0, col: 0, value: 1, role: "score" }],
        marks: [],
        skipped: [],
        sheets: ["锁"],
      } as never),
    ).rejects.toMatchObject({ code: "SheetProtected", sheet: "锁" });
    const applied = await host.applyPlan({
      writes: [
        { sheet: "表", row: 0, col: 0, value: 5, role: "score" },
        { sheet: "表", row: 0, col: 1, value: 6, numberFormat: "0.00", role: "score" },
      ],
      marks: [],
      skipped: [],
      sheets: ["表"],
    } as never);
    expect(applied.written).toBe(1);
    const back = await openWorkbook("t2.xlsx", await host.package());
    expect(back.snapshot.sheets[0].values).toEqual([["我的", 6]]);
    expect(back.ledger!.entries.map((e) => e.address)).toEqual(["B1"]);
  });
});
